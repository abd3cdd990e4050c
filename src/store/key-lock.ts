// Mutual exclusion per key: in-process queues, plus a Redis lock when instances share a store.
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';
import { RELEASE_IF_OWNER, RedisScript } from './redis-script.ts';
import { storeCall } from './store-call.ts';
import type { KeyLock } from './store-contract.ts';

/** Serialises work per key inside this process (enough for memory:// and sqlite://). */
export class LocalKeyLock implements KeyLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  async withLock<T, P = never>(key: string, work: (prefetched?: Promise<P>) => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => work(),
      () => work(),
    );
    const tail = run.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** One key after another in the order given (sorted, so two callers cannot wait in a circle). */
  withLocks<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const [first, ...rest] = keys;
    if (first === undefined) return work();
    return this.withLock(first, () => this.withLocks(rest, work));
  }
}

export interface RedisLockOptions {
  /** How long a lock lives if its holder dies before releasing it. */
  ttlMs?: number;
  /** How long to keep trying before giving up with an error. */
  waitMs?: number;
  prefix?: string;
}

/** KEYS: locks; ARGV: token, TTL in ms. Takes every lock, or none when one is held (returns 0 then). */
const TAKE_ALL = new RedisScript(`
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
return 1`);

/** KEYS: locks; ARGV: token. Releases those still held with the token. */
const RELEASE_ALL_IF_OWNER = new RedisScript(`
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`);

/** A lock shared by every instance on one Redis; local callers queue first so they never spin. */
export class RedisKeyLock implements KeyLock {
  readonly #local = new LocalKeyLock();
  readonly #ttlMs: number;
  readonly #waitMs: number;
  readonly #prefix: string;

  constructor(
    private readonly client: RedisClientType,
    options: RedisLockOptions = {},
  ) {
    this.#ttlMs = options.ttlMs ?? 10_000;
    this.#waitMs = options.waitMs ?? 15_000;
    this.#prefix = options.prefix ?? 'newsquiz:lock:';
  }

  withLock<T, P = never>(
    key: string,
    work: (prefetched?: Promise<P>) => Promise<T>,
    prefetch?: () => Promise<P>,
  ): Promise<T> {
    return this.#local.withLock(key, async () => {
      const lockKey = this.#prefix + key;
      const token = randomUUID();
      const deadline = Date.now() + this.#waitMs;
      let delay = 2;
      let prefetched: Promise<P> | undefined;
      for (;;) {
        const acquiring = storeCall(`locking ${key}`, () =>
          this.client.set(lockKey, token, {
            condition: 'NX',
            expiration: { type: 'PX', value: this.#ttlMs },
          }),
        );
        // Commands on one connection run in order: a read sent right after the lock request sees
        // the value as of taking the lock, so it is valid if the lock was granted.
        const read = prefetch?.();
        // A read not used (the lock was not granted, or taking it failed) must not fail unhandled.
        read?.catch(() => undefined);
        const acquired = await acquiring;
        if (acquired === 'OK') {
          prefetched = read;
          break;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for the lock on ${key}`);
        await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
        delay = Math.min(delay * 2, 50);
      }
      try {
        return await work(prefetched);
      } finally {
        // A lock that cannot be released (the store went away) expires by itself after its TTL.
        await RELEASE_IF_OWNER.run(this.client, [lockKey], [token]).catch(() => undefined);
      }
    });
  }

  /**
   * Local callers queue per key as for one lock; then every Redis lock is taken in one script, all or
   * none (one round trip, where taking them one by one would cost one each and hold some while
   * waiting for the rest), and released in one.
   */
  withLocks<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const [only] = keys;
    if (keys.length === 1 && only !== undefined) return this.withLock(only, work);
    if (keys.length === 0) return work();
    return this.#local.withLocks(keys, async () => {
      const lockKeys = keys.map((key) => this.#prefix + key);
      const token = randomUUID();
      const deadline = Date.now() + this.#waitMs;
      let delay = 2;
      while (Number(await TAKE_ALL.run(this.client, lockKeys, [token, this.#ttlMs])) !== 1) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for the locks on ${keys.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
        delay = Math.min(delay * 2, 50);
      }
      try {
        return await work();
      } finally {
        // Locks that cannot be released (the store went away) expire by themselves after their TTL.
        await RELEASE_ALL_IF_OWNER.run(this.client, lockKeys, [token]).catch(() => undefined);
      }
    });
  }
}
