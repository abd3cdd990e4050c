// The store's atomic change over several records, on every backend: all of its writes land or none,
// no reader sees some without the others, and changes sharing a record never interleave, whether they
// come in one batch or from two instances at once.
import { describe, expect } from 'vitest';
import { z } from 'zod';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { type RecordRef, recordRef } from '../../src/store/store-contract.ts';
import { RACES, STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';

const balance = z.object({ amount: z.number().int() });
type Balance = z.infer<typeof balance>;
const account = (key: string): RecordRef<Balance> => recordRef(key, balance);

/** Moves `amount` from one balance to another in one change; refuses to go below zero. */
function transfer(store: OpenedStore, from: string, to: string, amount: number): Promise<boolean> {
  return store.records.change({ from: account(from), to: account(to) }, (records) => {
    const have = records.from?.amount ?? 0;
    if (have < amount) return { result: false };
    return {
      next: { from: { amount: have - amount }, to: { amount: (records.to?.amount ?? 0) + amount } },
      result: true,
    };
  });
}

async function total(store: OpenedStore, keys: readonly string[]): Promise<number> {
  const values = await store.records.readMany(keys, balance);
  return values.reduce((sum, value) => sum + (value?.amount ?? 0), 0);
}

describe.each(STORE_BACKENDS)('an atomic change in the $name store', (backend) => {
  const { pair, maybe: run } = useStorePair(backend);
  /** This instance, and a second one on the same state where the backend has one (Redis). */
  const stores = () => ({ store: pair.on(0), other: pair.on(1) });

  run('writes and deletes several records in one step, with their expiry', async () => {
    const { store, other } = stores();
    await store.records.write('a:gone', { amount: 1 });
    const result = await store.records.change(
      { kept: account('a:kept'), gone: account('a:gone'), brief: recordRef('a:brief', balance, 300) },
      (records) => ({
        next: { kept: { amount: 7 }, gone: null, brief: { amount: records.gone?.amount ?? 0 } },
        result: 'done',
      }),
    );
    expect(result).toBe('done');
    expect(await other.records.readMany(['a:kept', 'a:gone', 'a:brief'], balance)).toEqual([
      { amount: 7 },
      undefined,
      { amount: 1 },
    ]);
    await expect.poll(() => other.records.read('a:brief', balance), { timeout: 10_000 }).toBeUndefined();
  });

  run('writes nothing when it decides nothing, or throws', async () => {
    const { store } = stores();
    await store.records.write('b:one', { amount: 1 });
    expect(await store.records.change({ one: account('b:one') }, () => ({ result: 'nothing' }))).toBe(
      'nothing',
    );
    await expect(
      store.records.change({ one: account('b:one'), two: account('b:two') }, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.records.readMany(['b:one', 'b:two'], balance)).toEqual([{ amount: 1 }, undefined]);
  });

  run('a group of records (an array of references) is read and written in the order given', async () => {
    const { store } = stores();
    const keys = ['c:3', 'c:1', 'c:2'];
    await store.records.change({ all: keys.map(account) }, () => ({
      next: { all: keys.map((_, index) => ({ amount: index })) },
      result: undefined,
    }));
    const read = await store.records.change({ all: keys.map(account) }, (records) => ({
      result: records.all.map((record) => record?.amount),
    }));
    expect(read).toEqual([0, 1, 2]);
  });

  run(
    `transfers in both directions, in one batch and from two instances, ${RACES} times: nothing is lost or made`,
    async () => {
      const { store, other } = stores();
      for (let round = 0; round < RACES; round++) {
        const [a, b] = [`d:${round}:a`, `d:${round}:b`];
        await store.records.change({ a: account(a), b: account(b) }, () => ({
          next: { a: { amount: 10 }, b: { amount: 10 } },
          result: undefined,
        }));
        // Single-record updates of the same keys run among the changes and must not be lost either.
        const moves = await Promise.all([
          transfer(store, a, b, 3),
          transfer(other, b, a, 5),
          transfer(other, a, b, 4),
          store.records.update(a, balance, (current) => ({
            next: { amount: (current?.amount ?? 0) + 100 },
            result: true,
          })),
          transfer(store, b, a, 2),
        ]);
        expect(moves.every((moved) => moved)).toBe(true);
        expect(await total(other, [a, b])).toBe(120);
      }
    },
  );

  run(`a reader never sees half a change (${RACES} changes read while they land)`, async () => {
    const { store, other } = stores();
    const keys = ['e:a', 'e:b'] as const;
    await store.records.change({ a: account(keys[0]), b: account(keys[1]) }, () => ({
      next: { a: { amount: 50 }, b: { amount: 50 } },
      result: undefined,
    }));
    const seen: number[] = [];
    let moving = true;
    const reading = (async () => {
      while (moving) {
        seen.push(await total(other, keys));
        // Reads served from a cache never wait: let the changes run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let round = 0; round < RACES; round++) {
      await Promise.all([transfer(store, keys[0], keys[1], 1), transfer(other, keys[1], keys[0], 2)]);
    }
    moving = false;
    await reading;
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([100]));
  });
});
