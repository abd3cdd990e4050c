// The keys of the records whose key starts with a prefix, per backend (keyv has no portable way): for a
// one-time look over records written under an older layout, never on a hot path.
import type { RedisClientType } from '@keyv/redis';

/** Up to `limit` record keys (without the namespace) that start with `prefix`. */
export type ListKeys = (prefix: string, limit: number) => Promise<string[]>;

/** memory://: keyv's Map, keys `namespace:key`. */
export function mapListKeys(map: Map<string, unknown>, namespace: string): ListKeys {
  return async (prefix, limit) => {
    const stored = `${namespace}:${prefix}`;
    const keys: string[] = [];
    for (const key of map.keys()) {
      if (keys.length >= limit) break;
      if (key.startsWith(stored)) keys.push(key.slice(namespace.length + 1));
    }
    return keys;
  };
}

/** Characters SCAN's MATCH pattern would read as wildcards. */
const globSpecial = /[*?[\]\\]/g;

/** redis://: @keyv/redis's keys `namespace::key`, by SCAN (it walks the keyspace in steps, never blocking Redis). */
export function redisListKeys(client: RedisClientType, namespace: string): ListKeys {
  return async (prefix, limit) => {
    const stored = `${namespace}::${prefix}`;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const page = await client.scan(cursor, {
        MATCH: `${stored.replace(globSpecial, '\\$&')}*`,
        COUNT: 1_000,
      });
      cursor = String(page.cursor);
      for (const key of page.keys) if (keys.length < limit) keys.push(key.slice(namespace.length + 2));
    } while (cursor !== '0' && keys.length < limit);
    return keys;
  };
}
