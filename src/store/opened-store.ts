// What an opened store offers the rest of the app, whichever driver is behind it.
import type { RedisClientType } from '@keyv/redis';
import type { AnswersPort, QuestionStatsPort, ScoresPort } from '../core/ports.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { KeyLock } from './key-lock.ts';
import type { RecordStore } from './record-store.ts';
import type { WriteMeter } from './write-meter.ts';

export interface OpenedStore {
  records: RecordStore;
  /** Recorded answers and what they add up to (the quiz hot path), per user and per question. */
  answers: AnswersPort & ScoresPort & QuestionStatsPort;
  lock: KeyLock;
  /** Change notices to every instance sharing the store (cache invalidation). */
  changes: ChangeFeed;
  /** What this process has written to the store (benchmarks, metrics). */
  meter: WriteMeter;
  kind: 'sqlite' | 'redis' | 'memory';
  /** The raw Redis connection, for coordination that needs more than key-value (locks, leases). */
  redis?: RedisClientType;
  /** Rejects when the store cannot be reached (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Records are plain JSON; keyv's default serializer walks every value looking for buffers and is slower. */
export const jsonSerializer = {
  serialize: (data: unknown) => JSON.stringify(data),
  deserialize: (data: string) => JSON.parse(data),
};
