import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { decodeAction } from '../../src/core/action-payload.ts';
import { actionButtonsOf, answerButtons, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

describe('solo quiz', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  test('a full round gives instant feedback with the explanation and ends with a summary', async () => {
    const alice = actor('alice', 'dm-alice', { chatKind: 'private' });
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    let response = await t.core.quiz.start(alice, article, 'solo');
    let question = onlyMessage(response);
    const total = Math.min(article.questions.length, 10);
    for (let position = 0; position < total; position++) {
      const { right, wrong, question: asked } = answerButtons(question, article);
      const pick = position % 2 === 0 ? right : wrong;
      response = await t.router.press(alice, pick.payload);
      expect(response.notice?.text).toMatch(position % 2 === 0 ? /^✅ Correct/ : /^❌ Not quite/);
      const feedback = response.messages[0];
      expect(feedback?.target).toEqual({ to: 'update' });
      expect(textOf(feedback?.message ?? { blocks: [], buttons: [] })).toContain(asked.explanation);
      if (position < total - 1) {
        const next = actionButtonsOf(feedback?.message ?? { blocks: [], buttons: [] });
        expect(next.map((button) => button.label)).toEqual(['Next question ▶', 'Stop quiz', 'Report']);
        t.clock.advance(5_000);
        response = await t.router.press(alice, next[0]?.payload ?? '');
        question = onlyMessage(response);
        expect(textOf(question)).toContain(`Question ${position + 2} of ${total}`);
      }
    }
    const summary = response.messages[1]?.message;
    expect(summary && textOf(summary)).toContain('Quiz complete');
    expect(summary && textOf(summary)).toContain(`"value":"${Math.ceil(total / 2)} of ${total}"`);
    expect(summary && textOf(summary)).toContain('"label":"Accuracy"');
  });

  test('a second press on the same question changes nothing', async () => {
    const alice = actor('alice');
    const article = t.catalog.all()[1];
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(alice, article, 'solo'));
    const { right, wrong } = answerButtons(question, article);
    await t.router.press(alice, wrong.payload);
    const again = await t.router.press(alice, right.payload);
    expect(again.notice).toEqual({ text: expect.stringContaining('already answered'), tone: 'error' });
    expect(again.messages).toEqual([]);
    const progress = await t.core.progress.show(alice);
    expect(textOf(onlyMessage(progress))).toContain('"label":"Questions answered","value":"1"');
    expect(textOf(onlyMessage(progress))).toContain('"label":"Accuracy","value":"0%"');
  });

  test('another user cannot answer someone else’s solo quiz', async () => {
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(actor('alice'), article, 'solo'));
    const { right } = answerButtons(question, article);
    const response = await t.router.press(actor('bob'), right.payload);
    expect(response.notice?.text).toContain('someone else’s quiz');
    const own = await t.router.press(actor('alice'), right.payload);
    expect(own.notice?.tone).toBe('ok');
  });

  test('a press from another chat, a garbled payload and an unknown round change nothing', async () => {
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(actor('alice', 'chat-1'), article, 'solo'));
    const { right } = answerButtons(question, article);
    expect((await t.router.press(actor('alice', 'chat-2'), right.payload)).notice?.text).toContain(
      'another chat',
    );
    expect((await t.router.press(actor('alice'), '1:a:zzz')).notice?.text).toContain('not valid');
    expect((await t.router.press(actor('alice'), 'x'.repeat(200))).notice?.text).toContain('not valid');
    const action = decodeAction(right.payload);
    if (action?.type !== 'answer') throw new Error('expected an answer payload');
    const forged = right.payload.replace(action.round, 'aaaaaaaaaa');
    expect((await t.router.press(actor('alice'), forged)).notice?.text).toContain('no longer available');
    expect((await t.router.press(actor('alice'), right.payload)).notice?.tone).toBe('ok');
  });

  test('choices are shuffled per round, reproducibly from the seed', async () => {
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const labels = async (seed: number) => {
      const other = await makeCore({ seed });
      try {
        const message = onlyMessage(await other.core.quiz.start(actor('a'), article, 'solo'));
        return actionButtonsOf(message).map((button) => button.label);
      } finally {
        await other.close();
      }
    };
    const first = await labels(7);
    expect(await labels(7)).toEqual(first);
    const orders = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) orders.add(JSON.stringify(await labels(seed)));
    expect(orders.size).toBeGreaterThan(3);
  });

  test('Stop leaves a solo quiz with the score so far; only its player can press it', async () => {
    const alice = actor('alice', 'chat-1');
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(alice, article, 'solo'));
    const answered = await t.router.press(alice, answerButtons(question, article).right.payload);
    const stop = actionButtonsOf(answered.messages[0]?.message ?? { blocks: [], buttons: [] }).find(
      (button) => button.label === 'Stop quiz',
    );
    const intruder = await t.router.press(actor('bob', 'chat-1'), stop?.payload ?? '');
    expect(intruder.notice?.text).toContain('someone else’s quiz');
    const stopped = await t.router.press(alice, stop?.payload ?? '');
    expect(stopped.messages[0]?.target).toEqual({ to: 'update' });
    const summary = textOf(stopped.messages[0]?.message ?? { blocks: [], buttons: [] });
    expect(summary).toContain('Quiz stopped');
    // Scored over the questions asked, not the ones the stop left unasked.
    expect(summary).toContain('"value":"1 of 1"');
    expect((await t.router.press(alice, stop?.payload ?? '')).notice?.text).toContain('has ended');
    expect(await t.core.quiz.openRounds()).toEqual([]);
  });

  test('a second solo /quiz ends the first (its answers still count); /stop then stops the one on screen', async () => {
    const alice = actor('alice', 'chat-1');
    const [first, second] = t.catalog.all();
    if (!first || !second) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(alice, first, 'solo'));
    await t.router.press(alice, answerButtons(question, first).wrong.payload);
    const again = await t.core.quiz.start(alice, second, 'solo');
    expect(again.notice?.text).toBe(
      `Your earlier quiz on “${first.title}” has ended; its answers still count.`,
    );
    const open = await t.core.quiz.openRounds();
    expect(open).toHaveLength(1);
    // A press left on the first quiz's question changes nothing.
    const late = await t.router.press(alice, answerButtons(question, first).right.payload);
    expect(late.messages).toEqual([]);
    const stopped = await t.core.quiz.stopInChat(alice, async () => false);
    const summary = textOf(stopped.messages[0]?.message ?? { blocks: [], buttons: [] });
    expect(summary).toContain(JSON.stringify(second.title).slice(1, -1));
    expect(summary).toContain('"value":"0 of 0"');
    expect(await t.core.quiz.openRounds()).toEqual([]);
    const progress = textOf(onlyMessage(await t.core.progress.show(alice)));
    expect(progress).toContain('"label":"Questions answered","value":"1"');
    // Someone else's solo quiz in the same chat is theirs to keep.
    const bob = actor('bob', 'chat-1');
    await t.core.quiz.start(bob, first, 'solo');
    expect((await t.core.quiz.start(alice, first, 'solo')).notice).toBeUndefined();
    expect(await t.core.quiz.openRounds()).toHaveLength(2);
  });
});
