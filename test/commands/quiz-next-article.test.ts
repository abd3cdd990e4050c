// `/quiz` with no article: the newest article the person has not finished (every question answered).
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import type { Actor } from '../../src/core/actor.ts';
import type { Response } from '../../src/core/output.ts';
import { allFinished } from '../../src/core/unfinished-article.ts';
import { actionButtonsOf, answerButtons, onlyMessage } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

const ana = actor('ana', 'ana', { chatKind: 'private', name: 'Ana' });

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

const quiz = (who: Actor, args = '') => t.router.runLine(who, { name: 'quiz', args }, async () => false);
const titleOf = (response: Response) => {
  const title = onlyMessage(response).blocks[0];
  return title?.kind === 'title' ? title.text : '';
};

/** Answers every question a solo round asks, from its first question on; `stopAfter` ends it early. */
async function play(who: Actor, started: Response, article: Article, stopAfter = Infinity): Promise<void> {
  let question = onlyMessage(started);
  for (let answered = 1; ; answered++) {
    const feedback = onlyMessage(await t.router.press(who, answerButtons(question, article).wrong.payload));
    const next = actionButtonsOf(feedback).find((button) => button.advance);
    if (!next || answered >= stopAfter) return;
    question = onlyMessage(await t.router.press(who, next.payload));
  }
}

test('with no article, /quiz starts the newest one the person has not answered every question of', async () => {
  const [newest, second, third] = t.catalog.all();
  if (!newest || !second || !third) throw new Error('content needs three articles');
  expect(titleOf(await quiz(ana))).toContain(newest.title);

  // Answering every question of the newest (wrong answers count: it was answered) moves /quiz on.
  await play(ana, await quiz(ana, newest.id), newest);
  const next = await quiz(ana);
  expect(titleOf(next)).toContain(second.title);
  expect(next.notice).toBeUndefined();

  // A round stopped halfway leaves the article unfinished.
  await play(ana, await quiz(ana, second.id), second, 2);
  expect(titleOf(await quiz(ana))).toContain(second.title);
  // Finished from a group round just as well (the questions it asked).
  const group = actor('ana', 'group-1', { chatKind: 'group', name: 'Ana' });
  let shown = onlyMessage(await t.core.quiz.start(group, second, 'group', 60));
  const round = (await t.core.quiz.openRounds()).find((entry) => entry.mode === 'group');
  if (!round) throw new Error('no group round');
  for (let position = 0; position < round.questions.length; position++) {
    await t.router.press(group, answerButtons(shown, second).right.payload);
    t.clock.advance(61_000);
    const closed = await t.core.quiz.closeDue(round.id);
    const next = closed?.messages.at(-1)?.message;
    if (next && position < round.questions.length - 1) shown = next;
  }
  expect(titleOf(await quiz(ana))).toContain(third.title);
});

test('when every article is finished, /quiz starts the newest again and says so', async () => {
  for (const article of t.catalog.all()) await play(ana, await quiz(ana, article.id), article);
  const again = await quiz(ana);
  expect(titleOf(again)).toContain(t.catalog.all()[0]?.title ?? '?');
  expect(again.notice).toEqual({ text: allFinished(), tone: 'info' });
  // Someone else has finished nothing.
  expect((await quiz(actor('ben', 'ben', { chatKind: 'private' }))).notice).toBeUndefined();
});
