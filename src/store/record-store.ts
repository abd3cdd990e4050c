// Validated records over keyv: zod on every read, batched read-modify-write under a per-key lock, and
// atomic changes over several records.
import type Keyv from 'keyv';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ListKeys } from './list-keys.ts';
import { storeCall } from './store-call.ts';
import type {
  ChangeOutcome,
  ChangeRecords,
  ChangeRefs,
  KeyLock,
  Mutation,
  RecordRef,
  Records,
} from './store-contract.ts';
import type { RecordWrite, WriteAll } from './write-all.ts';
import { paramBytes, type WriteMeter } from './write-meter.ts';

interface Pending<T> {
  mutate: (current: T | undefined) => Mutation<T, unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  schema: z.ZodType;
  ttlMs: number | undefined;
  items: Pending<unknown>[];
}

/** Write starts remembered per key, to judge reads that were out meanwhile. */
const MAX_TRACKED_WRITES = 50_000;
/** How long a record loaded from the store (not written here) is served from memory. */
const READ_CACHE_MS = 60_000;

export interface RecordStoreOptions {
  /**
   * Keep the latest JSON of up to this many records in memory. Only for stores a single process
   * owns (SQLite, memory): with several instances another process may have written since.
   */
  cacheSize?: number;
  /** Counts bytes written (left out where the driver counts them itself). */
  meter?: WriteMeter;
  /** The backend's atomic write of several records, which `change` needs. */
  writeAll?: WriteAll;
  /** The backend's listing of keys by prefix, which `keys` needs. */
  listKeys?: ListKeys;
}

export class RecordStore implements Records {
  readonly #pending = new Map<string, Batch>();
  /** key → JSON text of the last value written or read, and when it expires (insertion order is LRU order). */
  readonly #cache = new Map<string, { json: string; expiresAt: number }>();
  readonly #cacheSize: number;
  readonly #meter: WriteMeter | undefined;
  readonly #writeAll: WriteAll | undefined;
  readonly #listKeys: ListKeys | undefined;
  /** Counts write starts; a read notes it when it starts, to tell whether a write overtook it. */
  #epoch = 0;
  /** Per key: the epoch its last write started at. */
  readonly #writeStarts = new Map<string, number>();
  /** Reads that started before this epoch can no longer be checked, and do not fill the cache. */
  #forgottenBefore = 0;
  /** Writes in flight per key. */
  readonly #writing = new Map<string, number>();

  constructor(
    private readonly keyv: Keyv,
    private readonly lock: KeyLock,
    private readonly log: Logger,
    options: RecordStoreOptions = {},
  ) {
    this.#cacheSize = options.cacheSize ?? 0;
    this.#meter = options.meter;
    this.#writeAll = options.writeAll;
    this.#listKeys = options.listKeys;
  }

