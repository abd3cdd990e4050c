// Mutual exclusion per key: in-process queues, plus a Redis lock when instances share a store.
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';
import { RELEASE_IF_OWNER } from './redis-script.ts';
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
}

export interface RedisLockOptions {
  /** How long a lock lives if its holder dies before releasing it. */
  ttlMs?: number;
  /** How long to keep trying before giving up with an error. */
  waitMs?: number;
  prefix?: string;
}

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
}
