// Subscriptions → node-cron tasks (time-zone aware, changed live) → one claimed run per period → outbox.
import cron, { type ScheduledTask } from 'node-cron';
import { isoWeek, previousIsoWeek } from '../core/calendar.ts';
import type { Clock } from '../core/clock.ts';
import { composePost } from '../core/compose-post.ts';
import type { CoreServices } from '../core/core-services.ts';
import type { OutboxItem, Platform, Subscription } from '../core/records.ts';
import { cronExpression, periodOf, previousRun } from '../core/schedule-time.ts';
import { toWall } from '../core/subscription-service.ts';
import type { Logger } from '../logger.ts';
import type { OutboxRepository } from '../store/outbox-repository.ts';
import type { SubscriptionsRepository } from '../store/subscriptions-repository.ts';

/** Other instances' subscription changes are picked up this often. */
const RESYNC_MS = 30_000;

export interface PostSchedulerDeps {
  core: CoreServices;
  subscriptions: SubscriptionsRepository;
  outbox: OutboxRepository;
  clock: Clock;
  /** Missed runs younger than this are sent on start; older ones are recorded as skipped. */
  graceMs: number;
  /** Platforms this process posts to. */
  platforms: ReadonlySet<Platform>;
  log: Logger;
  /** Told when new items are queued, so the sender looks at once. */
  onQueued(): void;
}

interface Armed {
  task: ScheduledTask;
  signature: string;
}

const signature = (subscription: Subscription) =>
  JSON.stringify([subscription.time, subscription.weekday, subscription.timezone, subscription.active]);

export class PostScheduler {
  readonly #tasks = new Map<string, Armed>();
  /** Latest known version of each subscription (fires read the newest topics and cursor). */
  readonly #known = new Map<string, Subscription>();
  #resync: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #stopped = false;

  constructor(private readonly deps: PostSchedulerDeps) {}

  async start(): Promise<void> {
    this.#unsubscribe = this.deps.core.subscriptions.onChange((change) => {
      if (change.type === 'remove') this.#disarm(change.id);
      else void this.#apply(change.subscription, false);
    });
    await this.sync(true);
    this.#resync = setInterval(() => void this.sync(false), RESYNC_MS);
    this.#resync.unref?.();
  }

  /** Loads every subscription; arms new ones, re-arms changed ones, drops removed ones. */
  async sync(catchUp: boolean): Promise<void> {
    try {
      const all = (await this.deps.subscriptions.all()).filter((item) =>
        this.deps.platforms.has(item.platform),
      );
      const ids = new Set(all.map((item) => item.id));
      for (const id of this.#tasks.keys()) if (!ids.has(id)) this.#disarm(id);
      await Promise.all(all.map((item) => this.#apply(item, catchUp)));
    } catch (error) {
      this.deps.log.error({ err: error }, 'loading subscriptions failed');
    }
  }

  async #apply(subscription: Subscription, catchUp: boolean): Promise<void> {
    if (this.#stopped || !this.deps.platforms.has(subscription.platform)) return;
    this.#known.set(subscription.id, subscription);
    const armed = this.#tasks.get(subscription.id);
    if (!subscription.active) {
      this.#disarm(subscription.id);
      this.#known.set(subscription.id, subscription);
      return;
    }
    if (!armed || armed.signature !== signature(subscription)) {
      this.#disarm(subscription.id);
      this.#known.set(subscription.id, subscription);
      const task = cron.schedule(
        cronExpression(toWall(subscription)),
        (context) => this.fire(subscription.id, context.date.getTime()),
        { timezone: subscription.timezone, name: `subscription-${subscription.id}`, noOverlap: true },
      );
      this.#tasks.set(subscription.id, { task, signature: signature(subscription) });
    }
    if (catchUp) await this.catchUp(subscription);
  }

  #disarm(id: string): void {
    const armed = this.#tasks.get(id);
    if (armed) void armed.task.destroy();
    this.#tasks.delete(id);
    this.#known.delete(id);
  }

  /** A run missed while no instance was up: sent now inside the grace window, else recorded as skipped. */
  async catchUp(subscription: Subscription): Promise<void> {
    const now = this.deps.clock.now();
    const missed = previousRun(toWall(subscription), now);
    if (missed < subscription.createdAt) return;
    const period = periodOf(toWall(subscription), missed);
    const fire = await this.deps.subscriptions.getFire(subscription.id, period);
    if (fire && fire.status !== 'claimed') return;
    if (now - missed <= this.deps.graceMs) {
      await this.fire(subscription.id, missed);
      return;
    }
    if (await this.deps.subscriptions.claimFire(subscription.id, period, missed, now)) {
      await this.deps.subscriptions.settleFire(
        subscription.id,
        period,
        'skipped',
        'missed while the bot was offline, older than SCHEDULE_GRACE',
      );
      this.deps.log.info(
        { subscriptionId: subscription.id, period },
        'missed post skipped (outside the grace window)',
      );
    }
  }

  /** One scheduled run: claimed once across instances and restarts, composed, queued (or skipped). */
  async fire(subscriptionId: string, scheduledFor: number): Promise<void> {
    const subscription = this.#known.get(subscriptionId);
    if (!subscription?.active || this.#stopped) return;
    const wall = toWall(subscription);
    const period = periodOf(wall, scheduledFor);
    const now = this.deps.clock.now();
    const log = this.deps.log.child({ subscriptionId, period, chatId: subscription.chatId });
    try {
      if (!(await this.deps.subscriptions.claimFire(subscriptionId, period, scheduledFor, now))) return;
      // Read the newest version (cursor, topics) before composing.
      const fresh =
        (await this.deps.subscriptions.forChat(subscription.platform, subscription.chatId)).find(
          (item) => item.id === subscriptionId,
        ) ?? subscription;
      const lastWeekName = previousIsoWeek(isoWeek(scheduledFor, this.deps.core.defaultTimeZone));
      const lastWeek =
        fresh.kind === 'weekly-recap'
          ? await this.deps.core.progress.ranking(fresh.platform, fresh.chatId, { week: lastWeekName })
          : [];
      const composed = composePost({
        subscription: fresh,
        runAt: scheduledFor,
        catalog: this.deps.core.catalog(),
        lastWeek,
        lastWeekName,
      });
      if (composed.kind === 'skip') {
        await this.deps.subscriptions.settleFire(subscriptionId, period, 'skipped', composed.reason);
        log.info({ reason: composed.reason }, 'scheduled post skipped');
        return;
      }
      const item: OutboxItem = {
        v: 1,
        id: `${subscriptionId}:${period}`,
        subscriptionId,
        platform: fresh.platform,
        chatId: fresh.chatId,
        period,
        scheduledFor,
        payload: composed.payload,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        sentAt: null,
        error: null,
        ref: null,
      };
      await this.deps.outbox.enqueue(item);
      if (composed.cursor !== undefined) {
        await this.deps.core.subscriptions.advanceCursor(
          fresh.platform,
          fresh.chatId,
          subscriptionId,
          composed.cursor,
        );
      }
      await this.deps.subscriptions.settleFire(subscriptionId, period, 'queued', null);
      this.deps.onQueued();
    } catch (error) {
      log.error({ err: error }, 'scheduled post failed to queue');
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe?.();
    clearInterval(this.#resync);
    for (const { task } of this.#tasks.values()) void task.destroy();
    this.#tasks.clear();
  }
}
