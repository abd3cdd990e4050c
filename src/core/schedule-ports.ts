// What the scheduler (src/schedule/) needs from the store: run claims, the outbox and feed states, as
// ports the store's repositories implement, so the scheduler never names a concrete repository.
import type { Mutation, SubscriptionsPort } from './ports.ts';
import type { FeedState } from './records/feed-state.ts';
import type { Fire } from './records/fire.ts';
import type { OutboxItem } from './records/outbox.ts';
import type { Reason } from './records/reason.ts';

/**
 * How long a claim holds without renewal, unless the claimer says otherwise (SCHEDULE_LEASE). Its holder
 * renews it every third of this while composing (which takes milliseconds), so only a dead or badly
 * stalled holder lets it lapse.
 */
export const CLAIM_LEASE_MS = 10_000;

/** One run of one subscription (or of a feed's poll). */
export interface ScheduledRun {
  subscriptionId: string;
  period: string;
  scheduledFor: number;
}

export type Claim =
  | { claimed: false }
  /** `claims` counts this one; `takenOver` names the lapsed claim's holder when there was one. */
  | { claimed: true; claims: number; takenOver?: { owner: string | null; claimedAt: number } };

/** One claim record (a lease) per scheduled run, shared by every instance on the store. */
export interface RunClaimsPort {
  /**
   * Claims a run for exactly one caller (instance, timer, catch-up or sweep). A run already settled,
   * or claimed under a lease that has not lapsed, is refused; a lapsed claim is taken over (its
   * holder died or stalled), and the answer says whose it was.
   */
  claimFire(run: ScheduledRun, owner: string, now: number, leaseMs?: number): Promise<Claim>;
  /** Extends the holder's lease; false when the claim is no longer this owner's (taken over, settled). */
  renewClaim(
    subscriptionId: string,
    period: string,
    owner: string,
    now: number,
    leaseMs?: number,
  ): Promise<boolean>;
  /** Hands a claim back (a stopping instance, a failed attempt): any instance may take it at once. */
  releaseClaim(subscriptionId: string, period: string, owner: string): Promise<void>;
  getFire(subscriptionId: string, period: string): Promise<Fire | undefined>;
  /** Records how the run ended; it is never claimed again. */
  settleFire(
    subscriptionId: string,
    period: string,
    status: 'queued' | 'skipped' | 'failed',
    reason: Reason | null,
  ): Promise<void>;
}

/** Subscriptions as the post scheduler reads them, with their runs' claims. */
export type ScheduledSubscriptionsPort = SubscriptionsPort & RunClaimsPort;

/** Scheduled posts waiting to be sent, and those sent lately (one item per subscription and period). */
export interface OutboxPort {
  /**
   * Writes the item unless one with its id exists, and lists it among the pending, in one change; true
   * when this call created it.
   */
  enqueue(item: OutboxItem): Promise<boolean>;
  get(id: string): Promise<OutboxItem | undefined>;
  update<R>(id: string, mutate: (current: OutboxItem | undefined) => Mutation<OutboxItem, R>): Promise<R>;
  pendingIds(): Promise<string[]>;
  removePending(ids: readonly string[]): Promise<void>;
}

/** What one poll leaves: the feed's next state and how its claim is settled. */
export interface PollRecord {
  state: FeedState;
  status: 'queued' | 'failed';
  reason: string;
}

/** Each feed's polling state, shared by every instance, and the operator's requests to resume one. */
export interface FeedStatePort {
  get(url: string): Promise<FeedState | undefined>;
  update<R>(url: string, mutate: (current: FeedState | undefined) => Mutation<FeedState, R>): Promise<R>;
  /** A feed's state, made (due at `now`) when there is none: every instance then sees the same due time. */
  ensure(url: string, now: number): Promise<FeedState>;
  /**
   * Records a poll: the feed's next state (what `decide` makes of the current one) and the settled claim
   * of the poll's run, in one atomic change. Nothing is written when the claim is no longer `owner`'s
   * (another instance took the poll over) or `decide` declines (the state moved meanwhile).
   */
  recordPoll(
    url: string,
    run: { subscriptionId: string; period: string; owner: string },
    decide: (current: FeedState | undefined) => PollRecord | undefined,
  ): Promise<FeedState | undefined>;
  /** When the operator last asked to resume the feed, if ever. */
  resumeRequestedAt(url: string): Promise<number | undefined>;
}

/** Everything the scheduler (posts, outbox, feeds) works on. */
export interface SchedulePorts {
  subscriptions: ScheduledSubscriptionsPort;
  outbox: OutboxPort;
  feeds: FeedStatePort;
}
