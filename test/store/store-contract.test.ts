// The store contract (src/store/store-contract.ts), held against every backend: memory, SQLite and Redis.
// Records, answers, locks and leases, the change feed, and the atomic change over several records; each
// run on two instances sharing the store where the backend has them (Redis), else on one store twice.
// What only one backend has to get right (SQLite's files, Redis outages) is tested beside it.
import { describe, expect } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../src/core/clock.ts';
import type { AnswerEffect, AnswerRecord } from '../../src/core/records/answer.ts';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { type LeaseOptions, type RecordRef, recordRef } from '../../src/store/store-contract.ts';
import { knownAnswers, racedCounts } from '../support/question-answers.ts';
import { RACES, STORE_BACKENDS, type StoreBackend, useStorePair } from '../support/store-backends.ts';
import { NOW } from '../support/test-core.ts';

const counter = z.object({ count: z.number().int() });
const balance = z.object({ amount: z.number().int() });
type Balance = z.infer<typeof balance>;
const account = (key: string): RecordRef<Balance> => recordRef(key, balance);

const increment = (store: OpenedStore, key: string) =>
  store.records.update(key, counter, (current) => ({
    next: { count: (current?.count ?? 0) + 1 },
    result: (current?.count ?? 0) + 1,
  }));

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

/** One answer in chat `-100` to question 0 of `roundId`; `at` orders answers (and is their day's time). */
const answer = (userId: string, roundId: string, at: number, correct = true): AnswerRecord => ({
  platform: 'telegram',
  chatId: '-100',
  roundId,
  position: 0,
  userId,
  name: `Name of ${userId}`,
  articleId: 'contract-article',
  question: 0,
  choice: correct ? 0 : 1,
  correct,
  at,
});

const effect = (record: AnswerRecord, day = '2026-11-23', week = '2026-W48'): AnswerEffect => ({
  answer: record,
  day,
  week,
  points: record.correct ? 1 : 0,
});

const byUser = <T extends { userId: string }>(entries: T[]) =>
  [...entries].sort((a, b) => a.userId.localeCompare(b.userId));

/**
 * Time for leases: a manual clock where the store keeps leases in this process; where it keeps them
 * itself (Redis, on its own clock), a short lease and real time passing.
 */
function leaseTime(backend: StoreBackend): { options: LeaseOptions; pass(ms: number): Promise<void> } {
  if (!backend.shared) {
    const clock = new ManualClock(NOW);
    return { options: { ttlMs: 10_000, clock }, pass: async (ms) => clock.advance(ms) };
  }
  // Timers never fire early by more than a millisecond; the margin covers that, not a busy machine.
  return {
    options: { ttlMs: 2_000 },
    pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms + 20)),
  };
}

