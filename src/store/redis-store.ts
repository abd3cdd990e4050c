// redis://: shared by every instance; locks and leases coordinate them.
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { RedisChangeFeed } from './change-feed.ts';
import { jsonSerializer } from './json-serializer.ts';
import { RedisKeyLock } from './key-lock.ts';
import { redisListKeys } from './list-keys.ts';
import { RecordStore } from './record-store.ts';
import { RedisAnswers } from './redis-answers.ts';
import { RedisConnection } from './redis-connection.ts';
import { RedisLease } from './redis-lease.ts';
import { storeCall } from './store-call.ts';
import type { OpenedStore } from './store-contract.ts';
import { redisWriteAll } from './write-all.ts';
import { WriteMeter } from './write-meter.ts';

export async function openRedisStore(url: string, namespace: string, log: Logger): Promise<OpenedStore> {
  const meter = new WriteMeter();
  // Commands fail at once while Redis is unreachable (no offline queue), so a user hears "try again"
  // instead of waiting; the connection keeps reconnecting and the bot recovers by itself.
  const connection = await RedisConnection.open(url, log, { role: 'store' });
  const client = connection.client;
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
  const records = new RecordStore(keyv, lock, log, {
    meter,
    writeAll: redisWriteAll(client, namespace),
    listKeys: redisListKeys(client, namespace),
  });
  const changes = new RedisChangeFeed(connection, namespace, log);
  return {
    records,
    answers: new RedisAnswers(client, namespace, meter),
    lock,
    // `<namespace>:lease:<name>`: the outbox's is the key the sender lease used before, so both releases share it.
    lease: (name, { ttlMs }) => new RedisLease(client, `${namespace}:lease:${name}`, ttlMs),
    meter,
    kind: 'redis',
    changes,
    ping: async () => {
      await storeCall('ping', () => client.ping());
    },
    close: async () => {
      await changes.close();
      await records.close().catch(() => undefined);
      await connection.close();
    },
  };
}
