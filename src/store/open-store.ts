// Opens the store STORE_URL names: sqlite:// (default), redis:// for several instances, memory:// for tests.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import KeyvRedis, { createClient, type RedisClientType } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { type KeyLock, LocalKeyLock, RedisKeyLock } from './key-lock.ts';
import { RecordStore } from './record-store.ts';

export interface OpenedStore {
  records: RecordStore;
  lock: KeyLock;
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

/** `namespace` keeps several bots (or test runs) apart on one Redis or SQLite file. */
export async function openStore(
  url: string,
  log: Logger,
  namespace = DEFAULT_NAMESPACE,
): Promise<OpenedStore> {
  const storeLog = log.child({ module: 'store' });
  if (url.startsWith('memory:')) {
    const keyv = new Keyv({ namespace, ...json });
    keyv.on('error', (error: unknown) => storeLog.error({ err: error }, 'store error'));
    const lock = new LocalKeyLock();
    const records = new RecordStore(keyv, lock, storeLog);
    return { records, lock, kind: 'memory', close: () => records.close() };
  }
  if (url.startsWith('sqlite:')) {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    const sqlite = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 5_000 });
    // WAL with NORMAL sync: durable across a process crash, and far fewer fsyncs than the default.
    await sqlite.query('PRAGMA journal_mode = WAL');
    await sqlite.query('PRAGMA synchronous = NORMAL');
    const keyv = new Keyv({ store: sqlite, namespace, ...json });
    keyv.on('error', (error: unknown) => storeLog.error({ err: error }, 'store error'));
    const lock = new LocalKeyLock();
    const records = new RecordStore(keyv, lock, storeLog, { cacheSize: SINGLE_PROCESS_CACHE });
    // A checkpoint copies the WAL into the database and fsyncs it, stalling every query for tens of
    // milliseconds. SQLite's automatic one lands in the middle of busy moments (a quiz round closing),
    // so checkpoints run when the store is quiet, or at the latest every half minute.
    await sqlite.query('PRAGMA wal_autocheckpoint = 0');
    let checkpointedAt = Date.now();
    const checkpoint = async () => {
      checkpointedAt = Date.now();
      await sqlite
        .query('PRAGMA wal_checkpoint(PASSIVE)')
        .catch((error: unknown) => storeLog.warn({ err: error }, 'SQLite checkpoint failed'));
    };
    const timer = setInterval(() => {
      if (
        records.idleMs() >= CHECKPOINT_WHEN_IDLE_MS ||
        Date.now() - checkpointedAt >= CHECKPOINT_AT_LATEST_MS
      ) {
        void checkpoint();
      }
    }, CHECKPOINT_WHEN_IDLE_MS);
    timer.unref();
    return {
      records,
      lock,
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
  const records = new RecordStore(keyv, lock, storeLog);
  return {
    records,
    lock,
    kind: 'redis',
    redis: client,
    close: async () => {
      await records.close().catch(() => undefined);
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
