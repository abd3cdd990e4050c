// Scheduled posts on demand: runs every subscription's latest run now through an app's scheduler and
// outbox sender, and waits until each was posted, skipped or failed.
import type { ManualClock } from '../../src/core/clock.ts';
import type { CoreServices } from '../../src/core/core-services.ts';
import { outboxItemId } from '../../src/core/records/outbox.ts';
import type { Platform } from '../../src/core/records/platform.ts';
import { periodOf, previousRun } from '../../src/core/schedule-time.ts';
import { toWall } from '../../src/core/subscription-service.ts';
import type { PostScheduler } from '../../src/schedule/post-scheduler.ts';
import type { OutboxRepository } from '../../src/store/outbox-repository.ts';
import type { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { eventually } from './eventually.ts';

export interface SchedulePipeline {
  core: CoreServices;
  scheduler: PostScheduler;
  outbox: OutboxRepository;
  subscriptions: SubscriptionsRepository;
  clock: ManualClock;
  platform: Platform;
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
