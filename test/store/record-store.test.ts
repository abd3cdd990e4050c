import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../src/store/open-store.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { redisUrl, tempDir, uniqueNamespace } from '../support/test-core.ts';

const onRedis = needsRedis();

const counter = z.object({ count: z.number().int() });

function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'warn' }, stream), lines };
}

describe('record store', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => dir.remove());

  test('the SQLite folder is created on first run and records survive reopening', async () => {
    const file = join(dir.path, 'nested', 'deeper', 'state.sqlite');
    const first = await openStore(`sqlite://${file}`, pino({ level: 'silent' }));
    await first.records.update('k', counter, (current) => ({
      next: { count: (current?.count ?? 0) + 1 },
      result: undefined,
    }));
    await first.close();
    const second = await openStore(`sqlite://${file}`, pino({ level: 'silent' }));
    expect(await second.records.read('k', counter)).toEqual({ count: 1 });
    await second.close();
  });

  test('a corrupt record is logged and treated as absent, never a crash', async () => {
    const { log, lines } = memoryLog();
    const store = await openStore(`sqlite://${join(dir.path, 'corrupt.sqlite')}`, log);
    await store.records.write('k', { count: 'many' });
    expect(await store.records.read('k', counter)).toBeUndefined();
    expect(lines.join('')).toContain('stored record is invalid');
    const next = await store.records.update('k', counter, (current) => ({
      next: { count: (current?.count ?? 0) + 1 },
      result: current,
    }));
    expect(next).toBeUndefined();
    expect(await store.records.read('k', counter)).toEqual({ count: 1 });
    await store.close();
  });

  test('a mutation that throws fails alone; the others in its batch still apply', async () => {
    const store = await openStore('memory://', pino({ level: 'silent' }));
    const bump = () =>
      store.records.update('k', counter, (current) => ({
        next: { count: (current?.count ?? 0) + 1 },
        result: true,
      }));
    const boom = store.records.update('k', counter, () => {
      throw new Error('refused');
    });
    const results = await Promise.allSettled([bump(), boom, bump(), bump()]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await store.records.read('k', counter)).toEqual({ count: 3 });
    await store.close();
  });

  test.skipIf(onRedis.skip)(
    onRedis.title('two Redis connections increment one key 500 times without a lost update'),
    async () => {
      const namespace = uniqueNamespace();
      const a = await openStore(redisUrl ?? '', pino({ level: 'silent' }), namespace);
      const b = await openStore(redisUrl ?? '', pino({ level: 'silent' }), namespace);
      try {
        await Promise.all(
          Array.from({ length: 500 }, (_, index) =>
            (index % 2 ? a : b).records.update('k', counter, (current) => ({
              next: { count: (current?.count ?? 0) + 1 },
              result: undefined,
            })),
          ),
        );
        expect(await a.records.read('k', counter)).toEqual({ count: 500 });
      } finally {
        await a.records.delete('k');
        await a.close();
        await b.close();
      }
    },
  );
});
