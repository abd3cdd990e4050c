// redis://: shared by every instance; locks and leases coordinate them.
import KeyvRedis, { createClient, type RedisClientType } from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { RedisChangeFeed } from './change-feed.ts';
import { RedisKeyLock } from './key-lock.ts';
import { jsonSerializer, type OpenedStore } from './opened-store.ts';
import { RecordStore } from './record-store.ts';
import { RedisAnswers } from './redis-answers.ts';
import { storeCall } from './store-call.ts';
import { StoreOpenError, shownUrl } from './store-open-error.ts';
import { redisWriteAll } from './write-all.ts';
import { WriteMeter } from './write-meter.ts';

/** At start, Redis must answer within this long, or the bot exits saying so. */
const START_TIMEOUT_MS = 7_000;
/** While Redis is down, its connection error is logged at most this often. */
const ERROR_LOG_EVERY_MS = 30_000;

/**
 * Commands fail at once while Redis is unreachable (no offline queue), so a user hears "try again"
 * instead of waiting; the client keeps reconnecting and the bot recovers by itself.
 */
async function connect(url: string, log: Logger): Promise<RedisClientType> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  }) as RedisClientType;
  let lastError: unknown;
  let loggedAt = 0;
  let down = false;
  client.on('error', (error: unknown) => {
    lastError = error;
    down = true;
    if (Date.now() - loggedAt >= ERROR_LOG_EVERY_MS) {
      loggedAt = Date.now();
      log.error({ err: error }, 'Redis is unreachable; commands that need the store fail until it is back');
    }
  });
  client.on('ready', () => {
    if (down) log.info('Redis is reachable again');
    down = false;
    loggedAt = 0;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
    return client;
  } catch (error) {
    client.destroy();
    const cause = lastError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreOpenError(
      `STORE_URL=${shownUrl(url)}: could not connect to Redis (${reason}). Check that Redis is running, and the host, port and password in STORE_URL.`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
  }
}

export async function openRedisStore(url: string, namespace: string, log: Logger): Promise<OpenedStore> {
  const meter = new WriteMeter();
  const client = await connect(url, log);
  const keyv = new Keyv({
    store: new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true }),
    namespace,
    useKeyPrefix: false,
    // A failed read must not look like a missing record (an update would then overwrite it).
    throwOnErrors: true,
    ...jsonSerializer,
  });
  // Failures reach the caller (as StoreUnavailableError); the event is only logged at debug level.
  keyv.on('error', (error: unknown) => log.debug({ err: error }, 'store error'));
  const lock = new RedisKeyLock(client, { prefix: `${namespace}:lock:` });
  const records = new RecordStore(keyv, lock, log, { meter, writeAll: redisWriteAll(client, namespace) });
  const changes = new RedisChangeFeed(client, namespace, log);
  return {
    records,
    answers: new RedisAnswers(client, namespace, meter),
    lock,
    meter,
    kind: 'redis',
    changes,
    redis: client,
    ping: async () => {
      await storeCall('ping', () => client.ping());
    },
    close: async () => {
      await changes.close();
      await records.close().catch(() => undefined);
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
