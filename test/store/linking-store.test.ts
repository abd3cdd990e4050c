// The store's part in linking, on every backend: moving one account's history to another, and taking a
// code once however many ask at the same moment.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnswerRecord } from '../../src/core/model/answer.ts';
import { silentLogger } from '../../src/logger.ts';
import { LinksRepository } from '../../src/store/links-repository.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { dropNamespace, NOW, redisUrl, tempDir, uniqueNamespace } from '../support/test-core.ts';

const answer = (
  userId: string,
  platform: 'discord' | 'telegram',
  round: string,
  correct: boolean,
  at: number,
) =>
  ({
    platform,
    chatId: 'chat',
    roundId: round,
    position: 0,
    userId,
    name: userId,
    articleId: 'a',
    question: 0,
    choice: 0,
    correct,
    at,
  }) satisfies AnswerRecord;

async function recordAndApply(store: OpenedStore, record: AnswerRecord, day: string) {
  expect(await store.answers.record(record)).toBe('recorded');
  expect(
    await store.answers.apply([{ answer: record, day, week: '2026-W48', points: record.correct ? 1 : 0 }]),
  ).toBe(1);
}

const onRedis = needsRedis();
/** Redis only with REDIS_URL (onRedis prints why it is left out otherwise). */
const backends = [
  { name: 'memory', url: () => 'memory://' },
  { name: 'sqlite', url: (dir: string) => `sqlite://${join(dir, 'linking.sqlite')}` },
  ...(onRedis.skip ? [] : [{ name: 'redis', url: () => redisUrl ?? '' }]),
];

describe.each(backends)('linking in the $name store', ({ url }) => {
  let dir: { path: string; remove(): Promise<void> };
  let store: OpenedStore;
  const namespace = uniqueNamespace();
  beforeAll(async () => {
    dir = await tempDir();
    store = await openStore(url(dir.path), silentLogger(), namespace);
  });
  afterAll(async () => {
    await dropNamespace(store, namespace);
    await store.close();
    await dir.remove();
  });

  test('moving a history adds totals and unites days, once, and leaves the source empty', async () => {
    const first = { platform: 'telegram' as const, userId: 't1' };
    const other = { platform: 'discord' as const, userId: 'd1' };
    await recordAndApply(store, answer('t1', 'telegram', 'r1', true, NOW), '2026-11-23');
    await recordAndApply(store, answer('d1', 'discord', 'r2', false, NOW + 1_000), '2026-11-23');
    await recordAndApply(store, answer('d1', 'discord', 'r3', true, NOW + 86_400_000), '2026-11-24');
    await store.answers.moveHistory(other, first);
    expect(await store.answers.stats('telegram', 't1')).toEqual({
      answered: 3,
      correct: 2,
      lastActivity: NOW + 86_400_000,
    });
    expect(await store.answers.activeDays('telegram', 't1')).toEqual(['2026-11-23', '2026-11-24']);
    expect(await store.answers.stats('discord', 'd1')).toEqual({
      answered: 0,
      correct: 0,
      lastActivity: null,
    });
    expect(await store.answers.activeDays('discord', 'd1')).toEqual([]);
    // A second move finds nothing left to move.
    await store.answers.moveHistory(other, first);
    expect((await store.answers.stats('telegram', 't1')).answered).toBe(3);
  });

  test('of twenty takers of one code, exactly one gets it', async () => {
    const links = new LinksRepository(store.records, store.changes);
    const code = {
      v: 1 as const,
      digest: 'ab'.repeat(32),
      issuer: { platform: 'telegram' as const, userId: 't9', name: 'T' },
      expiresAt: NOW + 600_000,
    };
    await links.putCode(code, 600_000);
    const taken = await Promise.all(Array.from({ length: 20 }, () => links.takeCode(code.digest)));
    expect(taken.filter((entry) => entry !== undefined)).toEqual([code]);
  });
});

describe.skipIf(onRedis.skip)(onRedis.title('a code taken on two instances'), () => {
  test('two connections to one Redis: one of them gets the code', async () => {
    const namespace = uniqueNamespace();
    const stores = await Promise.all([0, 1].map(() => openStore(redisUrl ?? '', silentLogger(), namespace)));
    try {
      const [one, two] = stores.map((store) => new LinksRepository(store.records, store.changes));
      if (!one || !two) throw new Error('no stores');
      const code = {
        v: 1 as const,
        digest: 'cd'.repeat(32),
        issuer: { platform: 'discord' as const, userId: 'd9', name: 'D' },
        expiresAt: NOW + 600_000,
      };
      await one.putCode(code, 600_000);
      const taken = await Promise.all(
        Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? one : two).takeCode(code.digest)),
      );
      expect(taken.filter((entry) => entry !== undefined)).toHaveLength(1);
    } finally {
      for (const store of stores) {
        await dropNamespace(store, namespace);
        await store.close();
      }
    }
  });
});
