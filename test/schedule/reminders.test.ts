import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { systemClock, systemTimers } from '../../src/core/clock.ts';
import { reasonForLog } from '../../src/core/reason-text.ts';
import type { OutboxItem } from '../../src/core/records/outbox.ts';
import { silentLogger } from '../../src/logger.ts';
import { PostScheduler } from '../../src/schedule/post-scheduler.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { answerButtons, onlyMessage } from '../support/quiz-helpers.ts';
import { makeCore, type TestCore } from '../support/test-core.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Ana in a Telegram group; her reminders go to her private chat (her user id). */
const ana: Actor = {
  platform: 'telegram',
  userId: '501',
  name: 'Ana',
  chatId: '-100900',
  chatKind: 'group',
  privateChatId: '501',
};

describe('review reminders on the scheduler', () => {
  let t: TestCore | undefined;
  let schedulers: PostScheduler[] = [];
  afterEach(async () => {
    for (const scheduler of schedulers) await scheduler.stop();
    schedulers = [];
    vi.useRealTimers();
    await t?.close();
  });

  async function setup(now: string) {
    vi.useRealTimers();
    vi.useFakeTimers({
      now: Date.parse(now),
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const core = await makeCore({ systemTime: true });
    t = core;
    const outbox = new OutboxRepository(core.store.records);
    const subscriptions = new SubscriptionsRepository(core.store.records);
    /** A process of the bot: it knows only the store. */
    const instance = () => {
      const scheduler = new PostScheduler({
        core: core.core,
        subscriptions,
        outbox,
        clock: systemClock,
        timers: systemTimers,
        graceMs: 2 * HOUR,
        platforms: new Set(['telegram']),
        log: silentLogger(),
        onQueued: () => {},
      });
      schedulers.push(scheduler);
      return scheduler;
    };
    const items = async (): Promise<OutboxItem[]> => {
      const all = await Promise.all((await outbox.pendingIds()).map((id) => outbox.get(id)));
      return all.filter((item) => item !== undefined).sort((a, b) => a.scheduledFor - b.scheduledFor);
    };
    const remind = (args: string) => core.router.runLine(ana, { name: 'remind', args }, async () => false);
    /** A solo quiz's first question answered wrongly (a card due at once). */
    const miss = async () => {
      const article = core.catalog.byId('deepseek-v4-delay');
      if (!article) throw new Error('no content');
      const question = onlyMessage(await core.core.quiz.start(ana, article, 'solo'));
      await core.router.press(ana, answerButtons(question, article).wrong.payload);
      await core.core.effects.flush();
    };
    const reminderId = async () => (await subscriptions.forChat('telegram', '501'))[0]?.id ?? '';
    return { core, outbox, subscriptions, instance, items, remind, miss, reminderId };
  }

  const text = (item: OutboxItem | undefined) =>
    item?.payload.kind === 'message' ? JSON.stringify(item.payload.message) : '';

  test('at the user’s local time, to their private chat, once a day, saying what is due and what is at risk', async () => {
    const s = await setup('2026-11-23T10:00:00Z');
    await s.core.core.progress.setTimezone(ana, 'Europe/Berlin');
    await s.remind('19:00');
    await s.miss();
    await s.instance().start();
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    const [first, ...others] = await s.items();
    expect(others).toEqual([]);
    expect(first).toMatchObject({ platform: 'telegram', chatId: '501', period: '2026-11-23' });
    expect(new Date(first?.scheduledFor ?? 0).toISOString()).toBe('2026-11-23T18:00:00.000Z');
    expect(text(first)).toContain('1 question you missed is due for review.');
    expect(text(first)).toContain('"label":"Start review"');
    // Tuesday: Monday's card is still learning (FSRS's short steps), and her streak ends at midnight.
    await vi.advanceTimersByTimeAsync(DAY);
    const [, tuesday, ...more] = await s.items();
    expect(more).toEqual([]);
    expect(tuesday?.period).toBe('2026-11-24');
    expect(new Date(tuesday?.scheduledFor ?? 0).toISOString()).toBe('2026-11-24T18:00:00.000Z');
    expect(text(tuesday)).toContain('1 question you missed is due for review.');
    expect(text(tuesday)).toContain(
      'Your 1 day streak ends at midnight (Europe/Berlin) unless you answer today.',
    );
  }, 30_000);

  test('a streak at risk is a reason on its own: the day after being active, with nothing due', async () => {
    const s = await setup('2026-11-23T10:00:00Z');
    await s.remind('20:00');
    const article = s.core.catalog.byId('deepseek-v4-delay');
    if (!article) throw new Error('no content');
    const question = onlyMessage(await s.core.core.quiz.start(ana, article, 'solo'));
    await s.core.router.press(ana, answerButtons(question, article).right.payload);
    await s.instance().start();
    await vi.advanceTimersByTimeAsync(DAY + 11 * HOUR);
    const reminders = await s.items();
    // Monday: active, nothing due: quiet. Tuesday: the one-day streak ends at midnight.
    expect(reminders.map((item) => item.period)).toEqual(['2026-11-24']);
    expect(text(reminders[0])).toContain('Your 1 day streak ends at midnight (UTC) unless you answer today.');
    const quiet = await s.subscriptions.getFire(await s.reminderId(), '2026-11-23');
    expect(quiet?.status).toBe('skipped');
    expect(quiet?.reason && reasonForLog(quiet.reason)).toBe('no reviews due and the streak is safe');
  }, 30_000);

  test('exactly once across restarts: a run queued before a restart is not queued again, and one missed while down is sent on start once', async () => {
    const s = await setup('2026-11-23T18:00:00Z');
    await s.remind('19:00');
    await s.miss();
    const first = s.instance();
    await first.start();
    await vi.advanceTimersByTimeAsync(HOUR + 60_000);
    expect(await s.items()).toHaveLength(1);
    await first.stop();
    // Restarted 30 minutes later, inside the grace window: the run is settled, nothing more is queued.
    vi.setSystemTime(Date.parse('2026-11-23T19:30:00Z'));
    await s.instance().start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await s.items()).toHaveLength(1);
    for (const scheduler of schedulers) await scheduler.stop();
    // Down over the next day's 19:00, up at 20:00: sent on start, once, whichever instances start.
    vi.setSystemTime(Date.parse('2026-11-24T20:00:00Z'));
    await Promise.all([s.instance().start(), s.instance().start()]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await s.items()).map((item) => item.period)).toEqual(['2026-11-23', '2026-11-24']);
  }, 30_000);

  test('/remind off stops the runs live', async () => {
    const s = await setup('2026-11-23T10:00:00Z');
    await s.remind('19:00');
    await s.miss();
    await s.instance().start();
    await s.remind('off');
    await vi.advanceTimersByTimeAsync(2 * DAY);
    expect(await s.items()).toEqual([]);
  }, 30_000);
});
