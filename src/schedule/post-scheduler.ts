// Subscriptions → node-cron tasks (time-zone aware, changed live) → one claimed run per period → outbox.
// A claim is a lease its holder keeps alive while composing; a sweep on every instance takes over runs
// whose claim lapsed (their instance died), and a stopping instance hands its claims back.

import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/clock.ts';
import type { CoreServices } from '../core/core-services.ts';
import type { Timers } from '../core/ports.ts';
import { reasonForLog } from '../core/reason-text.ts';
import { outboxItemId, pendingOutboxItem } from '../core/records/outbox.ts';
import type { Platform } from '../core/records/platform.ts';
import { because, type Reason } from '../core/records/reason.ts';
import type { Subscription } from '../core/records/subscription.ts';
import {
  CLAIM_LEASE_MS,
  type Claim,
  type OutboxPort,
  type ScheduledRun,
  type ScheduledSubscriptionsPort,
} from '../core/schedule-ports.ts';
import { cronExpression, nextRun, periodOf, previousRun } from '../core/schedule-time.ts';
import { toWall } from '../core/subscription-service.ts';
import { inLocale } from '../i18n/current-locale.ts';
import type { Logger } from '../logger.ts';
import { type ClaimLease, keepClaimAlive } from './claim-lease.ts';

/** Other instances' subscription changes are picked up this often. */
const RESYNC_MS = 30_000;
/** Runs whose claim lapsed are looked for this often, on every instance, around scheduled runs... */
const SWEEP_MS = 2_000;
/** ...and this often otherwise (every instance fires every run it serves, so it knows when to look). */
const IDLE_SWEEP_MS = 30_000;
/**
 * Runs composed at once. A minute's thousands of runs then queue their posts steadily from the first
 * second (the sender starts on them at once) instead of all finishing together at the end.
 */
const CONCURRENT_RUNS = 32;
/** Subscriptions looked at between two turns of the event loop when (re)loading them all. */
const SYNC_CHUNK = 50;
/** A run claimed this many times without being queued fails for good (a bug, not an outage). */
const MAX_CLAIMS = 5;

export interface PostSchedulerDeps {
  core: CoreServices;
  subscriptions: ScheduledSubscriptionsPort;
  outbox: Pick<OutboxPort, 'enqueue' | 'get'>;
  clock: Clock;
  timers: Timers;
  /** Missed runs younger than this are sent on start; older ones are recorded as skipped. */
  graceMs: number;
  /** Platforms this process posts to. */
  platforms: ReadonlySet<Platform>;
  log: Logger;
  /** Told when new items are queued, so the sender looks at once. */
  onQueued(): void;
  /** Names this instance's claims (default: a random id). */
  instanceId?: string;
  /** How long a claim holds without renewal (SCHEDULE_LEASE); renewed every third of it while composing. */
  leaseMs?: number;
}

/** One node-cron task per wall schedule, firing every subscription that shares it. */
interface Armed {
  task: ScheduledTask;
  ids: Set<string>;
}

const scheduleKey = (subscription: Subscription) =>
  JSON.stringify([subscription.time, subscription.weekday, subscription.timezone]);

/** A run of a subscription with where it posts to. */
interface Run extends ScheduledRun {
  chatId: string;
}

const runKey = (run: ScheduledRun) => `${run.subscriptionId}:${run.period}`;
/** Fire records read at once by a sweep. */
const SWEEP_READS = 100;

export class PostScheduler {
  /** By schedule key (time, weekday, time zone). */
  readonly #tasks = new Map<string, Armed>();
  /** Subscription id → the schedule key it is armed under. */
  readonly #armedAs = new Map<string, string>();
  /** Latest known version of each subscription (fires read the newest topics and cursor). */
  readonly #known = new Map<string, Subscription>();
  /** Runs this instance is composing now (key → its work), so stop() can wait for them. */
  readonly #firing = new Map<string, Promise<void>>();
  /** Runs known to be queued, skipped or failed (that never changes), by key → when they were due. */
  readonly #settled = new Map<string, number>();
  readonly #latest = new Map<string, { previous: number; next: number }>();
  /** The period of a run, by zone, weekly or not, and time (shared by every subscription at that time). */
  readonly #periods = new Map<string, string>();
  readonly #owner: string;
  readonly #leaseMs: number;
  /** Runs waiting for one of the CONCURRENT_RUNS places. */
  readonly #waiting: (() => void)[] = [];
  #running = 0;
  #cancelResync: (() => void) | undefined;
  #cancelSweep: (() => void) | undefined;
  #sweepAt = 0;
  /** Until when claims may be open: sweeps run often until then. */
  #busyUntil = 0;
  #unsubscribe: (() => void) | undefined;
  #stopped = false;

