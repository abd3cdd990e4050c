// What only the SQLite store has to get right (the contract suite covers what every store does): files the
// old sqlite3 driver and earlier releases wrote, a folder made on first run, transactions, parameters,
// pruning, and two connections to one file.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { AnswerRecord } from '../../src/core/records/answer.ts';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { SqliteAnswers } from '../../src/store/sqlite-answers.ts';
import { SqliteConnection } from '../../src/store/sqlite-connection.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { WriteMeter } from '../../src/store/write-meter.ts';
import {
  ARTICLE,
  answerTo,
  article,
  effectOf,
  racedCounts,
  recordAndApply,
} from '../support/question-answers.ts';
import { NOW, tempDir } from '../support/test-core.ts';

/**
 * A store written by the sqlite3 5.1.7 driver of commit 08d739c: two records, a subscription and three
 * answers (two applied) closed into the file; then a record, one more applied answer and a closed
 * question left in the -wal file by a process that exited without closing the store.
 */
const OLD_STORE = join(import.meta.dirname, '..', 'fixtures', 'old-sqlite3-store');

let dir: { path: string; remove(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir('newsquiz-sqlite-');
});
afterEach(() => dir.remove());

const answer = (user: string, position: number, at: number): AnswerRecord => ({
  platform: 'telegram',
  chatId: '-100',
  roundId: `round-${at}`,
  position,
  userId: user,
  name: user,
  articleId: 'a',
  question: position,
  choice: 0,
  correct: true,
  at,
});

test('the folder is made on first run, and records survive reopening the file', async () => {
  const file = join(dir.path, 'nested', 'deeper', 'state.sqlite');
  const counter = z.object({ count: z.number().int() });
  const first = await openStore(`sqlite://${file}`, silentLogger());
  await first.records.update('k', counter, (current) => ({
    next: { count: (current?.count ?? 0) + 1 },
    result: undefined,
  }));
  await first.close();
  const second = await openStore(`sqlite://${file}`, silentLogger());
  expect(await second.records.read('k', counter)).toEqual({ count: 1 });
  await second.close();
});

describe('a file written by the old sqlite3 driver', () => {
  test('opens with every record, answer, score and closed question, including what was left in its WAL', async () => {
    const file = join(dir.path, 'newsquiz.sqlite');
    await copyFile(join(OLD_STORE, 'old-driver.sqlite'), file);
    await copyFile(join(OLD_STORE, 'old-driver.sqlite-wal'), `${file}-wal`);
    const store = await openStore(`sqlite://${file}`, silentLogger());
    try {
      const text = z.object({ text: z.string() });
      expect(await store.records.read('old:plain', text.extend({ n: z.number() }))).toEqual({
        text: 'written by sqlite3 5.1.7',
        n: 42,
      });
      expect(await store.records.read('old:ttl', z.object({ kept: z.boolean() }))).toEqual({ kept: true });
      expect(await store.records.read('old:in-wal', text)).toEqual({ text: 'only in the -wal file' });
      const [subscription] = await new SubscriptionsRepository(store.records).forChat('telegram', '-100');
      expect(subscription).toMatchObject({
        id: 'sub-1',
        time: '08:30',
        timezone: 'Europe/Berlin',
        topics: ['ai'],
      });

      const question = { roundId: 'round-1', position: 0 };
      expect((await store.answers.list(question)).map((entry) => entry.userId)).toEqual(['ana', 'bob']);
      expect(await store.answers.tally(question)).toEqual({ count: 2, closed: true });
      expect(await store.answers.stats('telegram', 'ana')).toEqual({
        answered: 2,
        correct: 2,
        lastActivity: 1_767_000_000_001,
      });
      expect(await store.answers.activeDays('telegram', 'ana')).toEqual(['2025-12-29', '2025-12-30']);
      expect(await store.answers.board('telegram', '-100', 'all')).toEqual([
        { userId: 'ana', name: 'ANA', points: 2, answered: 2, correct: 2 },
        { userId: 'bob', name: 'BOB', points: 0, answered: 1, correct: 0 },
      ]);
      // And it takes new writes as before.
      expect(await store.answers.record({ ...answer('cyd', 1, 1_767_000_000_500), roundId: 'round-1' })).toBe(
        'recorded',
      );
    } finally {
      await store.close();
    }
  });
});

