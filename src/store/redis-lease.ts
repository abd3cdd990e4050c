// A lease shared by every instance on one Redis: a key holding its holder's token, expiring if the
// holder dies, so another instance takes over.
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';
import { RELEASE_IF_OWNER, RedisScript } from './redis-script.ts';
import { storeCall } from './store-call.ts';
import type { Lease } from './store-contract.ts';

/** Extends the lease only while it still holds our token. */
const RENEW_IF_OWNER = new RedisScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
);

export class RedisLease implements Lease {
  readonly #token = randomUUID();
  /** Until when this holder last knew it held the lease (by this process's time). */
  #heldUntil = 0;

  constructor(
    private readonly client: RedisClientType,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  async hold(): Promise<boolean> {
    const now = Date.now();
    // Renew at a third of the lease time; in between, trust the lease we have.
    if (this.#heldUntil - now > (this.ttlMs * 2) / 3) return true;
    const renewed = await RENEW_IF_OWNER.run(this.client, [this.key], [this.#token, this.ttlMs]);
    if (renewed === 1) {
      this.#heldUntil = now + this.ttlMs;
      return true;
    }
    const acquired = await storeCall(`taking the lease ${this.key}`, () =>
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
    await RELEASE_IF_OWNER.run(this.client, [this.key], [this.#token]);
  }
}
