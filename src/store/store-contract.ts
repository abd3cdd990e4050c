// The store contract: what every backend (memory://, sqlite://, redis://) offers the rest of the app —
// validated records, recorded answers, per-key locks, leases and the change feed. One suite,
// test/store/store-contract.test.ts, holds each backend to it.
import type { z } from 'zod';
import type { Clock } from '../core/clock.ts';
import type { AnswersPort, Mutation, QuestionStatsPort, ScoresPort } from '../core/ports.ts';
import type { WriteMeter } from './write-meter.ts';

export type { Mutation } from '../core/ports.ts';

/** One record a change reads and may write: where it is, what it must look like, how long it lives. */
export interface RecordRef<T> {
  key: string;
  schema: z.ZodType<T>;
  ttlMs: number | undefined;
}

export const recordRef = <S extends z.ZodType>(
  key: string,
  schema: S,
  ttlMs?: number,
): RecordRef<z.infer<S>> => ({ key, schema: schema as z.ZodType<z.infer<S>>, ttlMs });

/** The records of a change by name: one reference, or a list of them. */
export type ChangeRefs = Record<string, RecordRef<unknown> | readonly RecordRef<unknown>[]>;

/** What a change's decision sees: each record as stored now (undefined when absent), by name. */
export type ChangeRecords<Refs extends ChangeRefs> = {
  [K in keyof Refs]: Refs[K] extends readonly RecordRef<infer T>[]
    ? (T | undefined)[]
    : Refs[K] extends RecordRef<infer T>
      ? T | undefined
      : never;
};

/** What a change decides: per record, the next value (`null` deletes; left out keeps), and a result. */
export interface ChangeOutcome<Refs extends ChangeRefs, R> {
  next?: {
    [K in keyof Refs]?: Refs[K] extends readonly RecordRef<infer T>[]
      ? readonly (T | null | undefined)[]
      : Refs[K] extends RecordRef<infer T>
        ? T | null
        : never;
  };
  result: R;
}

/**
 * JSON records by key. Every read is validated against its schema: a stored record that does not match
 * is logged and read as absent (never a crash). A store one process owns may serve reads from memory;
 * a shared one (Redis) always reads what another instance wrote last.
 */
export interface Records {
  /** `remember: false` keeps a large record read once in a while out of any read cache. */
  read<S extends z.ZodType>(
    key: string,
    schema: S,
    options?: { remember?: boolean },
  ): Promise<z.infer<S> | undefined>;
  /** Several records in one round trip, in the order asked. */
  readMany<S extends z.ZodType>(keys: readonly string[], schema: S): Promise<(z.infer<S> | undefined)[]>;
  /** `ttlMs`: the record is gone after this long. */
  write<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Read-modify-write that never loses an update, across instances: `mutate` sees the record as stored
   * now and says what comes next (see Mutation). A mutation that throws fails alone.
   */
  update<S extends z.ZodType, R>(
    key: string,
    schema: S,
    mutate: (current: z.infer<S> | undefined) => Mutation<z.infer<S>, R>,
    ttlMs?: number,
  ): Promise<R>;
  /**
   * One change over several records, atomic across instances: `decide` (pure; it may throw, which writes
   * nothing) sees every record as it is now, and what it decides is written all or none, and no reader
   * sees part of it. Changes sharing a record never interleave, with each other or with `update`.
   */
  change<Refs extends ChangeRefs, R>(
    refs: Refs,
    decide: (records: ChangeRecords<Refs>) => ChangeOutcome<Refs, R>,
  ): Promise<R>;
  /**
   * Up to `limit` keys of records starting with `prefix`. It walks the store: for a one-time look at
   * records of an older layout, not for a hot path.
   */
  keys(prefix: string, limit: number): Promise<string[]>;
}

/** Recorded answers and what they add up to (the quiz hot path), per user and per question. */
export type StoreAnswers = AnswersPort & ScoresPort & QuestionStatsPort;

/** Mutual exclusion per key, across every instance sharing the store. */
export interface KeyLock {
  /**
   * Runs `work` while holding the lock on `key`; callers on the same key run one after another.
   * `work` receives `prefetched` when the lock could start the read itself, in the same round trip
   * as taking the lock (see RedisKeyLock); otherwise it reads for itself.
   */
  withLock<T, P = never>(
    key: string,
    work: (prefetched?: Promise<P>) => Promise<T>,
    prefetch?: () => Promise<P>,
  ): Promise<T>;
  /**
   * Runs `work` while holding the locks on all of `keys` (given sorted), taken together: a holder of
   * some never waits for the others while keeping them, so two callers never wait on each other.
   * Without it, the locks are taken one after another, in the order given.
   */
  withLocks?<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
}

/**
 * One holder's hold on a named lease: at most one holder across the instances sharing the store holds
 * it at a time. A holder that stops renewing loses it once `ttlMs` has passed, so another takes over
 * from an instance that died.
 */
export interface Lease {
  /** True while this holder holds the lease: takes it when free or lapsed, renews it when held. */
  hold(): Promise<boolean>;
  /** Hands it back: another holder may take it at once. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** How long the lease holds without renewal. */
  ttlMs: number;
  /** The time a lease kept in this process lapses by (default: the system's); Redis keeps its own. */
  clock?: Clock;
}

/** Change notices to every instance sharing the store (cache invalidation). */
export interface ChangeFeed {
  /** Delivers `text` to every listener of `channel`, on every instance (this one at once). */
  publish(channel: string, text: string): Promise<void>;
  subscribe(channel: string, listener: (text: string) => void): void;
  close(): Promise<void>;
}

/** An opened backend: everything above, over one namespace of one memory map, SQLite file or Redis. */
export interface OpenedStore {
  records: Records;
  answers: StoreAnswers;
  lock: KeyLock;
  /** A new holder of the lease `name` (one per instance and job, e.g. `outbox:telegram`). */
  lease(name: string, options: LeaseOptions): Lease;
  changes: ChangeFeed;
  /** What this process has written to the store (benchmarks, metrics). */
  meter: WriteMeter;
  kind: 'sqlite' | 'redis' | 'memory';
  /** Rejects when the store cannot be reached (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
