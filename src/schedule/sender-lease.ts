// Which instance sends: one sender per platform at a time, so rate limits hold across instances.
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';
import { storeCall } from '../store/store-call.ts';

export interface SenderLease {
  /** True while this instance holds the lease (renewing it as a side effect). */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

/** A single process owns its SQLite or memory store, so it always sends. */
export const soleSender: SenderLease = { hold: async () => true, release: async () => undefined };

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** A Redis lease that expires if its holder dies, so another instance takes over the sending. */
export class RedisSenderLease implements SenderLease {
  readonly #token = randomUUID();
  #heldUntil = 0;

  constructor(
    private readonly client: RedisClientType,
    private readonly key: string,
    private readonly ttlMs = 10_000,
  ) {}

  async hold(): Promise<boolean> {
    const now = Date.now();
    // Renew at a third of the lease time; in between, trust the lease we have.
    if (this.#heldUntil - now > (this.ttlMs * 2) / 3) return true;
    const renewed = await storeCall('renewing the sender lease', () =>
      this.client.eval(RENEW, { keys: [this.key], arguments: [this.#token, String(this.ttlMs)] }),
    );
    if (renewed === 1) {
      this.#heldUntil = now + this.ttlMs;
      return true;
    }
    const acquired = await storeCall('taking the sender lease', () =>
      this.client.set(this.key, this.#token, {
        condition: 'NX',
        expiration: { type: 'PX', value: this.ttlMs },
      }),
    );
    this.#heldUntil = acquired === 'OK' ? now + this.ttlMs : 0;
    return acquired === 'OK';
  }

  async release(): Promise<void> {
    this.#heldUntil = 0;
    if (!this.client.isOpen) return;
    await storeCall('handing back the sender lease', () =>
      this.client.eval(RELEASE, { keys: [this.key], arguments: [this.#token] }),
    );
  }
}
