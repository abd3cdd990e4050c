import { createClient, type RedisClientType } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RedisKeyLock } from '../../src/store/key-lock.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { redisUrl, uniqueNamespace } from '../support/test-core.ts';

const redis = needsRedis();

describe('several Redis locks taken together', () => {
  let first: RedisClientType;
  let second: RedisClientType;
  const prefix = `${uniqueNamespace()}:lock:`;
  beforeAll(async () => {
    if (redis.skip) return;
    first = createClient({ url: redisUrl ?? '' }) as RedisClientType;
    second = createClient({ url: redisUrl ?? '' }) as RedisClientType;
    await Promise.all([first.connect(), second.connect()]);
  });
  afterAll(async () => {
    if (redis.skip) return;
    first.destroy();
    second.destroy();
  });

  test.skipIf(redis.skip)(
    redis.title(
      'an instance waiting for one of its locks holds none of the others, and runs once the last is free',
    ),
    async () => {
      // Two instances: their own clients and in-process queues, one Redis.
      const one = new RedisKeyLock(first, { prefix });
      const other = new RedisKeyLock(second, { prefix });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding = () => {};
      const taken = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const holder = one.withLock('b', async () => {
        holding();
        await held;
      });
      await taken;
      const order: string[] = [];
      const both = other.withLocks(['a', 'b'], async () => {
        order.push('a+b');
      });
      // While `b` is held elsewhere, `a` stays free: another instance takes it at once.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await one.withLock('a', async () => {
        order.push('a alone');
      });
      expect(order).toEqual(['a alone']);
      release();
      await holder;
      await both;
      expect(order).toEqual(['a alone', 'a+b']);
      // Both locks were released: each can be taken again at once.
      await one.withLocks(['a', 'b'], async () => {
        order.push('again');
      });
      expect(order).toEqual(['a alone', 'a+b', 'again']);
      expect(await first.exists([`${prefix}a`, `${prefix}b`])).toBe(0);
    },
  );
});
