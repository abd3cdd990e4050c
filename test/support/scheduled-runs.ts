// Scheduled posts on demand: the real scheduler and outbox sender over a test's core, and a way to run
// every subscription's latest run now and wait until each was posted, skipped or failed.
import type { ManualClock } from '../../src/core/clock.ts';
import type { CoreServices } from '../../src/core/core-services.ts';
import { outboxItemId } from '../../src/core/records/outbox.ts';
import type { Platform } from '../../src/core/records/platform.ts';
import { periodOf, previousRun } from '../../src/core/schedule-time.ts';
import { toWall } from '../../src/core/subscription-service.ts';
import { Deliverer } from '../../src/delivery/deliverer.ts';
import type { Poster } from '../../src/delivery/platform-adapter.ts';
import { silentLogger } from '../../src/logger.ts';
import { OutboxSender } from '../../src/schedule/outbox-sender.ts';
import { pauseGoneChat } from '../../src/schedule/pause-gone-chat.ts';
import { PostScheduler } from '../../src/schedule/post-scheduler.ts';
import { LocalLeases } from '../../src/store/local-leases.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import type { Records } from '../../src/store/store-contract.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { eventually } from './eventually.ts';

export interface SchedulePipeline {
  core: CoreServices;
  scheduler: PostScheduler;
  outbox: OutboxRepository;
  subscriptions: SubscriptionsRepository;
  clock: ManualClock;
  platform: Platform;
}

/** A scheduler and a sender posting through `poster`, on the test's manual clock; started. */
export async function startSchedulePipeline(deps: {
  core: CoreServices;
  records: Records;
  clock: ManualClock;
  poster: Poster;
  /** The bot's deliverer, whose limiter the sender shares (default: one of its own). */
  deliverer?: Deliverer;
}): Promise<SchedulePipeline & { stop(): Promise<void> }> {
  const { core, records, clock, poster } = deps;
  const outbox = new OutboxRepository(records);
  const subscriptions = new SubscriptionsRepository(records);
  const log = silentLogger();
  const deliverer = deps.deliverer ?? new Deliverer({ core, log });
  const sender = new OutboxSender({
    outbox,
    channels: [
      {
        poster,
        limiter: deliverer.limiter(poster),
        // The pipeline's sender is the only one: it always holds its lease.
        lease: new LocalLeases().lease(`outbox:${poster.platform}`, { ttlMs: 10_000, clock }),
      },
    ],
    deliverer,
    core,
    clock,
    timers: clock,
    log,
    onChatGone: pauseGoneChat(core),
  });
  const scheduler = new PostScheduler({
    core,
    subscriptions,
    outbox,
    clock,
    timers: clock,
    graceMs: 2 * 3_600_000,
    platforms: new Set([poster.platform]),
    log,
    onQueued: () => sender.kick(),
  });
  sender.start();
  await scheduler.start();
  return {
    core,
    scheduler,
    outbox,
    subscriptions,
    clock,
    platform: poster.platform,
    async stop() {
      await scheduler.stop();
      await sender.stop();
    },
  };
}

/** A pipeline started on first use, for drivers that only sometimes need scheduled posts. */
export function scheduleOnDemand(deps: Parameters<typeof startSchedulePipeline>[0]) {
  let started: Awaited<ReturnType<typeof startSchedulePipeline>> | undefined;
  return {
    async runLatest(timeoutMs: number): Promise<void> {
      started ??= await startSchedulePipeline(deps);
      await runLatestRuns(started, timeoutMs);
    },
    async stop(): Promise<void> {
      await started?.stop();
    },
  };
}

/**
 * Fires each active subscription's latest run (as its timer would have), then moves the clock on in
 * small steps until every run was posted, skipped or failed.
 */
export async function runLatestRuns(pipeline: SchedulePipeline, timeoutMs: number): Promise<void> {
  const { core, scheduler, subscriptions, outbox, clock, platform } = pipeline;
  const now = clock.now();
  const runs = (await core.subscriptions.all())
    .filter((subscription) => subscription.platform === platform && subscription.active)
    .map((subscription) => {
      const wall = toWall(subscription);
      const at = previousRun(wall, now);
      return { id: subscription.id, at, period: periodOf(wall, at) };
    });
  for (const run of runs) await scheduler.fire(run.id, run.at);
  await eventually(async () => {
    clock.advance(10);
    for (const run of runs) {
      const fire = await subscriptions.getFire(run.id, run.period);
      if (!fire || fire.status === 'claimed') return false;
      if (fire.status !== 'queued') continue;
      const item = await outbox.get(outboxItemId(run.id, run.period));
      if (item?.status === 'pending') return false;
    }
    return true;
  }, timeoutMs);
}
