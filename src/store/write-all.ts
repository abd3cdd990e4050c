// Several records written and deleted in one step of the backend: all of them or none, and no reader
// sees some without the others. Each backend stores them as keyv does, so keyv reads them back.
import type { RedisClientType } from '@keyv/redis';

/** One record of an atomic write; `value: undefined` deletes it. */
export interface RecordWrite {
  key: string;
  value: unknown;
  ttlMs: number | undefined;
}

export type WriteAll = (writes: readonly RecordWrite[]) => Promise<void>;

/** What keyv stores for a value (its envelope, through our JSON serializer). */
export const keyvText = (value: unknown, ttlMs: number | undefined, now: number) =>
  JSON.stringify({ value, expires: ttlMs ? now + ttlMs : undefined });

/** memory://: keyv's Map, keys `namespace:key`; changed in one synchronous step. */
export function mapWriteAll(map: Map<string, unknown>, namespace: string): WriteAll {
  return async (writes) => {
    const now = Date.now();
    for (const { key, value, ttlMs } of writes) {
      if (value === undefined) map.delete(`${namespace}:${key}`);
      else map.set(`${namespace}:${key}`, keyvText(value, ttlMs, now));
    }
  };
}

/** redis://: @keyv/redis's keys `namespace::key`, in one MULTI/EXEC transaction. */
export function redisWriteAll(client: RedisClientType, namespace: string): WriteAll {
  return async (writes) => {
    const now = Date.now();
    const multi = client.multi();
    for (const { key, value, ttlMs } of writes) {
      const stored = `${namespace}::${key}`;
      if (value === undefined) multi.del(stored);
      else if (ttlMs)
        multi.set(stored, keyvText(value, ttlMs, now), { expiration: { type: 'PX', value: ttlMs } });
      else multi.set(stored, keyvText(value, ttlMs, now));
    }
    await multi.exec();
  };
}
