// Routes a pressed button's payload to the core; the acting user always comes from the event.
import { t } from '../i18n/current-locale.ts';
import { type Action, decodeAction } from './action-payload.ts';
import type { Actor } from './actor.ts';
import type { CoreServices } from './core-services.ts';
import { showNews } from './news-page.ts';
import { notice, type Response, reply } from './output.ts';
import { briefCard, briefSection, topicsList } from './present-brief.ts';
import { showReadingStep } from './reading-service.ts';
import { isUserError } from './user-error.ts';

/**
 * Actions that show something to the person who pressed: in a group or channel they are answered
 * privately, and never replace a message the whole chat shares. Answers, starting a group quiz and
 * moving on in one's own solo quiz are meant for the message they are on.
 */
const PERSONAL: ReadonlySet<Action['type']> = new Set([
  'brief',
  'section',
  'read',
  'news',
  'topics',
  'board',
  'review',
  'unlink',
  'report',
  'reason',
  'note',
]);

/** The message a button was on, as the platform tells it. */
export interface PressedMessage {
  /** Its platform reference. */
  ref: string;
  /** The whole chat sees it (not a private chat, not a message only the presser sees). */
  shared: boolean;
}

export async function handleAction(
  core: CoreServices,
  actor: Actor,
  payload: string,
  pressed?: PressedMessage,
): Promise<Response> {
  const action = decodeAction(payload);
  if (!action) return notice(t('action-invalid-button'), 'error');
  try {
    const response = await run(core, actor, action, pressed?.ref);
    return pressed?.shared && PERSONAL.has(action.type) ? toThePerson(response) : response;
  } catch (error) {
    if (isUserError(error)) return notice(error.message, 'error');
    throw error;
  }
}

/** Everything that would replace or follow the shared message goes to the person instead. */
function toThePerson(response: Response): Response {
  return {
    ...response,
    messages: response.messages.map((out) =>
      out.target.to === 'update' || out.target.to === 'reply' ? { ...out, target: { to: 'private' } } : out,
    ),
  };
}

async function run(core: CoreServices, actor: Actor, action: Action, pressed?: string): Promise<Response> {
  const catalog = core.catalog();
  const articleFor = (ref: string) => catalog.byRef(ref);
  const gone = () => notice(t('action-article-gone'), 'error');
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
      return article ? showReadingStep(core.progress, actor, article, action.step, { to: 'update' }) : gone();
    }
    case 'quiz': {
      const article = articleFor(action.article);
      return article ? core.quiz.start(actor, article, action.mode) : gone();
    }
    case 'answer':
      return core.quiz.answer(actor, action.round, action.question, action.choice, pressed);
    case 'next':
      return core.quiz.next(actor, action.round, action.question, pressed);
    case 'stop':
      return core.quiz.stop(actor, action.round);
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
    case 'review':
      return core.quiz.review(actor);
    case 'unlink':
      return core.links.unlink(actor, action.link);
    case 'report':
      return core.reports.prompt(actor, action.round, action.question);
    case 'reason':
      return core.reports.choose(actor, action.round, action.question, action.reason);
    case 'note':
      // Pressed as a button: the note is left out.
      return core.reports.note(actor, action.round, action.question, undefined, 'update');
  }
}

/**
 * Text typed in answer to an ask (Response.ask) in a platform's dialog, sent back with the ask's
 * payload; `pressed` is the message the dialog was opened from, when the platform says.
 */
export async function handleSubmit(
  core: CoreServices,
  actor: Actor,
  payload: string,
  text: string,
  pressed?: PressedMessage,
): Promise<Response> {
  const action = decodeAction(payload);
  if (action?.type !== 'note') return notice(t('action-invalid-form'), 'error');
  try {
    return await core.reports.note(actor, action.round, action.question, text, pressed ? 'update' : 'reply');
  } catch (error) {
    if (isUserError(error)) return notice(error.message, 'error');
    throw error;
  }
}

/** Text a person sent outside a command (a private chat): the answer to an open ask, or nothing. */
export async function handleReply(core: CoreServices, actor: Actor, text: string): Promise<Response> {
  try {
    return await core.reports.reply(actor, text);
  } catch (error) {
    if (isUserError(error)) return notice(error.message, 'error');
    throw error;
  }
}
