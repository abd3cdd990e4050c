// sqlite://: one file for one process; keyv's records and the answer tables side by side, in WAL mode.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { isoWeek } from '../core/calendar.ts';
import { LocalChangeFeed } from './change-feed.ts';
import { jsonSerializer } from './json-serializer.ts';
import { LocalKeyLock } from './key-lock.ts';
import { KeyvSqliteAdapter } from './keyv-sqlite-adapter.ts';
import { LocalLeases } from './local-leases.ts';
import { RecordStore } from './record-store.ts';
import { SqliteAnswers } from './sqlite-answers.ts';
import { SqliteConnection } from './sqlite-connection.ts';
import type { OpenedStore } from './store-contract.ts';
import { StoreOpenError } from './store-open-error.ts';
import { WriteMeter } from './write-meter.ts';

/** SQLite belongs to one process, so recently used records can be served from memory. */
const SINGLE_PROCESS_CACHE = 20_000;
/** Checkpoint the WAL after this much quiet... */
const CHECKPOINT_WHEN_IDLE_MS = 500;
/** ...or after this long regardless. */
const CHECKPOINT_AT_LATEST_MS = 30_000;
/** Applied answers and old weekly boards are pruned this often, in a quiet moment. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Weekly boards older than this are pruned. */
const KEEP_WEEKS_MS = 9 * 7 * 86_400_000;

/** `sqlite://./data/x.sqlite` → `./data/x.sqlite`; `sqlite:///abs/x.sqlite` → `/abs/x.sqlite`. */
export function sqlitePath(url: string): string {
  const rest = url.replace(/^sqlite:\/\//, '');
  return resolve(rest === '' ? './data/newsquiz.sqlite' : rest);
}

/** Refuses a file SQLite cannot use safely: damaged, not a database, or not writable. */
function checkFile(connection: SqliteConnection, url: string): void {
  const refuse = (problem: string, advice: string, cause?: unknown) =>
    new StoreOpenError(`STORE_URL=${url}: ${problem}. ${advice}`, { cause });
  const damaged = 'Restore it from a backup, or move it away to start with an empty one.';
  let result: string;
  try {
    const rows = connection.all<{ quick_check: string }>('PRAGMA quick_check(5)');
    result = rows.map((row) => row.quick_check).join('; ');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw refuse(`the file is not a usable SQLite database (${reason})`, damaged, error);
  }
  if (result !== 'ok') throw refuse(`the database file is damaged (${result})`, damaged);
  try {
    // A real write, rolled back: a read-only file only refuses once a page would change.
    connection.exec('BEGIN IMMEDIATE; CREATE TABLE nq_write_probe (x INTEGER); ROLLBACK;');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw refuse(
      `the database cannot be written (${reason})`,
      'Give the bot write access to the file and its folder (SQLite writes -wal and -shm files beside it).',
      error,
    );
  }
}

export async function openSqliteStore(url: string, namespace: string, log: Logger): Promise<OpenedStore> {
  const meter = new WriteMeter();
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  let connection: SqliteConnection;
  try {
    connection = SqliteConnection.open(path, meter);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(`STORE_URL=${url}: cannot open ${path} (${reason}).`, { cause: error });
  }
  try {
    checkFile(connection, url);
    // WAL with NORMAL sync: durable across a process crash, and far fewer fsyncs than the default.
    connection.exec('PRAGMA journal_mode = WAL');
    connection.exec('PRAGMA synchronous = NORMAL');
    // A checkpoint copies the WAL into the database and fsyncs it, stalling every query for tens of
    // milliseconds. SQLite's automatic one lands in the middle of busy moments (a quiz round closing),
    // so checkpoints run when the store is quiet, or at the latest every half minute.
    connection.exec('PRAGMA wal_autocheckpoint = 0');
  } catch (error) {
    connection.close();
    throw error;
  }
  // A failed read must not look like a missing record (an update would then overwrite it).
  const adapter = KeyvSqliteAdapter.open(connection);
  const keyv = new Keyv({
    store: adapter,
    namespace,
    ...jsonSerializer,
    throwOnErrors: true,
  });
  // Failures reach the caller (as StoreUnavailableError); the event is only logged at debug level.
  keyv.on('error', (error: unknown) => log.debug({ err: error }, 'store error'));
  const lock = new LocalKeyLock();
  // The connection counts what is written (keyv's writes included).
  const records = new RecordStore(keyv, lock, log, {
    cacheSize: SINGLE_PROCESS_CACHE,
    writeAll: adapter.writeAll,
    listKeys: adapter.listKeys,
  });
  const answers = SqliteAnswers.open(connection, namespace);
  // SQLite is for a single process: changes and leases need not leave it.
  const changes = new LocalChangeFeed();
  const leases = new LocalLeases();

  let checkpointedAt = Date.now();
  const checkpoint = () => {
    checkpointedAt = Date.now();
    try {
      connection.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch (error) {
      log.warn({ err: error }, 'SQLite checkpoint failed');
    }
  };
  let prunedAt = 0;
  let pruning: Promise<void> | undefined;
  const prune = async () => {
    prunedAt = Date.now();
    await answers
      .prune(prunedAt, isoWeek(prunedAt - KEEP_WEEKS_MS, 'UTC'))
      .catch((error: unknown) => log.warn({ err: error }, 'pruning old answers failed'));
  };
  const timer = setInterval(() => {
    const quiet = connection.idleMs() >= CHECKPOINT_WHEN_IDLE_MS;
    if (quiet || Date.now() - checkpointedAt >= CHECKPOINT_AT_LATEST_MS) checkpoint();
    if (quiet && !pruning && Date.now() - prunedAt >= PRUNE_EVERY_MS) {
      pruning = prune().finally(() => {
        pruning = undefined;
      });
    }
  }, CHECKPOINT_WHEN_IDLE_MS);
  timer.unref();
  return {
    records,
    answers,
    lock,
    lease: (name, options) => leases.lease(name, options),
    meter,
    kind: 'sqlite',
    changes,
    ping: async () => {
      connection.all('SELECT 1');
    },
    close: async () => {
      clearInterval(timer);
      await changes.close();
      // Pruning pauses between its statements: it ends before the connection closes.
      await pruning;
      checkpoint();
      await records.close();
      connection.close();
    },
  };
}
