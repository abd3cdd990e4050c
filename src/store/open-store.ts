// Opens the store STORE_URL names: sqlite:// (default), redis:// for several instances, memory:// for tests.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import KeyvRedis, { createClient, type RedisClientType } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { isoWeek } from '../core/calendar.ts';
import type { AnswersPort, ScoresPort } from '../core/ports.ts';
import { type KeyLock, LocalKeyLock, RedisKeyLock } from './key-lock.ts';
import { MemoryAnswers } from './memory-answers.ts';
import { RecordStore } from './record-store.ts';
import { RedisAnswers } from './redis-answers.ts';
import { SqliteAnswers } from './sqlite-answers.ts';
import { SqliteGate } from './sqlite-gate.ts';
import { WriteMeter } from './write-meter.ts';

export interface OpenedStore {
  records: RecordStore;
  /** Recorded answers and what they add up to (the quiz hot path). */
  answers: AnswersPort & ScoresPort;
  lock: KeyLock;
  /** What this process has written to the store (benchmarks, metrics). */
  meter: WriteMeter;
  kind: 'sqlite' | 'redis' | 'memory';
  /** The raw Redis connection, for coordination that needs more than key-value (locks, leases). */
  redis?: RedisClientType;
  close(): Promise<void>;
}

const DEFAULT_NAMESPACE = 'newsquiz';
/** SQLite belongs to one process, so recently used records can be served from memory. */
const SINGLE_PROCESS_CACHE = 20_000;
/** Checkpoint the WAL after this much quiet... */
const CHECKPOINT_WHEN_IDLE_MS = 500;
/** ...or after this long regardless. */
const CHECKPOINT_AT_LATEST_MS = 30_000;

/** Records are plain JSON; keyv's default serializer walks every value looking for buffers and is slower. */
const json = {
  serialize: (data: unknown) => JSON.stringify(data),
  deserialize: (data: string) => JSON.parse(data),
};

/** `sqlite://./data/x.sqlite` → `./data/x.sqlite`; `sqlite:///abs/x.sqlite` → `/abs/x.sqlite`. */
export function sqlitePath(url: string): string {
  const rest = url.replace(/^sqlite:\/\//, '');
  return resolve(rest === '' ? './data/newsquiz.sqlite' : rest);
}

/** Applied answers and old weekly boards are pruned this often. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Weekly boards older than this are pruned. */
const KEEP_WEEKS_MS = 9 * 7 * 86_400_000;

/** SQLite's `query` on keyv's connection, routed through a gate shared with the answer tables. */
class GatedKeyvSqlite extends KeyvSqlite {
  readonly gate: SqliteGate;
  constructor(options: ConstructorParameters<typeof KeyvSqlite>[0], meter: WriteMeter) {
    super(options);
    this.gate = new SqliteGate(this.query, meter);
    this.query = (sql: string, ...params: unknown[]) => this.gate.all(sql, params);
  }
}

/** `namespace` keeps several bots (or test runs) apart on one Redis or SQLite file. */
export async function openStore(
  url: string,
  log: Logger,
  namespace = DEFAULT_NAMESPACE,
): Promise<OpenedStore> {
  const storeLog = log.child({ module: 'store' });
  const meter = new WriteMeter();
  if (url.startsWith('memory:')) {
    const keyv = new Keyv({ namespace, ...json });
    keyv.on('error', (error: unknown) => storeLog.error({ err: error }, 'store error'));
    const lock = new LocalKeyLock();
    const records = new RecordStore(keyv, lock, storeLog, { meter });
    const answers = new MemoryAnswers(meter);
    return { records, answers, lock, meter, kind: 'memory', close: () => records.close() };
  }
  if (url.startsWith('sqlite:')) {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    const sqlite = new GatedKeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 5_000 }, meter);
    // WAL with NORMAL sync: durable across a process crash, and far fewer fsyncs than the default.
    await sqlite.query('PRAGMA journal_mode = WAL');
    await sqlite.query('PRAGMA synchronous = NORMAL');
    const keyv = new Keyv({ store: sqlite, namespace, ...json });
    keyv.on('error', (error: unknown) => storeLog.error({ err: error }, 'store error'));
    const lock = new LocalKeyLock();
    const records = new RecordStore(keyv, lock, storeLog, { cacheSize: SINGLE_PROCESS_CACHE });
    const answers = await SqliteAnswers.open(sqlite.gate, namespace);
    // A checkpoint copies the WAL into the database and fsyncs it, stalling every query for tens of
    // milliseconds. SQLite's automatic one lands in the middle of busy moments (a quiz round closing),
    // so checkpoints run when the store is quiet, or at the latest every half minute.
    await sqlite.query('PRAGMA wal_autocheckpoint = 0');
    let checkpointedAt = Date.now();
    let prunedAt = 0;
    const prune = async () => {
      prunedAt = Date.now();
      const oldestWeek = isoWeek(prunedAt - KEEP_WEEKS_MS, 'UTC');
      await answers
        .prune(prunedAt, oldestWeek)
        .catch((error: unknown) => storeLog.warn({ err: error }, 'pruning old answers failed'));
    };
    const checkpoint = async () => {
      checkpointedAt = Date.now();
      await sqlite
        .query('PRAGMA wal_checkpoint(PASSIVE)')
        .catch((error: unknown) => storeLog.warn({ err: error }, 'SQLite checkpoint failed'));
    };
    const timer = setInterval(() => {
      if (
        sqlite.gate.idleMs() >= CHECKPOINT_WHEN_IDLE_MS ||
        Date.now() - checkpointedAt >= CHECKPOINT_AT_LATEST_MS
      ) {
        void checkpoint();
      }
      if (sqlite.gate.idleMs() >= CHECKPOINT_WHEN_IDLE_MS && Date.now() - prunedAt >= PRUNE_EVERY_MS)
        void prune();
    }, CHECKPOINT_WHEN_IDLE_MS);
    timer.unref();
    return {
      records,
      answers,
      lock,
      meter,
      kind: 'sqlite',
      close: async () => {
        clearInterval(timer);
        await checkpoint();
        await records.close();
      },
    };
  }
  const client = createClient({ url }) as RedisClientType;
  client.on('error', (error: unknown) => storeLog.error({ err: error }, 'redis connection error'));
  await client.connect();
  const keyv = new Keyv({
    store: new KeyvRedis(client, { namespace }),
    namespace,
    useKeyPrefix: false,
    ...json,
  });
  keyv.on('error', (error: unknown) => storeLog.error({ err: error }, 'store error'));
  const lock = new RedisKeyLock(client, { prefix: `${namespace}:lock:` });
  const records = new RecordStore(keyv, lock, storeLog, { meter });
  return {
    records,
    answers: new RedisAnswers(client, namespace, meter),
    lock,
    meter,
    kind: 'redis',
    redis: client,
    close: async () => {
      await records.close().catch(() => undefined);
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
