import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { systemClock, systemTimers } from '../../src/core/clock.ts';
import { reasonForLog } from '../../src/core/reason-text.ts';
import type { SubscribeSpec } from '../../src/core/subscription-service.ts';
import { silentLogger } from '../../src/logger.ts';
import { PostScheduler } from '../../src/schedule/post-scheduler.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { makeCore, type TestCore } from '../support/test-core.ts';

const admin: Actor = {
  platform: 'telegram',
  userId: 'admin',
  name: 'Admin',
  chatId: '-100500',
  chatKind: 'group',
};

async function setup(now: string, graceMs = 2 * 3_600_000) {
  vi.useRealTimers();
  vi.useFakeTimers({
    now: Date.parse(now),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  const t = await makeCore({ systemTime: true });
  const outbox = new OutboxRepository(t.store.records);
  const subscriptions = new SubscriptionsRepository(t.store.records);
  let queued = 0;
  const scheduler = new PostScheduler({
    core: t.core,
    subscriptions,
    outbox,
    clock: systemClock,
    timers: systemTimers,
    graceMs,
    platforms: new Set(['telegram']),
    log: silentLogger(),
    onQueued: () => {
      queued++;
    },
  });
  const items = async () =>
    Promise.all((await outbox.pendingIds()).map(async (id) => (await outbox.get(id)) ?? undefined)).then(
      (list) => list.filter((item) => item !== undefined).sort((a, b) => a.scheduledFor - b.scheduledFor),
    );
  const subscribe = (spec: Partial<SubscribeSpec> & Pick<SubscribeSpec, 'kind' | 'time'>, who = admin) =>
    t.core.subscriptions.subscribe(who, { timezone: 'Europe/Berlin', topics: [], ...spec });
  return { t, scheduler, outbox, subscriptions, items, subscribe, queued: () => queued };
}

describe('scheduled posts', () => {
  let t: TestCore | undefined;
  let scheduler: PostScheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    vi.useRealTimers();
    await t?.close();
  });

  test('fires at local time in a time zone across a DST change, once per day', async () => {
    const s = await setup('2026-03-27T12:00:00Z');
    ({ t, scheduler } = s);
    await s.subscribe({ kind: 'quiz-of-the-day', time: '08:30' });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 86_400_000);
    const fired = (await s.items()).map((item) => [item.period, new Date(item.scheduledFor).toISOString()]);
    expect(fired).toEqual([
      ['2026-03-28', '2026-03-28T07:30:00.000Z'],
      ['2026-03-29', '2026-03-29T06:30:00.000Z'],
      ['2026-03-30', '2026-03-30T06:30:00.000Z'],
    ]);
    // A second fire for the same period (another instance, a restart) changes nothing.
    await scheduler.fire((await s.items())[0]?.subscriptionId ?? '', Date.parse('2026-03-28T07:30:00Z'));
    expect(await s.items()).toHaveLength(3);
  });

  test('changes apply live: a new time moves the post, unsubscribing stops it', async () => {
    const s = await setup('2026-06-01T05:00:00Z');
    ({ t, scheduler } = s);
    await scheduler.start();
    await s.subscribe({ kind: 'quiz-of-the-day', time: '09:00' });
    await s.subscribe({ kind: 'quiz-of-the-day', time: '07:15' });
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect((await s.items()).map((item) => new Date(item.scheduledFor).toISOString())).toEqual([
      '2026-06-01T05:15:00.000Z',
    ]);
    await s.t.core.subscriptions.unsubscribe(admin, 'quiz-of-the-day');
    await vi.advanceTimersByTimeAsync(2 * 86_400_000);
    expect(await s.items()).toHaveLength(1);
  });

  test('a weekly recap fires on its weekday only: skipped when the week was empty, else the week’s articles', async () => {
    const s = await setup('2026-11-16T00:00:00Z');
    ({ t, scheduler } = s);
    await s.subscribe({ kind: 'weekly-recap', time: '09:00', weekday: 'mon', timezone: 'UTC' });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(8 * 86_400_000);
    const items = await s.items();
    expect(items.map((item) => item.period)).toEqual(['2026-W48']);
    const [sub] = await s.subscriptions.forChat('telegram', admin.chatId);
    const empty = await s.subscriptions.getFire(sub?.id ?? '', '2026-W47');
    expect(empty?.status).toBe('skipped');
    expect(empty?.reason && reasonForLog(empty.reason)).toBe(
      'no articles and no quiz answers in the past week',
    );
    const recap = items[0]?.payload;
    expect(recap?.kind === 'message' && JSON.stringify(recap.message)).toContain('Westmark Grid');
  });

  test('a daily brief starts from now and skips, with a reason, when nothing is new', async () => {
    const s = await setup('2026-11-23T06:00:00Z');
    ({ t, scheduler } = s);
    await s.subscribe({ kind: 'daily-brief', time: '08:00', timezone: 'UTC' });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(await s.items()).toHaveLength(0);
    const [sub] = await s.subscriptions.forChat('telegram', admin.chatId);
    const quiet = await s.subscriptions.getFire(sub?.id ?? '', '2026-11-23');
    expect(quiet?.status).toBe('skipped');
    expect(quiet?.reason && reasonForLog(quiet.reason)).toBe('no new articles since the last daily brief');
  });

  test('a post missed while down is sent on start inside the grace window, and skipped outside it', async () => {
    const s = await setup('2026-11-20T06:00:00Z');
    ({ t, scheduler } = s);
    await s.subscribe({ kind: 'quiz-of-the-day', time: '07:00', timezone: 'UTC' });
    await s.subscribe({ kind: 'weekly-recap', time: '07:00', weekday: 'fri', timezone: 'UTC' });
    // The bot was down from before 07:00 until 08:30: the 07:00 run is 90 minutes old, inside 2 h.
    vi.setSystemTime(Date.parse('2026-11-20T08:30:00Z'));
    await scheduler.start();
    expect((await s.items()).map((item) => item.period).sort()).toEqual(['2026-11-20', '2026-W47']);
    await scheduler.stop();

    const late = await setup('2026-11-20T06:00:00Z', 3_600_000);
    t = late.t;
    scheduler = late.scheduler;
    await late.subscribe({ kind: 'quiz-of-the-day', time: '07:00', timezone: 'UTC' });
    vi.setSystemTime(Date.parse('2026-11-20T09:30:00Z'));
    await late.scheduler.start();
    expect(await late.items()).toHaveLength(0);
    const [sub] = await late.subscriptions.forChat('telegram', admin.chatId);
    const missed = await late.subscriptions.getFire(sub?.id ?? '', '2026-11-20');
    expect(missed?.status).toBe('skipped');
    expect(missed?.reason && reasonForLog(missed.reason)).toContain('SCHEDULE_GRACE');
    await s.t.close();
  });
});