describe('the SQLite connection', () => {
  const open = () => SqliteConnection.open(join(dir.path, 'c.sqlite'), new WriteMeter());

  test('a transaction commits all its statements, or none when its work throws', () => {
    const db = open();
    try {
      db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)');
      db.transaction(() => {
        db.all('INSERT INTO t VALUES (?, ?)', ['a', 1]);
        db.all('INSERT INTO t VALUES (?, ?)', ['b', 2]);
      });
      expect(() =>
        db.transaction(() => {
          db.all('INSERT INTO t VALUES (?, ?)', ['c', 3]);
          db.all('INSERT INTO t VALUES (?, ?)', ['a', 4]); // the key is taken: the whole change fails
        }),
      ).toThrow(/UNIQUE constraint failed/);
      expect(() =>
        db.transaction(() => {
          db.all('UPDATE t SET v = 10 WHERE k = ?', ['a']);
          throw new Error('changed my mind');
        }),
      ).toThrow('changed my mind');
      expect(db.all('SELECT k, v FROM t ORDER BY k')).toEqual([
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
      ]);
    } finally {
      db.close();
    }
  });

  test('a transaction whose work returns a promise is refused and rolled back', () => {
    const db = open();
    try {
      db.exec('CREATE TABLE t (k TEXT)');
      expect(() =>
        db.transaction(async () => {
          db.all('INSERT INTO t VALUES (?)', ['x']);
        }),
      ).toThrow(/must be synchronous/);
      expect(db.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
      // The connection is usable afterwards: the failed transaction is not left open.
      db.transaction(() => db.all('INSERT INTO t VALUES (?)', ['y']));
      expect(db.all('SELECT k FROM t')).toEqual([{ k: 'y' }]);
    } finally {
      db.close();
    }
  });

  test('parameters are stored as the old driver stored them: whole numbers as integers, booleans as 1 and 0', () => {
    const db = open();
    try {
      db.exec('CREATE TABLE t (a TEXT, b, c, d)');
      db.all('INSERT INTO t VALUES (?, ?, ?, ?)', [4, 1_767_000_000_000, true, undefined]);
      expect(db.all('SELECT a, typeof(b) AS tb, b, c, d FROM t')).toEqual([
        { a: '4', tb: 'integer', b: 1_767_000_000_000, c: 1, d: null },
      ]);
    } finally {
      db.close();
    }
  });

  test('a failing statement is reported as the store being unavailable, with SQLite’s reason', () => {
    const db = open();
    try {
      expect(() => db.all('SELECT * FROM missing')).toThrow(/SQLite: no such table: missing/);
    } finally {
      db.close();
    }
  });
});

test('pruning removes every old applied answer and old weekly board, more than one chunk of them', async () => {
  const db = SqliteConnection.open(join(dir.path, 'p.sqlite'), new WriteMeter());
  try {
    const answers = SqliteAnswers.open(db, 'ns');
    const old = Array.from({ length: 4_500 }, (_, index) => answer(`u${index}`, 0, 1_000 + index));
    const recent = answer('fresh', 0, 59 * 86_400_000);
    await Promise.all([...old, recent].map((entry) => answers.record(entry)));
    await answers.apply(
      [...old, recent].map((entry) => ({ answer: entry, day: '1970-01-01', week: '1970-W01', points: 1 })),
    );
    await answers.prune(60 * 86_400_000, '1970-W02');
    expect(db.all('SELECT user FROM nq_answers')).toEqual([{ user: 'fresh' }]);
    expect(db.all("SELECT count(*) AS n FROM nq_board WHERE period != 'all'")).toEqual([{ n: 0 }]);
    expect(db.all("SELECT count(*) AS n FROM nq_board WHERE period = 'all'")).toEqual([{ n: 4_501 }]);
  } finally {
    db.close();
  }
});

describe('answer statistics in one SQLite file', () => {
  test('the same answers applied from two connections at once are each counted once', async () => {
    const url = `sqlite://${join(dir.path, 'stats.sqlite')}`;
    const one = await openStore(url, silentLogger(), 'stats');
    const two = await openStore(url, silentLogger(), 'stats');
    try {
      await racedCounts(one, two);
    } finally {
      await one.close();
      await two.close();
    }
  });

  test('a file written before answers carried versions gets the column; its old answers count nowhere', async () => {
    const path = join(dir.path, 'old.sqlite');
    const old = await SqliteConnection.open(path, new WriteMeter());
    // The answers table as the previous release created it.
    await old.exec(`CREATE TABLE nq_answers (
      ns TEXT NOT NULL, round TEXT NOT NULL, position INTEGER NOT NULL, user TEXT NOT NULL,
      platform TEXT NOT NULL, chat TEXT NOT NULL, name TEXT NOT NULL,
      article TEXT NOT NULL, question INTEGER NOT NULL, choice INTEGER NOT NULL,
      correct INTEGER NOT NULL, at INTEGER NOT NULL, applied INTEGER NOT NULL DEFAULT 0,
      day TEXT, week TEXT, points INTEGER,
      PRIMARY KEY (ns, round, position, user)) WITHOUT ROWID`);
    await old.exec(`INSERT INTO nq_answers (ns, round, position, user, platform, chat, name, article,
      question, choice, correct, at) VALUES ('old', 'oldround01', 0, 'u-old', 'telegram', '-100', 'Old',
      '${ARTICLE}', 0, 0, 0, ${NOW})`);
    await old.close();
    const store = await openStore(`sqlite://${path}`, silentLogger(), 'old');
    try {
      const [before] = await store.answers.list({ roundId: 'oldround01', position: 0 });
      expect(before?.userId).toBe('u-old');
      expect(before && 'version' in before).toBe(false);
      const source = await article();
      await store.answers.apply((await store.answers.unapplied(10, NOW)).map(effectOf));
      await recordAndApply(store, [answerTo(source, 0, 0, { userId: 'u-new' })]);
      const picks = await store.answers.questionPicks(ARTICLE);
      expect(picks.reduce((sum, entry) => sum + entry.picks, 0)).toBe(1);
      expect(await store.answers.answeredQuestions('telegram', 'u-old')).toEqual([]);
    } finally {
      await store.close();
    }
    // Opened again (or by a second process at once), the column is there already.
    const again = await openStore(`sqlite://${path}`, silentLogger(), 'old');
    await again.close();
  });
});
