// redis://: shared by every instance; locks and leases coordinate them.
import KeyvRedis, { createClient, type RedisClientType } from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { RedisKeyLock } from './key-lock.ts';
import { jsonSerializer, type OpenedStore } from './opened-store.ts';
import { RecordStore } from './record-store.ts';
import { RedisAnswers } from './redis-answers.ts';
import { WriteMeter } from './write-meter.ts';

export async function openRedisStore(url: string, namespace: string, log: Logger): Promise<OpenedStore> {
  const meter = new WriteMeter();
  const client = createClient({ url }) as RedisClientType;
  client.on('error', (error: unknown) => log.error({ err: error }, 'redis connection error'));
  await client.connect();
  const keyv = new Keyv({
    store: new KeyvRedis(client, { namespace }),
    namespace,
    useKeyPrefix: false,
    ...jsonSerializer,
  });
  keyv.on('error', (error: unknown) => log.error({ err: error }, 'store error'));
  const lock = new RedisKeyLock(client, { prefix: `${namespace}:lock:` });
  const records = new RecordStore(keyv, lock, log, { meter });
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
