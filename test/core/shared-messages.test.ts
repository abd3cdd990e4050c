import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { encodeAction } from '../../src/core/action-payload.ts';
import { articleRef } from '../../src/core/article-catalog.ts';
import { answerButtons } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

describe('a message the whole chat shares', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  const shared = { ref: 'chat-1:100', shared: true };
  const ref = () => articleRef('deepseek-v4-delay');

  test.each([
    ['Read the article', () => encodeAction({ type: 'read', article: ref(), step: 0 })],
    ['Leaderboard', () => encodeAction({ type: 'board', period: 'week' })],
    ['a brief section', () => encodeAction({ type: 'section', article: ref(), section: 'timeline' })],
    ['a brief', () => encodeAction({ type: 'brief', article: ref() })],
    ['More news', () => encodeAction({ type: 'news', page: 1 })],
  ])(
    'pressing “%s” on it answers the presser privately and leaves the message as it is',
    async (_, payload) => {
      const response = await t.router.press(actor('ana'), payload(), shared);
      expect(response.messages.length).toBeGreaterThan(0);
      for (const out of response.messages) expect(out.target).toEqual({ to: 'private' });
    },
  );

  test('in a private chat, the same presses turn the page in place', async () => {
    const response = await t.router.press(
      actor('ana', 'ana-dm', { chatKind: 'private' }),
      encodeAction({ type: 'read', article: ref(), step: 1 }),
      { ref: 'ana-dm:7', shared: false },
    );
    expect(response.messages[0]?.target).toEqual({ to: 'update' });
  });

  test('“Challenge the chat” while a group round runs says so (the expected error is not an apology)', async () => {
    const challenge = encodeAction({ type: 'quiz', article: ref(), mode: 'group' });
    const first = await t.router.press(actor('ana'), challenge, shared);
    expect(first.messages[0]?.target).toEqual({ to: 'reply' });
    const second = await t.router.press(actor('ben'), challenge, shared);
    expect(second.notice?.text).toContain('already running');
    expect(second.messages).toEqual([]);
  });

  test('an answer pressed on a copy of the question that is not the live one counts nothing and makes the copy harmless', async () => {
    const article = t.catalog.byId('deepseek-v4-delay');
    if (!article) throw new Error('no content');
    const started = await t.core.quiz.start(actor('host'), article, 'group', 60);
    if (started.messages[0]) await t.core.quiz.rememberSent(started.messages[0], 'chat-1:200');
    const { right } = answerButtons(started.messages[0]?.message ?? { blocks: [], buttons: [] }, article);
    const copy = await t.router.press(actor('ana'), right.payload, { ref: 'chat-1:199', shared: true });
    expect(copy.notice?.text).toContain('newer message');
    expect(copy.messages[0]?.target).toEqual({ to: 'update' });
    expect(copy.messages[0]?.message.buttons).toEqual([]);
    const live = await t.router.press(actor('ana'), right.payload, { ref: 'chat-1:200', shared: true });
    expect(live.notice?.text).toMatch(/^✅/);
  });
});
