// A feed's polling state (last and next poll, last result, failures in a row, why it is paused, the
// validators for conditional GET), shared by every instance on the store and kept across restarts.
import { createHash } from 'node:crypto';
import { z } from 'zod';

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

/** Feed URLs can be long: keys and run names carry a digest of them. */
export const feedDigest = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 32);

/** The name a feed's poll runs are claimed under (run claims are shared with scheduled posts). */
export const feedRunId = (url: string) => `feed-${feedDigest(url)}`;