  #remember(key: string, value: unknown, ttlMs?: number): void {
    if (this.#cacheSize === 0) return;
    this.#cache.delete(key);
    this.#cache.set(key, {
      json: JSON.stringify(value),
      expiresAt: ttlMs === undefined ? Infinity : Date.now() + ttlMs,
    });
    if (this.#cache.size > this.#cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  async #get(key: string, remember = true): Promise<unknown> {
    const cached = this.#cache.get(key);
    if (cached !== undefined && cached.expiresAt > Date.now()) return JSON.parse(cached.json);
    const startedAt = this.#epoch;
    // A read sent while a write of the key is out may be answered from before or after it (the driver
    // does not order the two): its value is not to be trusted for the cache either way.
    const racesWrite = this.#writing.has(key);
    const raw: unknown = await storeCall(`reading ${key}`, () => this.keyv.get(key));
    // A write that started while this read was out may have finished first: this value is then older
    // than the cache's, and putting it back would undo that write for the next locked update.
    // A read does not tell when the record expires; remember it only briefly.
    if (remember && !racesWrite && raw !== undefined && raw !== null && !this.#overtaken(key, startedAt))
      this.#remember(key, raw, READ_CACHE_MS);
    return raw;
  }

  /** Whether a write of `key` started after `epoch`, or is still running. */
  #overtaken(key: string, epoch: number): boolean {
    if (epoch < this.#forgottenBefore || this.#writing.has(key)) return true;
    return (this.#writeStarts.get(key) ?? -1) >= epoch;
  }

  /** Marks a write of `key` as started: reads already out must not fill the cache. */
  #beginWrite(key: string): () => void {
    this.#cache.delete(key);
    if (this.#writeStarts.size >= MAX_TRACKED_WRITES) {
      // Reads that started before now are treated as overtaken; the map starts afresh.
      this.#writeStarts.clear();
      this.#forgottenBefore = this.#epoch + 1;
    }
    this.#writeStarts.set(key, this.#epoch++);
    this.#writing.set(key, (this.#writing.get(key) ?? 0) + 1);
    return () => {
      const left = (this.#writing.get(key) ?? 1) - 1;
      if (left > 0) this.#writing.set(key, left);
      else this.#writing.delete(key);
    };
  }

  /**
   * Reads and validates a record; a corrupt one is logged and treated as absent. `remember: false`
   * keeps a large record that is read once in a while (a user's review cards) out of the cache.
   */
  async read<S extends z.ZodType>(
    key: string,
    schema: S,
    options: { remember?: boolean } = {},
  ): Promise<z.infer<S> | undefined> {
    return this.#validate(key, schema, await this.#get(key, options.remember ?? true));
  }

  /** Reads several records in one round trip (those in the cache are not read again). */
  async readMany<S extends z.ZodType>(
    keys: readonly string[],
    schema: S,
  ): Promise<(z.infer<S> | undefined)[]> {
    const values = await this.#getMany(keys);
    return keys.map((key, index) => this.#validate(key, schema, values[index]));
  }

  async #getMany(keys: readonly string[]): Promise<unknown[]> {
    const now = Date.now();
    const values: unknown[] = keys.map((key) => {
      const cached = this.#cache.get(key);
      return cached !== undefined && cached.expiresAt > now ? JSON.parse(cached.json) : undefined;
    });
    const missing = keys.filter((_, index) => values[index] === undefined);
    if (missing.length > 0) {
      const startedAt = this.#epoch;
      const racingWrites = new Set(missing.filter((key) => this.#writing.has(key)));
      const loaded: unknown[] = await storeCall(`reading ${missing.length} records`, () =>
        this.keyv.getMany(missing),
      );
      let next = 0;
      keys.forEach((key, index) => {
        if (values[index] !== undefined) return;
        const raw = loaded[next++];
        values[index] = raw;
        if (raw !== undefined && raw !== null && !racingWrites.has(key) && !this.#overtaken(key, startedAt))
          this.#remember(key, raw, READ_CACHE_MS);
      });
    }
    return values;
  }

  #validate<S extends z.ZodType>(key: string, schema: S, raw: unknown): z.infer<S> | undefined {
    if (raw === undefined || raw === null) return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.log.warn(
      {
        key,
        issues: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      },
      'stored record is invalid; treating it as absent',
    );
    return undefined;
  }

  async write<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    const done = this.#beginWrite(key);
    this.#meter?.add(paramBytes([key, value]));
    try {
      await storeCall(`writing ${key}`, () => this.keyv.set(key, value, ttlMs));
      this.#remember(key, value, ttlMs);
    } finally {
      done();
    }
  }

  async delete(key: string): Promise<void> {
    const done = this.#beginWrite(key);
    try {
      await storeCall(`deleting ${key}`, () => this.keyv.delete(key));
    } finally {
      done();
    }
  }

  /**
   * Read-modify-write that never loses an update. Mutations that arrive for one key while another
   * is in flight are applied together, in arrival order, on one read and one write.
   */
  update<S extends z.ZodType, R>(
    key: string,
    schema: S,
    mutate: (current: z.infer<S> | undefined) => Mutation<z.infer<S>, R>,
    ttlMs?: number,
  ): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let batch = this.#pending.get(key);
      if (!batch) {
        const fresh: Batch = { schema, ttlMs, items: [] };
        batch = fresh;
        this.#pending.set(key, fresh);
        this.lock
          .withLock(
            key,
            (prefetched?: Promise<unknown>) => this.#drain(key, prefetched),
            () => this.#get(key),
          )
          .catch((error: unknown) => {
            // The lock itself failed (the store is unreachable): this batch never ran, and later
            // updates of the key must not join it and wait forever.
            if (this.#pending.get(key) === fresh) {
              this.#pending.delete(key);
              for (const item of fresh.items) item.reject(error);
            }
            this.log.error({ key, err: error }, 'store update failed');
          });
      }
      batch.items.push({
        mutate: mutate as Pending<unknown>['mutate'],
        resolve: resolve as (result: unknown) => void,
        reject,
      });
    });
  }

  async #drain(key: string, prefetched?: Promise<unknown>): Promise<void> {
    const batch = this.#pending.get(key);
    this.#pending.delete(key);
    if (!batch) {
      prefetched?.catch(() => undefined);
      return;
    }
    const results: { item: Pending<unknown>; result: unknown }[] = [];
    try {
      let current: unknown = this.#validate(key, batch.schema, await (prefetched ?? this.#get(key)));
      let changed = false;
      for (const item of batch.items) {
        try {
          const mutation = item.mutate(current);
          if (mutation.next !== undefined) {
            current = mutation.next === null ? undefined : mutation.next;
            changed = true;
          }
          results.push({ item, result: mutation.result });
        } catch (error) {
          item.reject(error);
        }
      }
      if (changed) {
        if (current === undefined) await this.delete(key);
        else await this.write(key, current, batch.ttlMs);
      }
    } catch (error) {
      for (const { item } of results) item.reject(error);
      for (const item of batch.items) if (!results.some((entry) => entry.item === item)) item.reject(error);
      return;
    }
    for (const { item, result } of results) item.resolve(result);
  }

  /**
   * One change over several records, atomic across instances: their locks are taken in a fixed (sorted)
   * order, so two changes sharing records never wait on each other in a circle and single-record
   * updates queue behind them; `decide` (pure: it may run its checks and throw, which writes nothing)
   * sees every record as it is now, and what it decides is written by the backend in one step (a
   * MULTI/EXEC on Redis, one statement on SQLite), all or none.
   */
  change<Refs extends ChangeRefs, R>(
    refs: Refs,
    decide: (records: ChangeRecords<Refs>) => ChangeOutcome<Refs, R>,
  ): Promise<R> {
    const writeAll = this.#writeAll;
    if (!writeAll)
      return Promise.reject(new Error('this record store cannot change several records at once'));
    const groups = Object.entries(refs).map(([name, group]) => ({
      name,
      list: Array.isArray(group),
      refs: (Array.isArray(group) ? group : [group]) as readonly RecordRef<unknown>[],
    }));
    const keys = [...new Set(groups.flatMap((group) => group.refs.map((ref) => ref.key)))].sort();
    return this.#withLocks(keys, async () => {
      const raw = await this.#getMany(keys);
      const stored = new Map(keys.map((key, index) => [key, raw[index]]));
      const records: Record<string, unknown> = {};
      for (const group of groups) {
        const values = group.refs.map((ref) => this.#validate(ref.key, ref.schema, stored.get(ref.key)));
        records[group.name] = group.list ? values : values[0];
      }
      const outcome = decide(records as ChangeRecords<Refs>);
      const writes = new Map<string, RecordWrite>();
      const next = (outcome.next ?? {}) as Record<string, unknown>;
      for (const group of groups) {
        const values = group.list ? ((next[group.name] as unknown[] | undefined) ?? []) : [next[group.name]];
        group.refs.forEach((ref, index) => {
          const value = values[index];
          if (value === undefined) return;
          const write = { key: ref.key, value: value === null ? undefined : value, ttlMs: ref.ttlMs };
          const earlier = writes.get(ref.key);
          if (earlier && JSON.stringify(earlier) !== JSON.stringify(write))
            throw new Error(`a change wrote ${ref.key} twice, with different values`);
          writes.set(ref.key, write);
        });
      }
      if (writes.size > 0) await this.#writeNow(writeAll, [...writes.values()]);
      return outcome.result;
    });
  }

  #withLocks<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    if (this.lock.withLocks) return this.lock.withLocks(keys, work);
    const [first, ...rest] = keys;
    if (first === undefined) return work();
    return this.lock.withLock(first, () => this.#withLocks(rest, work));
  }

  async #writeNow(writeAll: WriteAll, writes: readonly RecordWrite[]): Promise<void> {
    const done = writes.map((write) => this.#beginWrite(write.key));
    for (const write of writes) this.#meter?.add(paramBytes([write.key, write.value]));
    try {
      await storeCall(`writing ${writes.length} records`, () => writeAll(writes));
      for (const write of writes)
        if (write.value !== undefined) this.#remember(write.key, write.value, write.ttlMs);
    } finally {
      for (const end of done) end();
    }
  }

  keys(prefix: string, limit: number): Promise<string[]> {
    const list = this.#listKeys;
    if (!list) return Promise.reject(new Error('this store cannot list its keys'));
    return storeCall('keys', () => list(prefix, limit));
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}
