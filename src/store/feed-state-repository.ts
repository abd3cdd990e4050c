// Each feed's polling state (last and next poll, last result, failures in a row, why it is paused, the
// validators for conditional GET), shared by every instance on the store and kept across restarts; and
// the operator's requests to resume a paused feed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Mutation, type RecordStore, recordRef } from './record-store.ts';
import { fireRef, settledBy } from './subscriptions-repository.ts';

export const feedStateSchema = z.object({
  v: z.literal(1),
  url: z.string(),
  lastPollAt: z.number().nullable(),
  /** When the next poll is due (after a failure, when the back-off ends). */
  nextPollAt: z.number(),
  /** What the last poll did, as a person reads it. */
  lastResult: z.string().nullable(),
  lastOk: z.boolean().nullable(),
  /** Failed polls in a row. */
  failures: z.number().int().min(0),
  pausedAt: z.number().nullable(),
  pausedReason: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
});
export type FeedState = z.infer<typeof feedStateSchema>;

/** The state of a feed never polled, due at `nextPollAt`. */
export const newFeedState = (url: string, nextPollAt: number): FeedState => ({
  v: 1,
  url,
  lastPollAt: null,
  nextPollAt,
  lastResult: null,
  lastOk: null,
  failures: 0,
  pausedAt: null,
  pausedReason: null,
  etag: null,
  lastModified: null,
});

/** What one poll leaves: the feed's next state and how its claim is settled. */
export interface PollRecord {
  state: FeedState;
  status: 'queued' | 'failed';
  reason: string;
}

/** Written by `content:feeds -- resume <url>` only, so an instance's cached copy of the state never hides it. */
const resumeSchema = z.object({ v: z.literal(1), url: z.string(), at: z.number() });

/** Feed URLs can be long: keys carry a digest. */
const digest = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 32);
const stateKey = (url: string) => `feed:${digest(url)}`;
const resumeKey = (url: string) => `feed-resume:${digest(url)}`;

/** The name a feed's poll runs are claimed under (run claims are shared with scheduled posts). */
export const feedRunId = (url: string) => `feed-${digest(url)}`;

export class FeedStateRepository {
  constructor(private readonly records: RecordStore) {}

  get(url: string): Promise<FeedState | undefined> {
    return this.records.read(stateKey(url), feedStateSchema);
  }

  update<R>(url: string, mutate: (current: FeedState | undefined) => Mutation<FeedState, R>): Promise<R> {
    return this.records.update(stateKey(url), feedStateSchema, mutate);
  }

  /** A feed's state, made (due at `now`) when there is none: every instance then sees the same due time. */
  ensure(url: string, now: number): Promise<FeedState> {
    return this.update(url, (current) => {
      if (current) return { result: current };
      const fresh = newFeedState(url, now);
      return { next: fresh, result: fresh };
    });
  }

  /**
   * Records a poll: the feed's next state (what `decide` makes of the current one) and the settled claim
   * of the poll's run, in one atomic change. Nothing is written when the claim is no longer `owner`'s
   * (another instance took the poll over) or `decide` declines (the state moved meanwhile).
   */
  recordPoll(
    url: string,
    run: { subscriptionId: string; period: string; owner: string },
    decide: (current: FeedState | undefined) => PollRecord | undefined,
  ): Promise<FeedState | undefined> {
    const refs = {
      state: recordRef(stateKey(url), feedStateSchema),
      fire: fireRef(run.subscriptionId, run.period),
    };
    return this.records.change(refs, ({ state, fire }) => {
      const decided = decide(state);
      const settled = decided && settledBy(fire, run.owner, decided.status, decided.reason);
      if (!decided || !settled) return { result: undefined };
      return { next: { state: decided.state, fire: settled }, result: decided.state };
    });
  }

  /** Asks the instances to poll a paused feed again. */
  async requestResume(url: string, now: number): Promise<void> {
    await this.records.write(resumeKey(url), { v: 1, url, at: now });
  }

  /** When the operator last asked to resume the feed, if ever. */
  async resumeRequestedAt(url: string): Promise<number | undefined> {
    return (await this.records.read(resumeKey(url), resumeSchema))?.at;
  }
}
