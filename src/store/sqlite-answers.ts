// Answers and scores in SQLite tables beside keyv's: an answer is one INSERT, effects one transaction.
import type {
  AnswerEffect,
  AnswerRecord,
  AnswerStats,
  BoardEntry,
  BoardPeriod,
  QuestionKey,
  RecordOutcome,
} from '../core/model/answer.ts';
import { boardPeriodKey } from '../core/model/answer.ts';
import type { AnswersPort, ScoresPort } from '../core/ports.ts';
import type { Platform } from '../core/records.ts';
import { aggregateEffects } from './aggregate-effects.ts';
import type { SqliteConnection } from './sqlite-connection.ts';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS nq_answers (
    ns TEXT NOT NULL, round TEXT NOT NULL, position INTEGER NOT NULL, user TEXT NOT NULL,
    platform TEXT NOT NULL, chat TEXT NOT NULL, name TEXT NOT NULL, choice INTEGER NOT NULL,
    correct INTEGER NOT NULL, at INTEGER NOT NULL, applied INTEGER NOT NULL DEFAULT 0,
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
];

const RECORD = `INSERT INTO nq_answers (ns, round, position, user, platform, chat, name, choice, correct, at)
  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
  WHERE NOT EXISTS (SELECT 1 FROM nq_closed WHERE ns = ? AND round = ? AND position = ?)
  ON CONFLICT DO NOTHING RETURNING 1 AS recorded`;

const MARK_APPLIED = `UPDATE nq_answers SET applied = 1
  WHERE ns = ? AND applied = 0 AND (round, position, user) IN
    (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?))
  RETURNING round, position, user`;

const ADD_STATS = `INSERT INTO nq_user_stats (ns, platform, user, answered, correct, last_activity)
  SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
    json_extract(value, '$[3]'), json_extract(value, '$[4]') FROM json_each(?) WHERE true
  ON CONFLICT DO UPDATE SET answered = answered + excluded.answered, correct = correct + excluded.correct,
    last_activity = max(coalesce(last_activity, 0), excluded.last_activity)`;

const ADD_DAYS = `INSERT INTO nq_user_days (ns, platform, user, day)
  SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
  FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`;

const ADD_BOARD = `INSERT INTO nq_board (ns, platform, chat, period, user, name, points, answered, correct)
  SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
    json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
    json_extract(value, '$[6]'), json_extract(value, '$[7]') FROM json_each(?) WHERE true
  ON CONFLICT DO UPDATE SET name = excluded.name, points = points + excluded.points,
    answered = answered + excluded.answered, correct = correct + excluded.correct`;

interface AnswerRow {
  round: string;
  position: number;
  user: string;
  platform: string;
  chat: string;
  name: string;
  choice: number;
  correct: number;
  at: number;
}

const toRecord = (row: AnswerRow): AnswerRecord => ({
  platform: row.platform as Platform,
  chatId: row.chat,
  roundId: row.round,
  position: row.position,
  userId: row.user,
  name: row.name,
  choice: row.choice,
  correct: row.correct === 1,
  at: row.at,
});

/** How long answers and closed markers of a question are kept once applied. */
const KEEP_ANSWERS_MS = 7 * 86_400_000;

export class SqliteAnswers implements AnswersPort, ScoresPort {
  constructor(
    private readonly db: SqliteConnection,
    private readonly ns: string,
  ) {}

  static async open(db: SqliteConnection, ns: string): Promise<SqliteAnswers> {
    for (const statement of SCHEMA) await db.exec(statement);
    return new SqliteAnswers(db, ns);
  }

  async record(answer: AnswerRecord): Promise<RecordOutcome> {
    const { roundId, position } = answer;
    const rows = await this.db.all(RECORD, [
      this.ns,
      roundId,
      position,
      answer.userId,
      answer.platform,
      answer.chatId,
      answer.name,
      answer.choice,
      answer.correct ? 1 : 0,
      answer.at,
      this.ns,
      roundId,
      position,
    ]);
    if (rows.length > 0) return 'recorded';
    return (await this.tally(answer)).closed ? 'closed' : 'duplicate';
  }

  async close(key: QuestionKey): Promise<void> {
    await this.db.all(
      'INSERT INTO nq_closed (ns, round, position, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [this.ns, key.roundId, key.position, Date.now()],
    );
  }

  async list(key: QuestionKey): Promise<AnswerRecord[]> {
    const rows = await this.db.all<AnswerRow>(
      'SELECT * FROM nq_answers WHERE ns = ? AND round = ? AND position = ? ORDER BY at, user',
      [this.ns, key.roundId, key.position],
    );
    return rows.map(toRecord);
  }

