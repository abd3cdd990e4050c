// A Lua script run by its SHA (one short round trip), loaded on first use or after a Redis restart.
import { createHash } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';
import { storeCall } from './store-call.ts';

export class RedisScript {
  readonly #sha: string;

  constructor(readonly source: string) {
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  run(client: RedisClientType, keys: string[], args: (string | number)[]): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    return storeCall('Redis script', async () => {
      try {
        return await client.evalSha(this.#sha, options);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
        return client.eval(this.source, options);
      }
    });
  }
}

/** Deletes a key only while it still holds our token (locks and leases). */
export const RELEASE_IF_OWNER = new RedisScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
);