  constructor(private readonly deps: PostSchedulerDeps) {
    this.#owner = deps.instanceId ?? randomUUID();
    this.#leaseMs = deps.leaseMs ?? CLAIM_LEASE_MS;
  }

  async start(): Promise<void> {
    this.#unsubscribe = this.deps.core.subscriptions.onChange((change) => {
      if (change.type === 'remove') this.#forget(change.id);
      else void this.#apply(change.subscription, false);
    });
    await this.sync(true);
    this.#armResync();
    this.#armSweep();
  }

  #armResync(): void {
    if (this.#stopped) return;
    this.#cancelResync = this.deps.timers.after(RESYNC_MS, () => {
      void this.sync(false).finally(() => this.#armResync());
    });
  }

  #armSweep(): void {
    if (this.#stopped) return;
    const now = this.deps.clock.now();
    const delay = now < this.#busyUntil ? SWEEP_MS : IDLE_SWEEP_MS;
    this.#sweepAt = now + delay;
    this.#cancelSweep = this.deps.timers.after(delay, () => {
      this.#cancelSweep = undefined;
      void this.sweep().finally(() => this.#armSweep());
    });
  }

  /** Runs are being claimed: sweep often until their claims would have lapsed. */
  #markBusy(): void {
    const now = this.deps.clock.now();
    this.#busyUntil = Math.max(this.#busyUntil, now + this.#leaseMs + 2 * SWEEP_MS);
    if (this.#cancelSweep && this.#sweepAt > now + SWEEP_MS) {
      this.#cancelSweep();
      this.#armSweep();
    }
  }

  /** Loads every subscription; arms new ones, re-arms changed ones, drops removed ones. */
  async sync(catchUp: boolean): Promise<void> {
    try {
      const all = (await this.deps.subscriptions.all()).filter((item) =>
        this.deps.platforms.has(item.platform),
      );
      const ids = new Set(all.map((item) => item.id));
      for (const id of this.#known.keys()) if (!ids.has(id)) this.#forget(id);
      const applied: Promise<void>[] = [];
      for (const [index, item] of all.entries()) {
        applied.push(this.#apply(item, catchUp));
        // Thousands of subscriptions: let the first runs get going while the rest are looked at.
        if (index % SYNC_CHUNK === SYNC_CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(applied);
    } catch (error) {
      this.deps.log.error({ err: error }, 'loading subscriptions failed');
    }
  }

  async #apply(subscription: Subscription, catchUp: boolean): Promise<void> {
    if (this.#stopped || !this.deps.platforms.has(subscription.platform)) return;
    this.#known.set(subscription.id, subscription);
    if (!subscription.active) {
      this.#disarm(subscription.id);
      return;
    }
    const key = scheduleKey(subscription);
    if (this.#armedAs.get(subscription.id) !== key) {
      this.#disarm(subscription.id);
      let armed = this.#tasks.get(key);
      if (!armed) {
        const ids = new Set<string>();
        const task = cron.schedule(
          cronExpression(toWall(subscription)),
          (context) => {
            for (const id of ids) void this.fire(id, context.date.getTime());
          },
          { timezone: subscription.timezone, name: `schedule-${key}`, noOverlap: true },
        );
        armed = { task, ids };
        this.#tasks.set(key, armed);
      }
      armed.ids.add(subscription.id);
      this.#armedAs.set(subscription.id, key);
    }
    if (catchUp) await this.catchUp(subscription);
  }

  #disarm(id: string): void {
    const key = this.#armedAs.get(id);
    if (key === undefined) return;
    this.#armedAs.delete(id);
    const armed = this.#tasks.get(key);
    armed?.ids.delete(id);
    if (armed && armed.ids.size === 0) {
      void armed.task.destroy();
      this.#tasks.delete(key);
    }
  }

  #forget(id: string): void {
    this.#disarm(id);
    this.#known.delete(id);
  }

  #openRun(subscription: Subscription, scheduledFor: number): Run {
    const wall = toWall(subscription);
    const key = JSON.stringify([wall.weekday, wall.timezone, scheduledFor]);
    let period = this.#periods.get(key);
    if (period === undefined) {
      if (this.#periods.size > 10_000) this.#periods.clear();
      period = periodOf(wall, scheduledFor);
      this.#periods.set(key, period);
    }
    return { subscriptionId: subscription.id, chatId: subscription.chatId, period, scheduledFor };
  }

  /** A run missed while no instance was up: sent now inside the grace window, else recorded as skipped. */
  async catchUp(subscription: Subscription): Promise<void> {
    const now = this.deps.clock.now();
    const missed = this.#latestRun(subscription, now);
    if (missed < subscription.createdAt) return;
    // The claim decides: a run already queued or skipped, or held by a live instance, is left alone.
    if (now - missed <= this.deps.graceMs) {
      await this.#fire(subscription, missed);
      return;
    }
    await this.#skip(this.#openRun(subscription, missed), because('post-skip-missed'));
  }

  /** Claims a run only to record it as skipped with the reason. */
  async #skip(run: Run, reason: Reason): Promise<void> {
    const claim = await this.deps.subscriptions.claimFire(
      run,
      this.#owner,
      this.deps.clock.now(),
      this.#leaseMs,
    );
    if (!claim.claimed) return;
    await this.#settleSkipped(
      run,
      reason,
      this.deps.log.child({ subscriptionId: run.subscriptionId, period: run.period }),
    );
  }

  /**
   * A subscription's latest run, kept per wall schedule until its next one: time zone arithmetic is
   * not free, and thousands of subscriptions share a few popular times.
   */
  #latestRun(subscription: Subscription, now: number): number {
    const wall = toWall(subscription);
    const key = JSON.stringify([wall.time, wall.weekday, wall.timezone]);
    const cached = this.#latest.get(key);
    if (cached && now >= cached.previous && now < cached.next) return cached.previous;
    const latest = { previous: previousRun(wall, now), next: nextRun(wall, now) };
    this.#latest.set(key, latest);
    return latest.previous;
  }

  /**
   * Looks at the latest run of every subscription this instance serves, inside the grace window and
   * not known to be settled: a run whose claim lapsed (its instance died or stalled) or that nobody
   * claimed (a timer missed) is fired here. Settled runs are remembered and never read again.
   */
  async sweep(): Promise<void> {
    try {
      const now = this.deps.clock.now();
      for (const [key, at] of this.#settled) if (now - at > this.deps.graceMs) this.#settled.delete(key);
      const due: { subscription: Subscription; run: Run }[] = [];
      for (const subscription of this.#known.values()) {
        if (!subscription.active) continue;
        const at = this.#latestRun(subscription, now);
        if (at < subscription.createdAt || now - at > this.deps.graceMs) continue;
        const run = this.#openRun(subscription, at);
        if (!this.#settled.has(runKey(run)) && !this.#firing.has(runKey(run)))
          due.push({ subscription, run });
      }
      for (let start = 0; start < due.length && !this.#stopped; start += SWEEP_READS) {
        const batch = due.slice(start, start + SWEEP_READS);
        const fires = await Promise.all(
          batch.map(({ run }) => this.deps.subscriptions.getFire(run.subscriptionId, run.period)),
        );
        batch.forEach(({ subscription, run }, index) => {
          const fire = fires[index];
          if (fire && fire.status !== 'claimed') this.#settled.set(runKey(run), run.scheduledFor);
          // Claimed and alive elsewhere: look again soon, in case its holder dies.
          else if (fire && fire.leaseUntil > this.deps.clock.now()) this.#markBusy();
          else void this.#fire(subscription, run.scheduledFor);
        });
      }
    } catch (error) {
      this.deps.log.error({ err: error }, 'sweeping scheduled runs failed');
    }
  }

  /** One scheduled run: claimed once across instances and restarts, composed, queued (or skipped). */
  async fire(subscriptionId: string, scheduledFor: number): Promise<void> {
    const subscription = this.#known.get(subscriptionId);
    if (subscription) await this.#fire(subscription, scheduledFor);
  }

  #fire(subscription: Subscription, scheduledFor: number): Promise<void> {
    if (!subscription.active || this.#stopped) return Promise.resolve();
    const run = this.#openRun(subscription, scheduledFor);
    const key = runKey(run);
    const running = this.#firing.get(key);
    if (running) return running;
    this.#markBusy();
    const work = this.#inTurn(() => this.#claimAndQueue(subscription, run)).finally(() =>
      this.#firing.delete(key),
    );
    this.#firing.set(key, work);
    return work;
  }

  async #inTurn(work: () => Promise<void>): Promise<void> {
    if (this.#running >= CONCURRENT_RUNS) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    try {
      await work();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  async #claimAndQueue(subscription: Subscription, run: Run): Promise<void> {
    if (this.#stopped) return;
    const { subscriptions, clock } = this.deps;
    const log = this.deps.log.child({
      subscriptionId: run.subscriptionId,
      period: run.period,
      chatId: run.chatId,
    });
    let claim: Claim;
    try {
      claim = await subscriptions.claimFire(run, this.#owner, clock.now(), this.#leaseMs);
    } catch (error) {
      // The next sweep finds the run unclaimed and tries again.
      log.error({ err: error }, 'claiming a scheduled run failed; trying again shortly');
      this.#markBusy();
      return;
    }
    if (!claim.claimed) return;
    if (claim.takenOver) {
      log.warn(
        { previousOwner: claim.takenOver.owner, claimedAt: claim.takenOver.claimedAt, claims: claim.claims },
        'the claim on this scheduled run lapsed (its instance stopped or stalled); taken over',
      );
    }
    if (claim.claims > MAX_CLAIMS) {
      const reason = because('post-run-stalled', { count: MAX_CLAIMS });
      await this.#settle(run, 'failed', reason);
      log.error({ reason: reasonForLog(reason) }, 'scheduled run failed for good');
      return;
    }
    const lease = this.#keepAlive(run, log);
    try {
      await this.#compose(subscription, run, lease, log);
    } catch (error) {
      log.error({ err: error }, 'scheduled post failed to queue; the claim is handed back for a retry');
      await this.#release(run, log);
    } finally {
      lease.end();
    }
  }

  async #compose(subscription: Subscription, run: Run, lease: ClaimLease, log: Logger): Promise<void> {
    const { subscriptions, core, clock } = this.deps;
    const { subscriptionId, period, scheduledFor } = run;
    // Read the newest version (cursor, topics) before composing: another instance may have changed it.
    const fresh = (await subscriptions.forChat(subscription.platform, subscription.chatId)).find(
      (item) => item.id === subscriptionId,
    );
    if (!fresh?.active) {
      await this.#settleSkipped(
        run,
        'the subscription was paused or removed before its post was queued',
        log,
      );
      return;
    }
    // A post speaks the chat's language (a reminder: the person's, chosen in their private chat).
    const locale = await core.languages.chatLocale(fresh.platform, fresh.chatId);
    const composed = await inLocale(locale, () =>
      core.posts.compose({ core, subscription: fresh, period, runAt: scheduledFor }),
    );
    if (this.#stopped) {
      await this.#release(run, log);
      return;
    }
    if (lease.lost) {
      log.warn('another instance took this run over while it was being composed; leaving it to that one');
      return;
    }
    if (composed.kind === 'skip') {
      await this.#settleSkipped(run, composed.reason, log);
      return;
    }
    const now = clock.now();
    const item = pendingOutboxItem(
      {
        subscriptionId,
        platform: fresh.platform,
        chatId: fresh.chatId,
        period,
        scheduledFor,
        payload: composed.payload,
      },
      now,
    );
    // One item per subscription and period, whoever gets here first (a takeover may race a stalled holder).
    await this.deps.outbox.enqueue(item);
    if (composed.cursor !== undefined) {
      await core.subscriptions.advanceCursor(fresh.platform, fresh.chatId, subscriptionId, composed.cursor);
    }
    await this.#settle(run, 'queued', null);
    this.deps.onQueued();
  }

  /**
   * Records a run as skipped, unless its post is in the outbox: a run's post, its chat's cursor and its
   * record are written one after the other, and a holder that died after queueing the post left the
   * rest to whoever took the run over, which finds nothing new (the cursor moved past it) or the
   * subscription paused since. The run was queued all the same.
   */
  async #settleSkipped(run: Run, reason: Reason, log: Logger): Promise<void> {
    if (await this.deps.outbox.get(outboxItemId(run.subscriptionId, run.period))) {
      await this.#settle(run, 'queued', null);
      log.info('the post of this run was queued by the instance that held it before; recorded as queued');
      return;
    }
    await this.#settle(run, 'skipped', reason);
    log.info({ reason: reasonForLog(reason) }, 'scheduled post skipped');
  }

  async #settle(run: Run, status: 'queued' | 'skipped' | 'failed', reason: Reason | null): Promise<void> {
    await this.deps.subscriptions.settleFire(run.subscriptionId, run.period, status, reason);
    this.#settled.set(runKey(run), run.scheduledFor);
  }

  /** Renews the claim every third of its lease until `end()`; notices when it was taken over. */
  #keepAlive(run: Run, log: Logger): ClaimLease {
    return keepClaimAlive(
      () =>
        this.deps.subscriptions.renewClaim(
          run.subscriptionId,
          run.period,
          this.#owner,
          this.deps.clock.now(),
          this.#leaseMs,
        ),
      {
        timers: this.deps.timers,
        renewMs: this.#leaseMs / 3,
        onError: (error) => log.warn({ err: error }, 'renewing the claim on a scheduled run failed'),
      },
    );
  }

  async #release(run: Run, log: Logger): Promise<void> {
    try {
      await this.deps.subscriptions.releaseClaim(run.subscriptionId, run.period, this.#owner);
    } catch (error) {
      log.warn({ err: error }, 'handing back a claim failed; it lapses on its own');
    }
  }

  /** Stops firing; runs being composed finish or hand their claims back, so others take them at once. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#cancelResync?.();
    this.#cancelSweep?.();
    for (const { task } of this.#tasks.values()) void task.destroy();
    this.#tasks.clear();
    this.#armedAs.clear();
    await Promise.allSettled(this.#firing.values());
  }
}