  async tally(key: QuestionKey): Promise<{ count: number; closed: boolean }> {
    const [row] = await this.db.all<{ count: number; closed: number }>(
      `SELECT (SELECT count(*) FROM nq_answers WHERE ns = ? AND round = ? AND position = ?) AS count,
        EXISTS (SELECT 1 FROM nq_closed WHERE ns = ? AND round = ? AND position = ?) AS closed`,
      [this.ns, key.roundId, key.position, this.ns, key.roundId, key.position],
    );
    return { count: row?.count ?? 0, closed: row?.closed === 1 };
  }

  async answered(key: QuestionKey, userId: string): Promise<boolean> {
    const rows = await this.db.all(
      'SELECT 1 FROM nq_answers WHERE ns = ? AND round = ? AND position = ? AND user = ?',
      [this.ns, key.roundId, key.position, userId],
    );
    return rows.length > 0;
  }

  async unapplied(limit: number, recordedBy: number): Promise<AnswerRecord[]> {
    const rows = await this.db.all<AnswerRow>(
      'SELECT * FROM nq_answers WHERE ns = ? AND applied = 0 AND at <= ? ORDER BY at LIMIT ?',
      [this.ns, recordedBy, limit],
    );
    return rows.map(toRecord);
  }

  async apply(effects: readonly AnswerEffect[]): Promise<number> {
    if (effects.length === 0) return 0;
    const keys = effects.map(({ answer }) => [answer.roundId, answer.position, answer.userId]);
    return this.db.transaction(async (query) => {
      const marked = await query<{ round: string; position: number; user: string }>(MARK_APPLIED, [
        this.ns,
        JSON.stringify(keys),
      ]);
      if (marked.length === 0) return 0;
      const fresh = new Set(marked.map((row) => `${row.round}:${row.position}:${row.user}`));
      const applied = effects.filter(({ answer }) =>
        fresh.has(`${answer.roundId}:${answer.position}:${answer.userId}`),
      );
      const { stats, days, board } = aggregateEffects(applied);
      await query(ADD_STATS, [
        this.ns,
        JSON.stringify(stats.map((s) => [s.platform, s.userId, s.answered, s.correct, s.lastActivity])),
      ]);
      await query(ADD_DAYS, [this.ns, JSON.stringify(days.map((d) => [d.platform, d.userId, d.day]))]);
      await query(ADD_BOARD, [
        this.ns,
        JSON.stringify(
          board.map((b) => [
            b.platform,
            b.chatId,
            b.period,
            b.userId,
            b.name,
            b.points,
            b.answered,
            b.correct,
          ]),
        ),
      ]);
      return applied.length;
    });
  }

  async markActive(platform: Platform, userId: string, day: string, at: number): Promise<void> {
    await this.db.all(ADD_DAYS, [this.ns, JSON.stringify([[platform, userId, day]])]);
    await this.db.all(ADD_STATS, [this.ns, JSON.stringify([[platform, userId, 0, 0, at]])]);
  }

  async stats(platform: Platform, userId: string): Promise<AnswerStats> {
    const [row] = await this.db.all<{ answered: number; correct: number; last_activity: number | null }>(
      'SELECT answered, correct, last_activity FROM nq_user_stats WHERE ns = ? AND platform = ? AND user = ?',
      [this.ns, platform, userId],
    );
    return row
      ? { answered: row.answered, correct: row.correct, lastActivity: row.last_activity }
      : { answered: 0, correct: 0, lastActivity: null };
  }

  async activeDays(platform: Platform, userId: string): Promise<string[]> {
    const rows = await this.db.all<{ day: string }>(
      'SELECT day FROM nq_user_days WHERE ns = ? AND platform = ? AND user = ? ORDER BY day',
      [this.ns, platform, userId],
    );
    return rows.map((row) => row.day);
  }

  async board(platform: Platform, chatId: string, period: BoardPeriod): Promise<BoardEntry[]> {
    const rows = await this.db.all<{
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

  /** Drops answers applied long ago, their closed markers, and weekly boards older than `oldestWeek`. */
  async prune(now: number, oldestWeek: string): Promise<void> {
    const before = now - KEEP_ANSWERS_MS;
    await this.db.all('DELETE FROM nq_answers WHERE ns = ? AND applied = 1 AND at < ?', [this.ns, before]);
    await this.db.all('DELETE FROM nq_closed WHERE ns = ? AND at < ?', [this.ns, before]);
    await this.db.all("DELETE FROM nq_board WHERE ns = ? AND period != 'all' AND period < ?", [
      this.ns,
      oldestWeek,
    ]);
  }
}
