// Answers and scores in SQLite tables beside keyv's: an answer is one INSERT, a batch of effects one UPDATE.

import type { AccountKey, AnswersPort, QuestionStatsPort, ScoresPort } from '../core/ports.ts';
import type {
  AnswerEffect,
  AnswerRecord,
  AnswerStats,
  BoardEntry,
  BoardPeriod,
  QuestionKey,
  RecordOutcome,
} from '../core/records/answer.ts';
import { boardPeriodKey } from '../core/records/answer.ts';
import type { Platform } from '../core/records/platform.ts';
import type { AnsweredQuestion, ChoicePicks } from '../core/records/question-picks.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import { type Queued, TurnBatch } from './turn-batch.ts';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS nq_answers (
    ns TEXT NOT NULL, round TEXT NOT NULL, position INTEGER NOT NULL, user TEXT NOT NULL,
    platform TEXT NOT NULL, chat TEXT NOT NULL, name TEXT NOT NULL,
    article TEXT NOT NULL, question INTEGER NOT NULL, choice INTEGER NOT NULL,
    correct INTEGER NOT NULL, at INTEGER NOT NULL, applied INTEGER NOT NULL DEFAULT 0,
    day TEXT, week TEXT, points INTEGER,
    PRIMARY KEY (ns, round, position, user)) WITHOUT ROWID`,
  'CREATE INDEX IF NOT EXISTS nq_answers_unapplied ON nq_answers (ns, at) WHERE applied = 0',
  `CREATE TABLE IF NOT EXISTS nq_closed (
    ns TEXT NOT NULL, round TEXT NOT NULL, position INTEGER NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (ns, round, position)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS nq_user_stats (
    ns TEXT NOT NULL, platform TEXT NOT NULL, user TEXT NOT NULL,
    answered INTEGER NOT NULL, correct INTEGER NOT NULL, last_activity INTEGER,
    PRIMARY KEY (ns, platform, user)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS nq_user_days (
    ns TEXT NOT NULL, platform TEXT NOT NULL, user TEXT NOT NULL, day TEXT NOT NULL,
    PRIMARY KEY (ns, platform, user, day)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS nq_board (
    ns TEXT NOT NULL, platform TEXT NOT NULL, chat TEXT NOT NULL, period TEXT NOT NULL, user TEXT NOT NULL,
    name TEXT NOT NULL, points INTEGER NOT NULL, answered INTEGER NOT NULL, correct INTEGER NOT NULL,
    PRIMARY KEY (ns, platform, chat, period, user)) WITHOUT ROWID`,
  // An answer's effects, written by the statement that marks it applied: totals, its day, its lines on
  // the all-time and the weekly board. One statement, so an answer is applied entirely or not at all,
  // and only once (the same shape as the Redis script).
  `CREATE TRIGGER IF NOT EXISTS nq_apply_answer AFTER UPDATE OF applied ON nq_answers
    WHEN NEW.applied = 1 AND OLD.applied = 0
    BEGIN
      INSERT INTO nq_user_stats (ns, platform, user, answered, correct, last_activity)
        VALUES (NEW.ns, NEW.platform, NEW.user, 1, NEW.correct, NEW.at)
        ON CONFLICT DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct,
          last_activity = max(coalesce(last_activity, 0), excluded.last_activity);
      INSERT INTO nq_user_days (ns, platform, user, day) VALUES (NEW.ns, NEW.platform, NEW.user, NEW.day)
        ON CONFLICT DO NOTHING;
      INSERT INTO nq_board (ns, platform, chat, period, user, name, points, answered, correct)
        VALUES (NEW.ns, NEW.platform, NEW.chat, 'all', NEW.user, NEW.name, NEW.points, 1, NEW.correct)
        ON CONFLICT DO UPDATE SET name = excluded.name, points = points + excluded.points,
          answered = answered + 1, correct = correct + excluded.correct;
      INSERT INTO nq_board (ns, platform, chat, period, user, name, points, answered, correct)
        VALUES (NEW.ns, NEW.platform, NEW.chat, NEW.week, NEW.user, NEW.name, NEW.points, 1, NEW.correct)
        ON CONFLICT DO UPDATE SET name = excluded.name, points = points + excluded.points,
          answered = answered + 1, correct = correct + excluded.correct;
    END`,
  // One account's totals and days added to another's and removed, by the one INSERT that logs the move
  // (an unlink), so a crash never leaves them counted twice or lost.
  `CREATE TABLE IF NOT EXISTS nq_history_moves (
    ns TEXT NOT NULL, from_platform TEXT NOT NULL, from_user TEXT NOT NULL,
    to_platform TEXT NOT NULL, to_user TEXT NOT NULL, at INTEGER NOT NULL)`,
  `CREATE TRIGGER IF NOT EXISTS nq_move_history AFTER INSERT ON nq_history_moves
    BEGIN
      INSERT INTO nq_user_stats (ns, platform, user, answered, correct, last_activity)
        SELECT NEW.ns, NEW.to_platform, NEW.to_user, answered, correct, last_activity FROM nq_user_stats
          WHERE ns = NEW.ns AND platform = NEW.from_platform AND user = NEW.from_user
        ON CONFLICT DO UPDATE SET answered = answered + excluded.answered,
          correct = correct + excluded.correct,
          last_activity = CASE WHEN excluded.last_activity IS NULL THEN last_activity
            WHEN last_activity IS NULL THEN excluded.last_activity
            ELSE max(last_activity, excluded.last_activity) END;
      DELETE FROM nq_user_stats WHERE ns = NEW.ns AND platform = NEW.from_platform AND user = NEW.from_user;
      INSERT INTO nq_user_days (ns, platform, user, day)
        SELECT NEW.ns, NEW.to_platform, NEW.to_user, day FROM nq_user_days
          WHERE ns = NEW.ns AND platform = NEW.from_platform AND user = NEW.from_user
        ON CONFLICT DO NOTHING;
      DELETE FROM nq_user_days WHERE ns = NEW.ns AND platform = NEW.from_platform AND user = NEW.from_user;
    END`,
];

/** Answers carry the version of the question they answer (added to files written before it existed). */
const ADD_VERSION = 'ALTER TABLE nq_answers ADD COLUMN version TEXT';

/**
 * Answer statistics and what each account has answered, counted by the statement that marks an answer
 * applied (a second trigger beside nq_apply_answer): in the same statement, so exactly once. Review
 * answers carry no version and are not counted.
 */
const COUNTS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS nq_question_picks (
    ns TEXT NOT NULL, article TEXT NOT NULL, version TEXT NOT NULL, choice INTEGER NOT NULL,
    picks INTEGER NOT NULL,
    PRIMARY KEY (ns, article, version, choice)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS nq_user_questions (
    ns TEXT NOT NULL, platform TEXT NOT NULL, user TEXT NOT NULL, article TEXT NOT NULL, version TEXT NOT NULL,
    PRIMARY KEY (ns, platform, user, article, version)) WITHOUT ROWID`,
  `CREATE TRIGGER IF NOT EXISTS nq_count_answer AFTER UPDATE OF applied ON nq_answers
    WHEN NEW.applied = 1 AND OLD.applied = 0 AND NEW.version IS NOT NULL
    BEGIN
      INSERT INTO nq_question_picks (ns, article, version, choice, picks)
        VALUES (NEW.ns, NEW.article, NEW.version, NEW.choice, 1)
        ON CONFLICT DO UPDATE SET picks = picks + 1;
      INSERT INTO nq_user_questions (ns, platform, user, article, version)
        VALUES (NEW.ns, NEW.platform, NEW.user, NEW.article, NEW.version)
        ON CONFLICT DO NOTHING;
    END`,
  // An unlink moves the answered questions with the totals (see nq_move_history).
  `CREATE TRIGGER IF NOT EXISTS nq_move_answered AFTER INSERT ON nq_history_moves
    BEGIN
      INSERT INTO nq_user_questions (ns, platform, user, article, version)
        SELECT NEW.ns, NEW.to_platform, NEW.to_user, article, version FROM nq_user_questions
          WHERE ns = NEW.ns AND platform = NEW.from_platform AND user = NEW.from_user
        ON CONFLICT DO NOTHING;
      DELETE FROM nq_user_questions WHERE ns = NEW.ns AND platform = NEW.from_platform AND user = NEW.from_user;
    END`,
];

/** Answers one statement records at most (a burst's batch is split into statements of this size). */
const RECORD_CHUNK = 64;
/** The RECORD statement for each number of rows, made once. */
const recordStatements = new Map<number, string>();

/**
 * Records `rows` answers in one statement: each goes in only if its user has not answered that question
 * and it is not closed; RETURNING names the rows that went in. ?1 is the namespace, then 12 values a row.
 */
function recordStatement(rows: number): string {
  let sql = recordStatements.get(rows);
  if (sql) return sql;
  const values = Array.from({ length: rows }, (_, row) => {
    const first = 2 + row * 12;
    return `(${Array.from({ length: 12 }, (_, column) => `?${first + column}`).join(', ')})`;
  }).join(', ');
  sql = `INSERT INTO nq_answers
    (ns, round, position, user, platform, chat, name, article, question, choice, correct, at, version)
  SELECT ?1, e.column1, e.column2, e.column3, e.column4, e.column5, e.column6, e.column7, e.column8,
    e.column9, e.column10, e.column11, e.column12 FROM (VALUES ${values}) AS e
  WHERE NOT EXISTS (SELECT 1 FROM nq_closed c WHERE c.ns = ?1 AND c.round = e.column1 AND c.position = e.column2)
  ON CONFLICT DO NOTHING RETURNING round, position, user`;
  recordStatements.set(rows, sql);
  return sql;
}

type Pending = Queued<AnswerRecord, RecordOutcome>;

const answerKey = (answer: Pick<AnswerRecord, 'roundId' | 'position' | 'userId'>) =>
  `${answer.roundId}\u0000${answer.position}\u0000${answer.userId}`;

/**
 * Marks answers applied with their computed day, week and points; the trigger adds them up. Written as
 * an upsert on rows that exist, so SQLite walks the batch and finds each answer by its key (an UPDATE
 * joined to the batch would scan every unapplied answer for each one). Only rows this call changed
 * come back, so an answer applied before is neither counted again nor reported; an answer not recorded
 * (or pruned since) is left out, not inserted as applied without its effects.
 */
const APPLY = `INSERT INTO nq_answers
    (ns, round, position, user, platform, chat, name, article, question, choice, correct, at, version, applied, day, week, points)
  SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
    json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
    json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]'),
    json_extract(value, '$[9]'), json_extract(value, '$[10]'), json_extract(value, '$[11]'), 1,
    json_extract(value, '$[12]'), json_extract(value, '$[13]'), json_extract(value, '$[14]')
  FROM json_each(?2) WHERE EXISTS (SELECT 1 FROM nq_answers r WHERE r.ns = ?1
    AND r.round = json_extract(value, '$[0]') AND r.position = json_extract(value, '$[1]')
    AND r.user = json_extract(value, '$[2]'))
  ON CONFLICT (ns, round, position, user) DO UPDATE SET
    applied = 1, day = excluded.day, week = excluded.week, points = excluded.points
    WHERE nq_answers.applied = 0
  RETURNING 1`;

/** An active day without an answer (an article read to the end). */
const MARK_DAY = `INSERT INTO nq_user_days (ns, platform, user, day) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`;
const MARK_ACTIVITY = `INSERT INTO nq_user_stats (ns, platform, user, answered, correct, last_activity)
  VALUES (?, ?, ?, 0, 0, ?)
  ON CONFLICT DO UPDATE SET last_activity = max(coalesce(last_activity, 0), excluded.last_activity)`;

/** The columns an AnswerRecord is read from (a row is built per column, so no more than these). */
const ANSWER_COLUMNS =
  'round, position, user, platform, chat, name, article, question, choice, correct, at, version';

interface AnswerRow {
  round: string;
  position: number;
  user: string;
  platform: string;
  chat: string;
  name: string;
  article: string;
  question: number;
  choice: number;
  correct: number;
  at: number;
  version: string | null;
}

const toRecord = (row: AnswerRow): AnswerRecord => ({
  platform: row.platform as Platform,
  chatId: row.chat,
  roundId: row.round,
  position: row.position,
  userId: row.user,
  name: row.name,
  articleId: row.article,
  question: row.question,
  choice: row.choice,
  correct: row.correct === 1,
  at: row.at,
  ...(row.version === null ? {} : { version: row.version }),
});

/** How long answers and closed markers of a question are kept once applied. */
const KEEP_ANSWERS_MS = 7 * 86_400_000;
/** Rows one pruning statement deletes at most. */
const PRUNE_CHUNK = 2_000;
const PRUNE_ANSWERS = `DELETE FROM nq_answers WHERE (ns, round, position, user) IN (
  SELECT ns, round, position, user FROM nq_answers WHERE ns = ? AND applied = 1 AND at < ? LIMIT ?) RETURNING 1`;
const PRUNE_CLOSED = `DELETE FROM nq_closed WHERE (ns, round, position) IN (
  SELECT ns, round, position FROM nq_closed WHERE ns = ? AND at < ? LIMIT ?) RETURNING 1`;
const PRUNE_BOARDS = `DELETE FROM nq_board WHERE (ns, platform, chat, period, user) IN (
  SELECT ns, platform, chat, period, user FROM nq_board WHERE ns = ? AND period != 'all' AND period < ? LIMIT ?)
  RETURNING 1`;

export class SqliteAnswers implements AnswersPort, ScoresPort, QuestionStatsPort {
  readonly #recording = new TurnBatch<AnswerRecord, RecordOutcome>((batch) => this.#record(batch));

  constructor(
    private readonly db: SqliteConnection,
    private readonly ns: string,
  ) {}

  static open(db: SqliteConnection, ns: string): SqliteAnswers {
    for (const statement of SCHEMA) db.exec(statement);
    addVersionColumn(db);
    for (const statement of COUNTS_SCHEMA) db.exec(statement);
    return new SqliteAnswers(db, ns);
  }

  record(answer: AnswerRecord): Promise<RecordOutcome> {
    return this.#recording.add(answer);
  }

  /** The presses queued in this turn, in one statement (a few for a large batch); each learns what happened to its row. */
  async #record(batch: Pending[]): Promise<void> {
    // The first press of a user on a question in the batch is the one that counts.
    const first = new Map<string, Pending>();
    for (const entry of batch) if (!first.has(answerKey(entry.item))) first.set(answerKey(entry.item), entry);
    try {
      const answers = [...first.values()].map(({ item }) => item);
      const recorded = new Set<string>();
      for (let at = 0; at < answers.length; at += RECORD_CHUNK) {
        const chunk = answers.slice(at, at + RECORD_CHUNK);
        const inserted = this.db.all<{ round: string; position: number; user: string }>(
          recordStatement(chunk.length),
          [this.ns, ...chunk.flatMap(answerColumns)],
        );
        for (const row of inserted)
          recorded.add(answerKey({ roundId: row.round, position: row.position, userId: row.user }));
      }
      const closed = new Map<string, Promise<boolean>>();
      for (const entry of batch) {
        const key = answerKey(entry.item);
        if (first.get(key) === entry && recorded.has(key)) {
          entry.settle('recorded');
          continue;
        }
        const question = `${entry.item.roundId}\u0000${entry.item.position}`;
        let isClosed = closed.get(question);
        if (!isClosed) {
          isClosed = this.tally(entry.item).then((tally) => tally.closed);
          closed.set(question, isClosed);
        }
        isClosed.then((yes) => entry.settle(yes ? 'closed' : 'duplicate'), entry.fail);
      }
    } catch (error) {
      for (const entry of batch) entry.fail(error);
    }
  }

  async close(key: QuestionKey): Promise<void> {
    this.db.all(
      'INSERT INTO nq_closed (ns, round, position, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [this.ns, key.roundId, key.position, Date.now()],
    );
  }

  async list(key: QuestionKey): Promise<AnswerRecord[]> {
    const rows = this.db.all<AnswerRow>(
      `SELECT ${ANSWER_COLUMNS} FROM nq_answers WHERE ns = ? AND round = ? AND position = ? ORDER BY at, user`,
      [this.ns, key.roundId, key.position],
    );
    return rows.map(toRecord);
  }

  async tally(key: QuestionKey): Promise<{ count: number; closed: boolean }> {
    const [row] = this.db.all<{ count: number; closed: number }>(
      `SELECT (SELECT count(*) FROM nq_answers WHERE ns = ? AND round = ? AND position = ?) AS count,
        EXISTS (SELECT 1 FROM nq_closed WHERE ns = ? AND round = ? AND position = ?) AS closed`,
      [this.ns, key.roundId, key.position, this.ns, key.roundId, key.position],
    );
    return { count: row?.count ?? 0, closed: row?.closed === 1 };
  }

  async answered(key: QuestionKey, userId: string): Promise<boolean> {
    const rows = this.db.all(
      'SELECT 1 FROM nq_answers WHERE ns = ? AND round = ? AND position = ? AND user = ?',
      [this.ns, key.roundId, key.position, userId],
    );
    return rows.length > 0;
  }

  async unapplied(limit: number, recordedBy: number): Promise<AnswerRecord[]> {
    const rows = this.db.all<AnswerRow>(
      `SELECT ${ANSWER_COLUMNS} FROM nq_answers WHERE ns = ? AND applied = 0 AND at <= ? ORDER BY at LIMIT ?`,
      [this.ns, recordedBy, limit],
    );
    return rows.map(toRecord);
  }

  async apply(effects: readonly AnswerEffect[]): Promise<number> {
    if (effects.length === 0) return 0;
    const rows = effects.map(({ answer, day, week, points }) => [
      ...answerColumns(answer),
      day,
      week,
      points,
    ]);
    return this.db.all(APPLY, [this.ns, JSON.stringify(rows)]).length;
  }

  async markActive(platform: Platform, userId: string, day: string, at: number): Promise<void> {
    this.db.transaction(() => {
      this.db.all(MARK_DAY, [this.ns, platform, userId, day]);
      this.db.all(MARK_ACTIVITY, [this.ns, platform, userId, at]);
    });
  }

  async stats(platform: Platform, userId: string): Promise<AnswerStats> {
    const [row] = this.db.all<{ answered: number; correct: number; last_activity: number | null }>(
      'SELECT answered, correct, last_activity FROM nq_user_stats WHERE ns = ? AND platform = ? AND user = ?',
      [this.ns, platform, userId],
    );
    return row
      ? { answered: row.answered, correct: row.correct, lastActivity: row.last_activity }
      : { answered: 0, correct: 0, lastActivity: null };
  }

  async activeDays(platform: Platform, userId: string): Promise<string[]> {
    const rows = this.db.all<{ day: string }>(
      'SELECT day FROM nq_user_days WHERE ns = ? AND platform = ? AND user = ? ORDER BY day',
      [this.ns, platform, userId],
    );
    return rows.map((row) => row.day);
  }

  async moveHistory(from: AccountKey, to: AccountKey): Promise<void> {
    this.db.all(
      'INSERT INTO nq_history_moves (ns, from_platform, from_user, to_platform, to_user, at) VALUES (?, ?, ?, ?, ?, ?)',
      [this.ns, from.platform, from.userId, to.platform, to.userId, Date.now()],
    );
  }

  async board(platform: Platform, chatId: string, period: BoardPeriod): Promise<BoardEntry[]> {
    const rows = this.db.all<{
      user: string;
      name: string;
      points: number;
      answered: number;
      correct: number;
    }>(
      'SELECT user, name, points, answered, correct FROM nq_board WHERE ns = ? AND platform = ? AND chat = ? AND period = ?',
      [this.ns, platform, chatId, boardPeriodKey(period)],
    );
    return rows.map((row) => ({
      userId: row.user,
      name: row.name,
      points: row.points,
      answered: row.answered,
      correct: row.correct,
    }));
  }

  async answeredQuestions(platform: Platform, userId: string): Promise<AnsweredQuestion[]> {
    const rows = this.db.all<{ article: string; version: string }>(
      'SELECT article, version FROM nq_user_questions WHERE ns = ? AND platform = ? AND user = ?',
      [this.ns, platform, userId],
    );
    return rows.map((row) => ({ articleId: row.article, version: row.version }));
  }

  async questionPicks(articleId: string): Promise<ChoicePicks[]> {
    return this.db.all<ChoicePicks>(
      'SELECT version, choice, picks FROM nq_question_picks WHERE ns = ? AND article = ?',
      [this.ns, articleId],
    );
  }

  /**
   * Drops answers applied long ago, their closed markers, and weekly boards older than `oldestWeek`, a
   * few thousand rows per statement: each statement holds the event loop, so the bot answers in between.
   */
  async prune(now: number, oldestWeek: string): Promise<void> {
    const before = now - KEEP_ANSWERS_MS;
    const chunks: [string, unknown[]][] = [
      [PRUNE_ANSWERS, [this.ns, before, PRUNE_CHUNK]],
      [PRUNE_CLOSED, [this.ns, before, PRUNE_CHUNK]],
      [PRUNE_BOARDS, [this.ns, oldestWeek, PRUNE_CHUNK]],
    ];
    for (const [sql, params] of chunks) {
      while (this.db.all(sql, params).length === PRUNE_CHUNK) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

/** An answer as the JSON row the RECORD and APPLY statements unpack, in their column order. */
function answerColumns(answer: AnswerRecord): unknown[] {
  return [
    answer.roundId,
    answer.position,
    answer.userId,
    answer.platform,
    answer.chatId,
    answer.name,
    answer.articleId,
    answer.question,
    answer.choice,
    answer.correct ? 1 : 0,
    answer.at,
    answer.version ?? null,
  ];
}

/** Adds the version column to a file written before it existed; another process may be adding it too. */
function addVersionColumn(db: SqliteConnection): void {
  const has = () => db.all("SELECT 1 FROM pragma_table_info('nq_answers') WHERE name = 'version'").length > 0;
  if (has()) return;
  try {
    db.exec(ADD_VERSION);
  } catch (error) {
    if (!has()) throw error;
  }
}