describe.each(STORE_BACKENDS)('the store contract on $name', (backend) => {
  const { pair, maybe } = useStorePair(backend);
  /** This instance, and a second one on the same state where the backend has one (Redis). */
  const stores = () => ({ store: pair.on(0), other: pair.on(1) });

  describe('records', () => {
    maybe('a record written on one instance is read, updated and deleted on the other', async () => {
      const { store, other } = stores();
      expect(await other.records.read('rec:plain', counter)).toBeUndefined();
      await store.records.write('rec:plain', { count: 1 });
      expect(await other.records.read('rec:plain', counter)).toEqual({ count: 1 });
      expect(await increment(other, 'rec:plain')).toBe(2);
      expect(await store.records.read('rec:plain', counter)).toEqual({ count: 2 });
      await other.records.delete('rec:plain');
      expect(await store.records.read('rec:plain', counter)).toBeUndefined();
      // An update that decides nothing writes nothing; one that decides `null` deletes.
      await store.records.write('rec:plain', { count: 5 });
      expect(await store.records.update('rec:plain', counter, () => ({ result: 'kept' }))).toBe('kept');
      expect(await other.records.read('rec:plain', counter)).toEqual({ count: 5 });
      await store.records.update('rec:plain', counter, () => ({ next: null, result: undefined }));
      expect(await other.records.read('rec:plain', counter)).toBeUndefined();
    });

    maybe('several records are read in one call, in the order asked, absent ones as undefined', async () => {
      const { store, other } = stores();
      await store.records.write('rec:many:b', { count: 2 });
      await store.records.write('rec:many:a', { count: 1 });
      // One of them read before (and so, where the store caches, served from memory), one not.
      expect(await other.records.read('rec:many:a', counter)).toEqual({ count: 1 });
      expect(await other.records.readMany(['rec:many:b', 'rec:many:none', 'rec:many:a'], counter)).toEqual([
        { count: 2 },
        undefined,
        { count: 1 },
      ]);
    });

    maybe(
      'a record written, updated or changed with a time to live is gone after it, cache and all',
      async () => {
        const { store, other } = stores();
        await store.records.write('rec:ttl:written', { count: 1 }, 1_000);
        await store.records.update(
          'rec:ttl:updated',
          counter,
          () => ({ next: { count: 2 }, result: 0 }),
          1_000,
        );
        await store.records.change({ one: recordRef('rec:ttl:changed', counter, 1_000) }, () => ({
          next: { one: { count: 3 } },
          result: undefined,
        }));
        await store.records.write('rec:ttl:kept', { count: 4 });
        const keys = ['rec:ttl:written', 'rec:ttl:updated', 'rec:ttl:changed', 'rec:ttl:kept'];
        // Read on both instances first: where a store caches what it read, the cache must not outlive them.
        expect(await other.records.readMany(keys, counter)).toEqual([1, 2, 3, 4].map((count) => ({ count })));
        expect(await store.records.read('rec:ttl:written', counter)).toEqual({ count: 1 });
        await expect
          .poll(() => other.records.readMany(keys, counter), { timeout: 10_000, interval: 50 })
          .toEqual([undefined, undefined, undefined, { count: 4 }]);
        expect(await store.records.read('rec:ttl:written', counter)).toBeUndefined();
      },
    );

    maybe(
      'a stored record that does not fit its schema is logged and read as absent; an update replaces it',
      async () => {
        const { store, other } = stores();
        await store.records.write('rec:corrupt', { count: 'many' });
        expect(await other.records.read('rec:corrupt', counter)).toBeUndefined();
        expect(await other.records.readMany(['rec:corrupt'], counter)).toEqual([undefined]);
        const warned = pair.warnings().filter((line) => line.includes('rec:corrupt'));
        expect(warned.length).toBeGreaterThan(0);
        expect(warned[0]).toContain('stored record is invalid');
        expect(warned[0]).toContain('count');
        const seen = await other.records.update('rec:corrupt', counter, (current) => ({
          next: { count: (current?.count ?? 0) + 1 },
          result: current,
        }));
        expect(seen).toBeUndefined();
        expect(await store.records.read('rec:corrupt', counter)).toEqual({ count: 1 });
        // A change sees it as absent too.
        await store.records.write('rec:corrupt', ['not', 'an', 'object']);
        const changed = await other.records.change({ one: recordRef('rec:corrupt', counter) }, (records) => ({
          next: { one: { count: 7 } },
          result: records.one,
        }));
        expect(changed).toBeUndefined();
        expect(await store.records.read('rec:corrupt', counter)).toEqual({ count: 7 });
      },
    );

    maybe('what a caller does to a record it read, or wrote, changes nothing stored', async () => {
      const { store, other } = stores();
      const written = { count: 1 };
      await store.records.write('rec:copy', written);
      written.count = 99;
      const read = await store.records.read('rec:copy', counter);
      if (read) read.count = 42;
      expect(await store.records.read('rec:copy', counter)).toEqual({ count: 1 });
      expect(await other.records.read('rec:copy', counter)).toEqual({ count: 1 });
    });

    maybe('a record another instance wrote is read as written at once, never as cached before', async () => {
      const { store, other } = stores();
      await store.records.write('rec:fresh', { count: 1 });
      for (let round = 2; round <= 5; round++) {
        // Read here (and cached, where the store caches), then written there.
        expect(await store.records.read('rec:fresh', counter)).toEqual({ count: round - 1 });
        await other.records.write('rec:fresh', { count: round });
        expect(await store.records.read('rec:fresh', counter)).toEqual({ count: round });
        expect(await store.records.readMany(['rec:fresh'], counter)).toEqual([{ count: round }]);
      }
    });

    maybe(
      'updates of one key queued together apply in order; a mutation that throws fails alone',
      async () => {
        const { store } = stores();
        const seen: number[] = [];
        const append = (value: number) =>
          store.records.update('rec:queue', counter, (current) => {
            seen.push(current?.count ?? 0);
            return { next: { count: value }, result: value };
          });
        const refused = store.records.update('rec:queue', counter, () => {
          throw new Error('refused');
        });
        const results = await Promise.allSettled([append(1), refused, append(2), append(3)]);
        expect(results.map((result) => result.status)).toEqual([
          'fulfilled',
          'rejected',
          'fulfilled',
          'fulfilled',
        ]);
        expect(seen).toEqual([0, 1, 2]);
        expect(await store.records.read('rec:queue', counter)).toEqual({ count: 3 });
      },
    );

    maybe('500 increments of one record from two instances at once lose none', async () => {
      const { store, other } = stores();
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, index) => increment(index % 2 === 0 ? store : other, 'rec:race')),
      );
      expect(new Set(results).size).toBe(500);
      expect(await other.records.read('rec:race', counter)).toEqual({ count: 500 });
    });

    maybe('another namespace on the same backend keeps its own records', async () => {
      const { store } = stores();
      const elsewhere = await pair.elsewhere();
      await store.records.write('rec:apart', { count: 1 });
      expect(await elsewhere.records.read('rec:apart', counter)).toBeUndefined();
      await elsewhere.records.write('rec:apart', { count: 2 });
      expect(await store.records.read('rec:apart', counter)).toEqual({ count: 1 });
    });
  });

  describe('answers', () => {
    maybe(
      'an answer is recorded once per user and question, however many arrive at once on two instances',
      async () => {
        const { store, other } = stores();
        const question = { roundId: 'ans-once', position: 0 };
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            (index % 2 === 0 ? store : other).answers.record(answer('ana', 'ans-once', NOW + index)),
          ),
        );
        expect(outcomes.filter((outcome) => outcome === 'recorded')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(19);
        expect(await other.answers.record(answer('bob', 'ans-once', NOW + 50))).toBe('recorded');
        // The same user on another question of the round is another answer.
        expect(await store.answers.record({ ...answer('ana', 'ans-once', NOW + 60), position: 1 })).toBe(
          'recorded',
        );
        expect(await other.answers.answered(question, 'ana')).toBe(true);
        expect(await other.answers.answered(question, 'cyd')).toBe(false);
        expect(await store.answers.tally(question)).toEqual({ count: 2, closed: false });
      },
    );

    maybe(
      'answers given in one turn are recorded together, each told its own outcome (250, past any batch size)',
      async () => {
        const { store, other } = stores();
        await store.answers.close({ roundId: 'ans-mixed-closed', position: 0 });
        const batch = [
          ...Array.from({ length: 250 }, (_, index) => answer(`u${index}`, 'ans-mixed', NOW + index)),
          answer('u7', 'ans-mixed', NOW + 300),
          answer('late', 'ans-mixed-closed', NOW + 301),
          answer('u249', 'ans-mixed', NOW + 302),
        ];
        const outcomes = await Promise.all(batch.map((entry) => store.answers.record(entry)));
        expect(outcomes.slice(0, 250).every((outcome) => outcome === 'recorded')).toBe(true);
        expect(outcomes.slice(250)).toEqual(['duplicate', 'closed', 'duplicate']);
        expect(await other.answers.tally({ roundId: 'ans-mixed', position: 0 })).toEqual({
          count: 250,
          closed: false,
        });
        expect((await other.answers.list({ roundId: 'ans-mixed', position: 0 }))[7]?.at).toBe(NOW + 7);
      },
    );

    maybe(
      'answers are listed in the order recorded; a closed question refuses more, and says so',
      async () => {
        const { store, other } = stores();
        const question = { roundId: 'ans-close', position: 0 };
        for (const [index, user] of ['cyd', 'ana', 'bob'].entries())
          expect(await store.answers.record(answer(user, 'ans-close', NOW + index))).toBe('recorded');
        await store.answers.close(question);
        expect(await other.answers.record(answer('dan', 'ans-close', NOW + 10))).toBe('closed');
        expect(await other.answers.record(answer('ana', 'ans-close', NOW + 11))).toBe('closed');
        expect(await other.answers.tally(question)).toEqual({ count: 3, closed: true });
        expect((await other.answers.list(question)).map((entry) => entry.userId)).toEqual([
          'cyd',
          'ana',
          'bob',
        ]);
        expect(await other.answers.list(question)).toContainEqual(answer('ana', 'ans-close', NOW + 1));
        // Closing again, or closing a question nobody answered, is harmless.
        await other.answers.close(question);
        await other.answers.close({ roundId: 'ans-close-empty', position: 0 });
        expect(await store.answers.tally({ roundId: 'ans-close-empty', position: 0 })).toEqual({
          count: 0,
          closed: true,
        });
      },
    );

    maybe(
      'answers not yet applied are listed oldest first, up to a limit and a time; applied ones no more',
      async () => {
        const { store, other } = stores();
        // Recorded long before every other answer of this suite, so they come first.
        const early = [3, 1, 4, 2, 5].map((at) => answer(`early${at}`, `ans-early${at}`, at));
        for (const entry of early) await store.answers.record(entry);
        expect((await other.answers.unapplied(3, 4)).map((entry) => entry.at)).toEqual([1, 2, 3]);
        expect((await other.answers.unapplied(10, 4)).map((entry) => entry.at)).toEqual([1, 2, 3, 4]);
        await other.answers.apply(early.filter((entry) => entry.at <= 2).map((entry) => effect(entry)));
        expect((await store.answers.unapplied(10, 5)).map((entry) => entry.at)).toEqual([3, 4, 5]);
        await store.answers.apply(early.map((entry) => effect(entry)));
        expect(await other.answers.unapplied(10, 5)).toEqual([]);
      },
    );

    maybe(
      'each answer is applied exactly once: twice in one batch, again later, and from two instances at once',
      async () => {
        const { store, other } = stores();
        const answers = Array.from({ length: 30 }, (_, index) =>
          answer(`apply${index % 10}`, `ans-apply${Math.floor(index / 10)}`, NOW + index, index % 3 !== 0),
        );
        for (const entry of answers) await store.answers.record(entry);
        const effects = answers.map((entry) => effect(entry));
        const applied = await Promise.all([
          store.answers.apply([...effects, ...effects.slice(0, 5)]),
          other.answers.apply([...effects].reverse()),
        ]);
        expect(applied[0] + applied[1]).toBe(30);
        expect(await store.answers.apply(effects)).toBe(0);
        // An answer never recorded is not applied either.
        expect(await other.answers.apply([effect(answer('ghost', 'ans-apply-none', NOW))])).toBe(0);
        expect(await store.answers.list({ roundId: 'ans-apply-none', position: 0 })).toEqual([]);
        const stats = await Promise.all(
          Array.from({ length: 10 }, (_, user) => other.answers.stats('telegram', `apply${user}`)),
        );
        expect(stats.reduce((sum, entry) => sum + entry.answered, 0)).toBe(30);
        expect(stats.reduce((sum, entry) => sum + entry.correct, 0)).toBe(20);
        expect(await other.answers.stats('telegram', 'apply0')).toEqual({
          answered: 3,
          correct: 2,
          lastActivity: NOW + 20,
        });
        expect(await store.answers.stats('telegram', 'ghost')).toEqual({
          answered: 0,
          correct: 0,
          lastActivity: null,
        });
      },
    );

    maybe('boards count points, answers and right answers per chat, for all time and per week', async () => {
      const { store, other } = stores();
      const chat = (entry: AnswerRecord) => ({ ...entry, chatId: 'board-chat' });
      const week48 = [
        chat(answer('ana', 'ans-board1', NOW, true)),
        chat(answer('bob', 'ans-board1', NOW + 1, false)),
        chat(answer('ana', 'ans-board2', NOW + 2, true)),
      ];
      const week49 = [chat({ ...answer('bob', 'ans-board3', NOW + 7 * 86_400_000, true), name: 'Bob B.' })];
      for (const entry of [...week48, ...week49]) await store.answers.record(entry);
      await store.answers.apply(week48.map((entry) => effect(entry, '2026-11-23', '2026-W48')));
      await other.answers.apply(week49.map((entry) => effect(entry, '2026-11-30', '2026-W49')));
      expect(byUser(await other.answers.board('telegram', 'board-chat', 'all'))).toEqual([
        { userId: 'ana', name: 'Name of ana', points: 2, answered: 2, correct: 2 },
        { userId: 'bob', name: 'Bob B.', points: 1, answered: 2, correct: 1 },
      ]);
      expect(byUser(await other.answers.board('telegram', 'board-chat', { week: '2026-W48' }))).toEqual([
        { userId: 'ana', name: 'Name of ana', points: 2, answered: 2, correct: 2 },
        { userId: 'bob', name: 'Name of bob', points: 0, answered: 1, correct: 0 },
      ]);
      expect(await store.answers.board('telegram', 'board-chat', { week: '2026-W50' })).toEqual([]);
      expect(await store.answers.board('discord', 'board-chat', 'all')).toEqual([]);
      expect(await store.answers.activeDays('telegram', 'bob')).toEqual(['2026-11-23', '2026-11-30']);
    });

    maybe('a day counts as active without an answer (an article read to the end)', async () => {
      const { store, other } = stores();
      await store.answers.markActive('telegram', 'reader', '2026-11-24', NOW + 5);
      await other.answers.markActive('telegram', 'reader', '2026-11-22', NOW + 1);
      await other.answers.markActive('telegram', 'reader', '2026-11-24', NOW + 2);
      expect(await store.answers.activeDays('telegram', 'reader')).toEqual(['2026-11-22', '2026-11-24']);
      expect(await other.answers.stats('telegram', 'reader')).toEqual({
        answered: 0,
        correct: 0,
        lastActivity: NOW + 5,
      });
    });

    maybe('moving a history adds totals and unites days, once, and leaves the source empty', async () => {
      const { store } = stores();
      const first = { platform: 'telegram' as const, userId: 't1' };
      const second = { platform: 'discord' as const, userId: 'd1' };
      const records = [
        { ...answer('t1', 'ans-move1', NOW, true), day: '2026-11-23' },
        { ...answer('d1', 'ans-move2', NOW + 1_000, false), platform: 'discord' as const, day: '2026-11-23' },
        {
          ...answer('d1', 'ans-move3', NOW + 86_400_000, true),
          platform: 'discord' as const,
          day: '2026-11-24',
        },
      ];
      for (const { day, ...record } of records) {
        expect(await store.answers.record(record)).toBe('recorded');
        expect(await store.answers.apply([effect(record, day)])).toBe(1);
      }
      await store.answers.moveHistory(second, first);
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
      await store.answers.moveHistory(second, first);
      expect((await store.answers.stats('telegram', 't1')).answered).toBe(3);
    });

    maybe(
      'question statistics: seeded answers read back as answered, share right, most picked wrong choice and flags',
      async () => {
        await knownAnswers(pair.on(0));
      },
    );

    maybe(
      'question statistics: the same answers applied in one batch and from two instances at once count once',
      async () => {
        const { store, other } = stores();
        await racedCounts(store, other);
      },
    );
  });

  describe('locks and leases', () => {
    maybe('work under one key’s lock never overlaps, on one instance or two', async () => {
      let running = 0;
      let most = 0;
      const done: number[] = [];
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          pair.on(index).lock.withLock('lock:contract', async () => {
            running += 1;
            most = Math.max(most, running);
            await new Promise((resolve) => setTimeout(resolve, 1));
            done.push(index);
            running -= 1;
          }),
        ),
      );
      expect(most).toBe(1);
      expect(done).toHaveLength(20);
    });

    maybe(
      'a lease has one holder at a time: renewed, it stays; released, another takes it at once',
      async () => {
        const { store, other } = stores();
        const time = leaseTime(backend);
        const first = store.lease('contract:kept', time.options);
        const second = other.lease('contract:kept', time.options);
        expect(await first.hold()).toBe(true);
        expect(await second.hold()).toBe(false);
        // Handing back a lease one does not hold changes nothing.
        await second.release();
        expect(await second.hold()).toBe(false);
        await time.pass(time.options.ttlMs / 2);
        expect(await first.hold()).toBe(true);
        // Past the first term, within the renewed one.
        await time.pass((time.options.ttlMs * 3) / 5);
        expect(await second.hold()).toBe(false);
        expect(await first.hold()).toBe(true);
        await first.release();
        expect(await second.hold()).toBe(true);
        expect(await first.hold()).toBe(false);
        await second.release();
        // Other names are other leases.
        const another = store.lease('contract:other', time.options);
        expect(await another.hold()).toBe(true);
        await another.release();
      },
    );

    maybe('a holder that stops renewing loses the lease to another once its time has passed', async () => {
      const { store, other } = stores();
      const time = leaseTime(backend);
      const stalled = store.lease('contract:lapsed', time.options);
      const next = other.lease('contract:lapsed', time.options);
      expect(await stalled.hold()).toBe(true);
      await time.pass(time.options.ttlMs);
      expect(await next.hold()).toBe(true);
      // The stalled holder, back, hears that it lost the lease, and cannot take it back.
      expect(await stalled.hold()).toBe(false);
      expect(await next.hold()).toBe(true);
      await stalled.release();
      expect(await stalled.hold()).toBe(false);
      await next.release();
    });
  });

  describe('the change feed', () => {
    maybe('a change announced reaches every instance sharing the store, this one at once', async () => {
      const { store, other } = stores();
      const heardHere: string[] = [];
      const heardThere: string[] = [];
      const heardOtherChannel: string[] = [];
      store.changes.subscribe('contract', (text) => heardHere.push(text));
      other.changes.subscribe('contract', (text) => heardThere.push(text));
      store.changes.subscribe('contract-other', (text) => heardOtherChannel.push(text));
      await store.changes.publish('contract', 'first');
      expect(heardHere).toContain('first');
      // A shared store's subscription is made in the background: announce until it is there.
      let sent = 0;
      await expect
        .poll(
          async () => {
            sent += 1;
            await store.changes.publish('contract', `change ${sent}`);
            return heardThere.some((text) => text.startsWith('change') || text === 'first');
          },
          { timeout: 10_000, interval: 50 },
        )
        .toBe(true);
      await other.changes.publish('contract', 'from there');
      expect(heardThere).toContain('from there');
      await expect.poll(() => heardHere.includes('from there'), { timeout: 10_000 }).toBe(true);
      expect(heardOtherChannel).toEqual([]);
    });

    maybe('another namespace on the same backend hears none of it', async () => {
      const { store, other } = stores();
      const elsewhere = await pair.elsewhere();
      const heardElsewhere: string[] = [];
      elsewhere.changes.subscribe('contract-apart', (text) => heardElsewhere.push(text));
      // Its subscription is live once it hears its own notice from the server too (a shared store's
      // listeners hear their own notices twice: at once, and back from the server).
      let published = 0;
      await expect
        .poll(
          async () => {
            published += 1;
            await elsewhere.changes.publish('contract-apart', 'theirs');
            return backend.shared ? heardElsewhere.length > published : heardElsewhere.length === published;
          },
          { timeout: 10_000, interval: 50 },
        )
        .toBe(true);
      const heardThere: string[] = [];
      other.changes.subscribe('contract-apart', (text) => heardThere.push(text));
      await expect
        .poll(
          async () => {
            await store.changes.publish('contract-apart', 'ours');
            return heardThere.includes('ours');
          },
          { timeout: 10_000, interval: 50 },
        )
        .toBe(true);
      expect(new Set(heardElsewhere)).toEqual(new Set(['theirs']));
    });
  });

  describe('an atomic change over several records', () => {
    maybe('writes and deletes several records in one step, with their expiry', async () => {
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

    maybe('writes nothing when it decides nothing, or throws', async () => {
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

    maybe('a group of records (an array of references) is read and written in the order given', async () => {
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

    maybe('a record named twice is written once; two different values for it are refused', async () => {
      const { store } = stores();
      const same = await store.records.change({ a: account('f:one'), b: account('f:one') }, () => ({
        next: { a: { amount: 3 }, b: { amount: 3 } },
        result: 'same',
      }));
      expect(same).toBe('same');
      await expect(
        store.records.change({ a: account('f:one'), b: account('f:one') }, () => ({
          next: { a: { amount: 4 }, b: { amount: 5 } },
          result: undefined,
        })),
      ).rejects.toThrow('a change wrote f:one twice, with different values');
      expect(await store.records.read('f:one', balance)).toEqual({ amount: 3 });
    });

    maybe(
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

    maybe(`a reader never sees half a change (${RACES} changes read while they land)`, async () => {
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
});
