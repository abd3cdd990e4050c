// Each feed's polling state (last and next poll, last result, failures in a row, why it is paused, the
// validators for conditional GET), shared by every instance on the store and kept across restarts; and
// the operator's requests to resume a paused feed.
import { z } from 'zod';
import { type FeedState, feedDigest, feedStateSchema, newFeedState } from '../core/records/feed-state.ts';
import type { FeedStatePort, PollRecord } from '../core/schedule-ports.ts';
import { type Mutation, type Records, recordRef } from './store-contract.ts';
import { fireRef, settledBy } from './subscriptions-repository.ts';

/** Written by `content:feeds -- resume <url>` only, so an instance's cached copy of the state never hides it. */
const resumeSchema = z.object({ v: z.literal(1), url: z.string(), at: z.number() });

const stateKey = (url: string) => `feed:${feedDigest(url)}`;
const resumeKey = (url: string) => `feed-resume:${feedDigest(url)}`;

export class FeedStateRepository implements FeedStatePort {
  constructor(private readonly records: Records) {}

  get(url: string): Promise<FeedState | undefined> {
    return this.records.read(stateKey(url), feedStateSchema);
  }

  update<R>(url: string, mutate: (current: FeedState | undefined) => Mutation<FeedState, R>): Promise<R> {
    return this.records.update(stateKey(url), feedStateSchema, mutate);
  }

  ensure(url: string, now: number): Promise<FeedState> {
    return this.update(url, (current) => {
      if (current) return { result: current };
      const fresh = newFeedState(url, now);
      return { next: fresh, result: fresh };
    });
  }

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

  async resumeRequestedAt(url: string): Promise<number | undefined> {
    return (await this.records.read(resumeKey(url), resumeSchema))?.at;
  }
}
