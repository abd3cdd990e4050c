import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { pendingOutboxItem } from '../../src/core/records/outbox.ts';
import { CLAIM_LEASE_MS, type ScheduledRun } from '../../src/core/schedule-ports.ts';
import { PostScheduler } from '../../src/schedule/post-scheduler.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { makeCore, type TestCore } from '../support/test-core.ts';
import { memoryLog } from './outbox-harness.ts';

const RUN_AT = Date.parse('2026-11-23T08:00:00Z');
const CHATS = 30;

/** A subscriptions repository whose reads of a chat's subscriptions can be held (a slow compose). */
class HeldSubscriptions extends SubscriptionsRepository {
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;
  held = 0;

  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  /** Loading every subscription (at start) is not held; only reads while composing are. */
  override async all() {
    const gate = this.#gate;
    this.#gate = undefined;
    try {
      return await super.all();
    } finally {
      this.#gate ??= gate;
    }
  }

  override async forChat(...args: Parameters<SubscriptionsRepository['forChat']>) {
    if (this.#gate) {
      this.held++;
      await this.#gate;
    }
    return super.forChat(...args);
  }
}

describe('claims on scheduled runs are leases', () => {
  let t: TestCore | undefined;
  const schedulers: PostScheduler[] = [];
  afterEach(async () => {
    for (const scheduler of schedulers.splice(0)) await scheduler.stop();
    await t?.close();
  });

  /** `CHATS` chats subscribed an hour before their 08:00 quiz of the day; the clock just past 08:00. */
  async function setup(kind: 'quiz-of-the-day' | 'daily-brief' = 'quiz-of-the-day') {
    const clock = new ManualClock(RUN_AT - 3_600_000);
    t = await makeCore({ clock });
    const core = t.core;
    for (let index = 0; index < CHATS; index++) {
      const admin: Actor = {
        platform: 'telegram',
        chatId: String(-1_000 - index),
        chatKind: 'group',
        userId: 'admin',
        name: 'Admin',
      };
      await core.subscriptions.subscribe(admin, {
        kind,
        time: '08:00',
        timezone: 'UTC',
        topics: [],
      });
    }
    clock.set(RUN_AT + 170);
    const outbox = new OutboxRepository(t.store.records);
    const queued = async () => (await outbox.pendingIds()).length;
    return { clock, core, outbox, queued, store: t.store };
  }

  function scheduler(
    name: string,
    deps: { core: TestCore['core']; clock: ManualClock; outbox: OutboxRepository },
    subscriptions: SubscriptionsRepository,
    leaseMs = CLAIM_LEASE_MS,
  ) {
    const { log, lines } = memoryLog();
    const instance = new PostScheduler({
      core: deps.core,
      subscriptions,
      outbox: deps.outbox,
      clock: deps.clock,
      timers: deps.clock,
      graceMs: 2 * 3_600_000,
      platforms: new Set(['telegram']),
      log,
      onQueued: () => undefined,
      instanceId: name,
      leaseMs,
    });
    schedulers.push(instance);
    return { instance, lines };
  }

  /** Moves the manual clock on until `check` holds; returns how much clock time that took. */
  async function until(clock: ManualClock, check: () => Promise<boolean>, stepMs = 250): Promise<number> {
    const started = clock.now();
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      clock.advance(stepMs);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return clock.now() - started;
  }

  /** The default lease, and a short one as SCHEDULE_LEASE=3s sets it. */
  const LEASES = [CLAIM_LEASE_MS, 3_000];

  test.each(LEASES)(
    'runs claimed by an instance that died are taken over by a live one once the %i ms lease lapses, and logged',
    async (leaseMs) => {
      const s = await setup();
      const subscriptions = new SubscriptionsRepository(s.store.records);
      // Instance A claimed every run of the minute, then died before queueing any.
      for (const subscription of await subscriptions.all()) {
        const run: ScheduledRun = {
          subscriptionId: subscription.id,
          period: '2026-11-23',
          scheduledFor: RUN_AT,
        };
        expect((await subscriptions.claimFire(run, 'instance-a', s.clock.now(), leaseMs)).claimed).toBe(true);
      }
      const b = scheduler('instance-b', s, subscriptions, leaseMs);
      await b.instance.start();
      // B's own catch-up found the runs claimed under a live lease and left them.
      expect(await s.queued()).toBe(0);
      const took = await until(s.clock, async () => (await s.queued()) === CHATS);
      expect(took).toBeGreaterThanOrEqual(leaseMs);
      expect(took).toBeLessThanOrEqual(leaseMs + 5_000);
      const takeovers = b.lines.filter((line) => String(line.msg).includes('taken over'));
      expect(takeovers).toHaveLength(CHATS);
      expect(takeovers[0]).toMatchObject({ level: 40, previousOwner: 'instance-a' });
      for (const subscription of await subscriptions.all())
        expect(await subscriptions.getFire(subscription.id, '2026-11-23')).toMatchObject({
          status: 'queued',
        });
    },
  );

  test.each(LEASES)(
    'a live holder keeps its %i ms claim while composing takes longer than the lease',
    async (leaseMs) => {
      const s = await setup();
      const slow = new HeldSubscriptions(s.store.records);
      const a = scheduler('instance-a', s, slow, leaseMs);
      const b = scheduler('instance-b', s, new SubscriptionsRepository(s.store.records), leaseMs);
      slow.hold();
      const starting = a.instance.start();
      await until(s.clock, async () => slow.held >= CHATS, 1);
      await b.instance.start();
      // Three leases' time with A still composing: its renewals keep B out.
      await until(s.clock, async () => s.clock.now() >= RUN_AT + 3 * leaseMs);
      expect(b.lines.filter((line) => String(line.msg).includes('taken over'))).toEqual([]);
      slow.release();
      await starting;
      await until(s.clock, async () => (await s.queued()) === CHATS);
      expect(a.lines.filter((line) => String(line.msg).includes('taken over'))).toEqual([]);
    },
  );

  test('a graceful stop hands back what it claimed: another instance queues it at once', async () => {
    const s = await setup();
    const slow = new HeldSubscriptions(s.store.records);
    const a = scheduler('instance-a', s, slow);
    slow.hold();
    const starting = a.instance.start();
    // A has claimed the runs and is composing them (reading the chats' subscriptions) when it stops.
    await until(s.clock, async () => slow.held >= CHATS, 1);
    const stopping = a.instance.stop();
    slow.release();
    await Promise.all([starting, stopping]);
    expect(await s.queued()).toBe(0);
    const b = scheduler('instance-b', s, new SubscriptionsRepository(s.store.records));
    const before = s.clock.now();
    await b.instance.start();
    expect(await s.queued()).toBe(CHATS);
    expect(s.clock.now()).toBe(before);
    expect(b.lines.filter((line) => String(line.msg).includes('taken over'))).toHaveLength(CHATS);
  });

  test('a run whose holder queued its post and moved the cursor, then died before recording it, is recorded as queued by the one taking it over', async () => {
    const s = await setup('daily-brief');
    const subscriptions = new SubscriptionsRepository(s.store.records);
    const [subscription] = await subscriptions.all();
    if (!subscription) throw new Error('no subscription');
    const run: ScheduledRun = { subscriptionId: subscription.id, period: '2026-11-23', scheduledFor: RUN_AT };
    // Instance A claimed the run, queued its post, moved the chat's cursor past it, and died.
    expect((await subscriptions.claimFire(run, 'instance-a', s.clock.now())).claimed).toBe(true);
    const item = pendingOutboxItem(
      {
        subscriptionId: subscription.id,
        platform: subscription.platform,
        chatId: subscription.chatId,
        period: run.period,
        scheduledFor: RUN_AT,
        payload: { kind: 'message', message: { blocks: [{ kind: 'text', text: 'the post' }], buttons: [] } },
      },
      s.clock.now(),
    );
    expect(await s.outbox.enqueue(item)).toBe(true);
    await s.core.subscriptions.advanceCursor(
      subscription.platform,
      subscription.chatId,
      subscription.id,
      Number.MAX_SAFE_INTEGER,
    );
    const b = scheduler('instance-b', s, subscriptions);
    await b.instance.start();
    await until(
      s.clock,
      async () => (await subscriptions.getFire(run.subscriptionId, run.period))?.status !== 'claimed',
    );
    // What the run did is what its outbox item says, whatever the subscription looks like now.
    expect(await subscriptions.getFire(run.subscriptionId, run.period)).toMatchObject({ status: 'queued' });
    expect(await s.outbox.get(item.id)).toMatchObject({ status: 'pending' });
  });
});
