import { describe, expect, test } from 'vitest';
import { localDay } from '../../src/core/calendar.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { replayStreak } from '../../src/core/streak.ts';
import { answerButtons, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore } from '../support/test-core.ts';

describe('daily streaks', () => {
  const daysOf = (instants: string[], zone: string) =>
    [...new Set(instants.map((at) => localDay(Date.parse(at), zone)))].sort();
  const streak = (activeDays: string[], today: string) =>
    replayStreak({ activeDays, restDays: [], completedDays: [] }, today);

  test('days are counted in the user’s time zone, not the server’s', () => {
    // 23:30 in Tokyo on 1 March is 14:30 UTC; 00:30 in Tokyo on 2 March is 15:30 UTC the same UTC day.
    const instants = ['2026-03-01T14:30:00Z', '2026-03-01T15:30:00Z'];
    const tokyo = daysOf(instants, 'Asia/Tokyo');
    expect(tokyo).toEqual(['2026-03-01', '2026-03-02']);
    expect(streak(tokyo, '2026-03-02')).toMatchObject({ current: 2, best: 2 });
    expect(streak(daysOf(instants, 'UTC'), '2026-03-01').current).toBe(1);
  });

  test('a streak spans a DST change and lapses after a missed day', () => {
    // Europe/Berlin switches to summer time on 29 March 2026.
    const zone = 'Europe/Berlin';
    const days = daysOf(['2026-03-28T21:30:00Z', '2026-03-29T21:30:00Z', '2026-03-30T06:00:00Z'], zone);
    expect(days).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(streak(days, localDay(Date.parse('2026-03-31T21:00:00Z'), zone)).current).toBe(3);
    expect(streak(days, localDay(Date.parse('2026-04-01T22:30:00Z'), zone)).current).toBe(0);
    const later = [...days, localDay(Date.parse('2026-04-02T08:00:00Z'), zone)];
    expect(streak(later, '2026-04-02')).toMatchObject({ current: 1, best: 3 });
  });
});

describe('progress and leaderboards', () => {
  test('progress counts answers, accuracy, articles read and the streak; /timezone moves the day boundary', async () => {
    const clock = new ManualClock(Date.parse('2026-11-23T23:30:00Z'));
    const t = await makeCore({ clock });
    try {
      const ana = actor('ana');
      const tz = await t.router.runLine(ana, { name: 'timezone', args: 'Asia/Tokyo' }, async () => false);
      expect(textOf(onlyMessage(tz))).toContain('Asia/Tokyo');
      const bad = await t.router.runLine(ana, { name: 'timezone', args: 'Mars/Olympus' }, async () => false);
      expect(bad.notice?.text).toContain('not "Mars/Olympus"');

      const article = t.catalog.all()[0];
      if (!article) throw new Error('no content');
      let step = await t.router.runLine(ana, { name: 'read', args: article.id }, async () => false);
      for (let index = 0; index < article.reading.length; index++) {
        const next = onlyMessage(step)
          .buttons.flat()
          .find((button) => button.kind === 'action' && /Next|Finish/.test(button.label));
        if (next?.kind !== 'action') throw new Error('no next button');
        step = await t.router.press(ana, next.payload);
      }
      expect(textOf(onlyMessage(step))).toContain(`You read ${article.reading.length} focus sentences.`);

      const question = onlyMessage(await t.core.quiz.start(ana, article, 'solo'));
      await t.router.press(ana, answerButtons(question, article).right.payload);
      clock.advance(3_600_000);
      const shown = textOf(
        onlyMessage(await t.router.runLine(ana, { name: 'progress', args: '' }, async () => false)),
      );
      expect(shown).toContain('"label":"Articles read","value":"1"');
      expect(shown).toContain('"label":"Questions answered","value":"1"');
      expect(shown).toContain('"label":"Accuracy","value":"100%"');
      expect(shown).toContain('"label":"Daily streak","value":"1 day (best 1)"');
      expect(shown).toContain('Asia/Tokyo');
    } finally {
      await t.close();
    }
  });

  test('the chat leaderboard ranks this week and all time separately', async () => {
    const clock = new ManualClock(Date.parse('2026-11-16T10:00:00Z'));
    const t = await makeCore({ clock });
    try {
      const article = t.catalog.all()[0];
      if (!article) throw new Error('no content');
      const play = async (userId: string, right: boolean) => {
        const question = onlyMessage(await t.core.quiz.start(actor(userId), article, 'solo'));
        const buttons = answerButtons(question, article);
        await t.router.press(actor(userId), (right ? buttons.right : buttons.wrong).payload);
      };
      await play('old-timer', true);
      await play('old-timer', true);
      clock.set(Date.parse('2026-11-23T10:00:00Z'));
      await play('newcomer', true);
      await play('loser', false);
      const week = textOf(onlyMessage(await t.core.progress.leaderboard(actor('x'), 'week')));
      expect(week).toContain('this week, 23–29 Nov');
      expect(week).toContain('"rows":[["1","User newcomer","1","100%"],["2","User loser","0","0%"]]');
      const all = textOf(onlyMessage(await t.core.progress.leaderboard(actor('x'), 'all')));
      expect(all).toContain('["1","User old-timer","2","100%"]');
      const elsewhere = textOf(
        onlyMessage(await t.core.progress.leaderboard(actor('x', 'other-chat'), 'all')),
      );
      expect(elsewhere).toContain('No answers in this chat yet');
    } finally {
      await t.close();
    }
  });
});
