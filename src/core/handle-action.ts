// Routes a pressed button's payload to the core; the acting user always comes from the event.
import { decodeAction } from './action-payload.ts';
import type { Actor } from './actor.ts';
import type { CoreServices } from './core-services.ts';
import { showNews } from './news-page.ts';
import { notice, type Response, reply } from './output.ts';
import { briefCard, briefSection, topicsList } from './present-brief.ts';
import { showReadingStep } from './reading-service.ts';
import { isUserError } from './user-error.ts';

export async function handleAction(core: CoreServices, actor: Actor, payload: string): Promise<Response> {
  const action = decodeAction(payload);
  if (!action) return notice('That button is not valid. Send /help to start again.', 'error');
  const catalog = core.catalog();
  const articleFor = (ref: string) => catalog.byRef(ref);
  const gone = () => notice('That article is no longer available. See /news for the latest.', 'error');
  try {
    switch (action.type) {
      case 'brief': {
        const article = articleFor(action.article);
        return article ? reply(briefCard(article, core.clock.now())) : gone();
      }
      case 'section': {
        const article = articleFor(action.article);
        return article ? reply(briefSection(catalog, article, action.section), { to: 'private' }) : gone();
      }
      case 'read': {
        const article = articleFor(action.article);
        return article
          ? showReadingStep(core.progress, actor, article, action.step, { to: 'update' })
          : gone();
      }
      case 'quiz': {
        const article = articleFor(action.article);
        return article ? core.quiz.start(actor, article, action.mode) : gone();
      }
      case 'answer':
        return await core.quiz.answer(actor, action.round, action.question, action.choice);
      case 'next':
        return await core.quiz.next(actor, action.round, action.question);
      case 'news':
        // A topic button opens a new list; More and Previous turn the page of the list they are on.
        return showNews(core, action.topic, action.page ?? 0, {
          to: action.page === undefined ? 'reply' : 'update',
        });
      case 'topics':
        return reply(topicsList(catalog.topics(), action.page), { to: 'update' });
      case 'board': {
        const response = await core.progress.leaderboard(actor, action.period);
        return { messages: response.messages.map((out) => ({ ...out, target: { to: 'update' } })) };
      }
    }
  } catch (error) {
    if (isUserError(error)) return notice(error.message, 'error');
    throw error;
  }
}
