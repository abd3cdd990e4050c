import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ChatDelivery } from '../../src/core/quiz/quiz-service.ts';
import { silentLogger } from '../../src/logger.ts';
import { RoundTimers } from '../../src/schedule/round-timers.ts';
import { actionButtonsOf, answerButtons, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

describe('group quiz', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  async function startGroup(seconds = 30) {
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const started = await t.core.quiz.start(actor('host'), article, 'group', seconds);
    const out = started.messages[0];
    if (!out) throw new Error('no question posted');
    expect(out.target).toEqual({ to: 'reply' });
    await t.core.quiz.rememberSent(out, 'msg-q1');
    return { article, question: out.message };
  }

  test('three players answer; at close the answer, who got it and the standings are shown', async () => {
    const { article, question } = await startGroup();
    const { right, wrong } = answerButtons(question, article);
    const ana = await t.router.press(actor('ana'), right.payload);
    expect(ana.notice?.text).toMatch(/^✅ Correct/);
    expect(ana.messages).toEqual([]);
    expect(ana.live).toMatchObject({ ref: 'msg-q1', position: 0 });
    const live = async () => {
      const now = await t.core.quiz.liveQuestion(ana.live?.roundId ?? '', 0);
      return now ? textOf(now.message) : 'closed';
    };
    expect(await live()).toContain('1 answered');
    t.clock.advance(1_000);
    await t.router.press(actor('ben'), wrong.payload);
    t.clock.advance(1_000);
    const cy = await t.router.press(actor('cy'), right.payload);
    expect(cy.live).toEqual(ana.live);
    expect(await live()).toContain('3 answered');

    expect(await t.core.quiz.closeDue((await t.core.quiz.openRounds())[0]?.id ?? '')).toBeUndefined();
    t.clock.advance(30_000);
    const [round] = await t.core.quiz.openRounds();
    const closing = await t.core.quiz.closeDue(round?.id ?? '');
    expect(closing?.messages.map((out) => out.target)).toEqual([
      { to: 'edit', ref: 'msg-q1' },
      { to: 'chat' },
    ]);
    expect(closing?.messages[0]?.closesLive).toBe(true);
    expect(await live()).toBe('closed');
    const closed = textOf(closing?.messages[0]?.message ?? { blocks: [], buttons: [] });
    expect(closed).toContain(`"label":"Answer","value":"${right.label.replace(/"/g, '\\"')}"`);
    expect(closed).toContain('Got it (2 of 3)');
    expect(closed).toContain('User ana, User cy');
    expect(closed).toContain('"rows":[["1","User ana","1"],["2","User cy","1"],["3","User ben","0"]]');
    expect(textOf(closing?.messages[1]?.message ?? { blocks: [], buttons: [] })).toContain('Question 2 of');
  });

  test('a late answer and a press on an earlier question change nothing', async () => {
    const { article, question } = await startGroup(10);
    const { right } = answerButtons(question, article);
    t.clock.advance(10_001);
    const late = await t.router.press(actor('ana'), right.payload);
    expect(late.notice?.text).toContain('Time is up');
    const [round] = await t.core.quiz.openRounds();
    await t.core.quiz.closeDue(round?.id ?? '');
    const stale = await t.router.press(actor('ana'), right.payload);
    expect(stale.notice?.text).toContain('Time is up');
    const board = await t.core.progress.leaderboard(actor('ana'), 'all');
    expect(textOf(onlyMessage(board))).toContain('No answers in this chat yet');
  });

  test('a round ends with final standings and a press afterwards says it has ended', async () => {
    const { article, question } = await startGroup(10);
    const { right } = answerButtons(question, article);
    let shown = question;
    let deliveries = 0;
    let last: ChatDelivery | undefined;
    for (;;) {
      // Someone answers each question, so the round runs to its end.
      await t.router.press(actor('ana'), answerButtons(shown, article).right.payload);
      t.clock.advance(10_001);
      const [round] = await t.core.quiz.openRounds();
      if (!round) break;
      last = await t.core.quiz.closeDue(round.id);
      deliveries++;
      const next = last?.messages.find((out) => out.remember !== undefined);
      if (next) shown = next.message;
    }
    expect(deliveries).toBe(Math.min(article.questions.length, 10));
    const summary = textOf(last?.messages.at(-1)?.message ?? { blocks: [], buttons: [] });
    expect(summary).toContain('Quiz complete');
    expect(summary).toContain('Final standings');
    const after = await t.router.press(actor('ben'), right.payload);
    expect(after.notice?.text).toContain('has ended');
    const again = await t.core.quiz.start(actor('host'), article, 'group');
    expect(actionButtonsOf(onlyMessage(again)).length).toBeGreaterThan(1);
  });

  test('when nobody answers two questions in a row, the round stops there and says why', async () => {
    const { article } = await startGroup(10);
    const closings: (ChatDelivery | undefined)[] = [];
    for (let question = 0; question < 2; question++) {
      t.clock.advance(10_001);
      const [round] = await t.core.quiz.openRounds();
      closings.push(await t.core.quiz.closeDue(round?.id ?? ''));
    }
    expect(await t.core.quiz.openRounds()).toEqual([]);
    const summary = textOf(closings[1]?.messages.at(-1)?.message ?? { blocks: [], buttons: [] });
    expect(summary).toContain(`Quiz stopped · ${article.title}`);
    expect(summary).toContain('Nobody answered two questions in a row');
    // The chat is free for the next round.
    const again = await t.core.quiz.start(actor('host'), article, 'group');
    expect(actionButtonsOf(onlyMessage(again)).length).toBeGreaterThan(1);
  });

  test('/stop: refused to a member, done by whoever started the round, with the standings so far', async () => {
    const { article, question } = await startGroup(30);
    await t.router.press(actor('ana'), answerButtons(question, article).right.payload);
    const member = await t.router.runLine(actor('ben'), { name: 'stop', args: '' }, async () => false);
    expect(member.notice?.text).toContain('Only whoever started this quiz, or a chat admin');
    expect(await t.core.quiz.openRounds()).toHaveLength(1);
    const host = await t.router.runLine(actor('host'), { name: 'stop', args: '' }, async () => false);
    expect(host.messages.map((out) => out.target)).toEqual([{ to: 'edit', ref: 'msg-q1' }, { to: 'chat' }]);
    expect(host.messages[0]?.closesLive).toBe(true);
    const summary = textOf(host.messages[1]?.message ?? { blocks: [], buttons: [] });
    expect(summary).toContain('User host stopped the quiz');
    expect(summary).toContain('"rows":[["1","User ana","1"]]');
    expect(await t.core.quiz.openRounds()).toEqual([]);
    const nothing = await t.router.runLine(actor('host'), { name: 'stop', args: '' }, async () => true);
    expect(nothing.notice?.text).toContain('No quiz is running here');
  });

  test('/stop by a chat admin who did not start the round', async () => {
    await startGroup(30);
    const admin = await t.router.runLine(actor('cy'), { name: 'stop', args: '' }, async () => true);
    expect(textOf(admin.messages.at(-1)?.message ?? { blocks: [], buttons: [] })).toContain(
      'User cy stopped',
    );
  });

  test('only one group round runs in a chat at a time', async () => {
    await startGroup();
    const second = await t.router.runLine(actor('zed'), { name: 'quiz', args: 'group' }, async () => false);
    expect(second.notice?.text).toContain('already running');
    const elsewhere = await t.router.runLine(
      actor('zed', 'chat-9'),
      { name: 'quiz', args: 'group' },
      async () => false,
    );
    expect(elsewhere.messages).toHaveLength(1);
  });

  test('timers close questions on time and post to the chat', async () => {
    const delivered: ChatDelivery[] = [];
    const timers = new RoundTimers(
      t.core.quiz,
      async (delivery: ChatDelivery) => {
        delivered.push(delivery);
      },
      new Set(['console'] as const),
      t.clock,
      t.clock,
      silentLogger(),
    );
    await timers.start();
    try {
      await startGroup(10);
      t.clock.advance(10_001);
      const [round] = await t.core.quiz.openRounds();
      await timers.fire(round?.id ?? '');
      expect(delivered).toHaveLength(1);
      expect(delivered[0]?.chatId).toBe('chat-1');
    } finally {
      await timers.stop();
    }
  });
});
