import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../src/logger.ts';
import { LocalKeyLock } from '../../src/store/key-lock.ts';
import { RecordStore } from '../../src/store/record-store.ts';
import type { KeyLock } from '../../src/store/store-contract.ts';

const counter = z.object({ count: z.number().int() });

/** A keyv over a Map, with `get` or `set` replaced to stage a race. */
function mapKeyv(
  data: Map<string, unknown>,
  overrides: {
    get?: (key: string) => Promise<unknown>;
    set?: (key: string, value: unknown) => Promise<boolean>;
  },
): Keyv {
  const adapter = {
    opts: {},
    namespace: undefined as string | undefined,
    on() {
      return adapter;
    },
    get: overrides.get ?? (async (key: string) => data.get(key)),
    set:
      overrides.set ??
      (async (key: string, value: unknown) => {
        data.set(key, value);
        return true;
      }),
    async delete(key: string) {
      return data.delete(key);
    },
    async clear() {
      data.clear();
    },
  };
  return new Keyv({ store: adapter as unknown as KeyvStoreAdapter });
}

/** A keyv store whose reads can be held back after taking their value, as a slow disk or network does. */
function slowReads() {
  const data = new Map<string, unknown>();
  let held: (() => void) | undefined;
  let holdNext = false;
  const get = async (key: string) => {
    const value = data.get(key);
    if (holdNext) {
      holdNext = false;
      await new Promise<void>((resolve) => {
        held = resolve;
      });
    }
    return value;
  };
  return {
    keyv: mapKeyv(data, { get }),
    /** The next read takes its value now and returns it only when released. */
    holdNextRead: () => {
      holdNext = true;
    },
    release: () => held?.(),
  };
}

/**
 * A keyv store whose next write is held until released, and whose reads sent meanwhile take the value
 * from before the write but answer after it: a driver that does not order a read behind a write.
 */
function unorderedReads() {
  const data = new Map<string, unknown>();
  let writing: Promise<void> | undefined;
  let release: (() => void) | undefined;
  let holdNext = false;
  const get = async (key: string) => {
    const value = data.get(key);
    if (writing) {
      await writing;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return value;
  };
  const set = async (key: string, value: unknown) => {
    if (holdNext) {
      holdNext = false;
      writing = new Promise<void>((resolve) => {
        release = resolve;
      });
      await writing;
      writing = undefined;
    }
    data.set(key, value);
    return true;
  };
  return {
    keyv: mapKeyv(data, { get, set }),
    holdNextWrite: () => {
      holdNext = true;
    },
    /** Resolves once the held write reached the store. */
    writeHeld: async () => {
      while (!release) await new Promise((resolve) => setTimeout(resolve, 1));
    },
    release: () => release?.(),
  };
}

describe('record store under races and faults', () => {
  test('a read sent while a write is out, answered with the older value after it, never fills the cache', async () => {
    const backend = unorderedReads();
    const records = new RecordStore(backend.keyv, new LocalKeyLock(), silentLogger(), { cacheSize: 100 });
    await records.write('k', { count: 1 });
    for (let index = 0; index < 120; index++) await records.write(`other${index}`, { count: index });
    backend.holdNextWrite();
    const write = records.write('k', { count: 2 });
    await backend.writeHeld();
    const racingRead = records.read('k', counter);
    backend.release();
    await write;
    expect(await racingRead).toEqual({ count: 1 });
    // The next locked update builds on the write, not on the older value the racing read saw.
    await records.update('k', counter, (current) => ({
      next: { count: (current?.count ?? 0) + 1 },
      result: undefined,
    }));
    expect(await records.read('k', counter)).toEqual({ count: 3 });
  });

  test('a read that misses the cache while a write is in flight never puts the old value back', async () => {
    const backend = slowReads();
    const records = new RecordStore(backend.keyv, new LocalKeyLock(), silentLogger(), { cacheSize: 100 });
    await records.write('k', { count: 1 });
    // Push 'k' out of the cache: the next plain read goes to the backend.
    for (let index = 0; index < 120; index++) await records.write(`other${index}`, { count: index });
    backend.holdNextRead();
    const staleRead = records.read('k', counter);
    await records.update('k', counter, () => ({ next: { count: 2 }, result: undefined }));
    backend.release();
    expect(await staleRead).toEqual({ count: 1 });
    // Updates build on the write, not on the read that was overtaken by it.
    for (let round = 0; round < 50; round++) {
      await records.update('k', counter, (current) => ({
        next: { count: (current?.count ?? 0) + 1 },
        result: undefined,
      }));
    }
    expect(await records.read('k', counter)).toEqual({ count: 52 });
  });

  test('when the lock cannot be taken (store unreachable), the batch fails and later updates still run', async () => {
    let down = true;
    const local = new LocalKeyLock();
    const flaky: KeyLock = {
      withLock: (key, work) => {
        if (down) return Promise.reject(new Error('connection refused'));
        return local.withLock(key, work);
      },
    };
    const records = new RecordStore(new Keyv(), flaky, silentLogger());
    const increment = () =>
      records.update('k', counter, (current) => ({
        next: { count: (current?.count ?? 0) + 1 },
        result: (current?.count ?? 0) + 1,
      }));
    const failed = await Promise.allSettled([increment(), increment(), increment()]);
    expect(failed.map((entry) => entry.status)).toEqual(['rejected', 'rejected', 'rejected']);
    down = false;
    await expect(increment()).resolves.toBe(1);
  });
});
