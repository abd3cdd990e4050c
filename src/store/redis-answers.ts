// Answers and scores in Redis: the answers of one turn are one script call, a batch of effects another, both atomic.
import type { RedisClientType } from '@keyv/redis';
import type { AccountKey, AnswersPort, QuestionStatsPort, ScoresPort } from '../core/ports.ts';
import {
  type AnswerEffect,
  type AnswerRecord,
  type AnswerStats,
  answerRecordSchema,
  type BoardEntry,
  type BoardPeriod,
  boardPeriodKey,
  type QuestionKey,
  type RecordOutcome,
} from '../core/records/answer.ts';
import type { Platform } from '../core/records/platform.ts';
import type { AnsweredQuestion, ChoicePicks } from '../core/records/question-picks.ts';
import { RedisScript } from './redis-script.ts';
import { storeCall } from './store-call.ts';
import { type Queued, TurnBatch } from './turn-batch.ts';
import { paramBytes, type WriteMeter } from './write-meter.ts';

/** Answers and closed markers outlive their round by far (late presses get a clear answer). */
const ANSWER_TTL_MS = 7 * 86_400_000;
/** Weekly boards are kept for nine weeks (eight past weeks are shown). */
const WEEK_BOARD_TTL_MS = 9 * 7 * 86_400_000;

/**
 * Records the answers given together (one call for every press taken in one turn of the event loop).
 * KEYS: the pending hash, then per answer its question's answers hash and closed marker. ARGV: the
 * answers' TTL, then per answer the user id, the answer's JSON and its pending field. Per answer, in
 * order: 0 recorded, 1 a repeat from the same user (an earlier one in the batch counts too), 2 the
 * question is closed.
 */
const RECORD = new RedisScript(`
local outcomes = {}
for i = 0, (#KEYS - 1) / 2 - 1 do
  local answers, closed, a = KEYS[2 + i * 2], KEYS[3 + i * 2], 2 + i * 3
  if redis.call('EXISTS', closed) == 1 then
    outcomes[i + 1] = 2
  elseif redis.call('HSETNX', answers, ARGV[a], ARGV[a + 1]) == 0 then
    outcomes[i + 1] = 1
  else
    if redis.call('HLEN', answers) == 1 then redis.call('PEXPIRE', answers, ARGV[1]) end
    redis.call('HSET', KEYS[1], ARGV[a + 2], ARGV[a + 1])
    outcomes[i + 1] = 0
  end
end
return outcomes`);

/** Answers one call records at most (a burst's batch is split into calls of this size). */
const RECORD_CHUNK = 100;

const OUTCOMES: readonly RecordOutcome[] = ['recorded', 'duplicate', 'closed'];

/**
 * KEYS: the pending hash, then per effect its user stats, user days, all-time and weekly board keys,
 * its article's choice picks and the user's answered questions.
 * ARGV: the weekly TTL, then per effect: pending field, day, user id, name, correct (0/1), points, at,
 * the picks field (`version:choice`) and the answered member (`article:version`), both empty for a
 * review answer, which is not counted.
 * An effect is applied only by the call that removes its answer from the pending hash.
 */
const APPLY = new RedisScript(`
local applied = 0
local count = (#ARGV - 1) / 9
for i = 0, count - 1 do
  local a = 2 + i * 9
  local k = 2 + i * 6
  if redis.call('HDEL', KEYS[1], ARGV[a]) == 1 then
    applied = applied + 1
    local user = ARGV[a + 2]
    redis.call('HINCRBY', KEYS[k], 'answered', 1)
    redis.call('HINCRBY', KEYS[k], 'correct', ARGV[a + 4])
    local last = tonumber(redis.call('HGET', KEYS[k], 'last') or '0')
    if tonumber(ARGV[a + 6]) > last then redis.call('HSET', KEYS[k], 'last', ARGV[a + 6]) end
    redis.call('SADD', KEYS[k + 1], ARGV[a + 1])
    for b = 2, 3 do
      redis.call('HINCRBY', KEYS[k + b], user .. ':p', ARGV[a + 5])
      redis.call('HINCRBY', KEYS[k + b], user .. ':a', 1)
      redis.call('HINCRBY', KEYS[k + b], user .. ':c', ARGV[a + 4])
      redis.call('HSET', KEYS[k + b], user .. ':n', ARGV[a + 3])
    end
    redis.call('PEXPIRE', KEYS[k + 3], ARGV[1])
    if ARGV[a + 7] ~= '' then
      redis.call('HINCRBY', KEYS[k + 4], ARGV[a + 7], 1)
      redis.call('SADD', KEYS[k + 5], ARGV[a + 8])
    end
  end
end
return applied`);

/** KEYS: user days, user stats. ARGV: day, at. */
const MARK_ACTIVE = new RedisScript(`
redis.call('SADD', KEYS[1], ARGV[1])
local last = tonumber(redis.call('HGET', KEYS[2], 'last') or '0')
if tonumber(ARGV[2]) > last then redis.call('HSET', KEYS[2], 'last', ARGV[2]) end
return 1`);

/**
 * KEYS: source stats, source days, target stats, target days, source answered, target answered. Adds
 * the source to the target, then drops it.
 */
const MOVE_HISTORY = new RedisScript(`
local stats = redis.call('HGETALL', KEYS[1])
for i = 1, #stats, 2 do
  local field, value = stats[i], stats[i + 1]
  if field == 'last' then
    local last = tonumber(redis.call('HGET', KEYS[3], 'last') or '0')
    if tonumber(value) > last then redis.call('HSET', KEYS[3], 'last', value) end
  else
    redis.call('HINCRBY', KEYS[3], field, value)
  end
end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('SUNIONSTORE', KEYS[4], KEYS[4], KEYS[2]) end
if redis.call('EXISTS', KEYS[5]) == 1 then redis.call('SUNIONSTORE', KEYS[6], KEYS[6], KEYS[5]) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[5])
return 1`);

export class RedisAnswers implements AnswersPort, ScoresPort, QuestionStatsPort {
  readonly #pending: string;
  readonly #recording = new TurnBatch<AnswerRecord, RecordOutcome>((batch) => this.#record(batch));

  constructor(
    private readonly client: RedisClientType,
    private readonly ns: string,
    private readonly meter: WriteMeter,
  ) {
    this.#pending = `${ns}:answers:pending`;
  }

  #answersKey = (key: QuestionKey) => `${this.ns}:answers:${key.roundId}:${key.position}`;
  #closedKey = (key: QuestionKey) => `${this.ns}:answers:${key.roundId}:${key.position}:closed`;
  #pendingField = (answer: AnswerRecord) => `${answer.roundId}:${answer.position}:${answer.userId}`;
  #statsKey = (platform: Platform, userId: string) => `${this.ns}:stats:${platform}:${userId}`;
  #daysKey = (platform: Platform, userId: string) => `${this.ns}:days:${platform}:${userId}`;
  #boardKey = (platform: Platform, chatId: string, period: string) =>
    `${this.ns}:board:${platform}:${chatId}:${period}`;
  /** Per article: picks per `version:choice`. */
  #picksKey = (articleId: string) => `${this.ns}:picks:${articleId}`;
  /** Per account: `article:version` of every question answered in a quiz. */
  #answeredKey = (platform: Platform, userId: string) => `${this.ns}:answered:${platform}:${userId}`;

  record(answer: AnswerRecord): Promise<RecordOutcome> {
    return this.#recording.add(answer);
  }

  /** One script call for every press queued in this turn (a few for a large batch). */
  async #record(batch: Queued<AnswerRecord, RecordOutcome>[]): Promise<void> {
    for (let at = 0; at < batch.length; at += RECORD_CHUNK) {
      const chunk = batch.slice(at, at + RECORD_CHUNK);
      const keys = [this.#pending];
      const args: (string | number)[] = [ANSWER_TTL_MS];
      for (const { item: answer } of chunk) {
        keys.push(this.#answersKey(answer), this.#closedKey(answer));
        args.push(answer.userId, JSON.stringify(answer), this.#pendingField(answer));
      }
      this.meter.add(paramBytes([...keys, ...args]));
      try {
        const outcomes = await RECORD.run(this.client, keys, args);
        chunk.forEach((entry, index) => {
          const outcome = Array.isArray(outcomes) ? OUTCOMES[Number(outcomes[index])] : undefined;
          if (outcome) entry.settle(outcome);
          else entry.fail(new Error(`Redis: unexpected answer to recording: ${String(outcomes)}`));
        });
      } catch (error) {
        for (const entry of chunk) entry.fail(error);
      }
    }
  }

  async close(key: QuestionKey): Promise<void> {
    await storeCall('closing a question', () =>
      this.client.set(this.#closedKey(key), '1', { expiration: { type: 'PX', value: ANSWER_TTL_MS } }),
    );
  }

  #parse(values: Iterable<string>): AnswerRecord[] {
    const answers: AnswerRecord[] = [];
    for (const value of values) {
      const parsed = answerRecordSchema.safeParse(JSON.parse(value));
      if (parsed.success) answers.push(parsed.data);
    }
    return answers.sort((a, b) => a.at - b.at || a.userId.localeCompare(b.userId));
  }

  async list(key: QuestionKey): Promise<AnswerRecord[]> {
    return this.#parse(
      Object.values(await storeCall('reading answers', () => this.client.hGetAll(this.#answersKey(key)))),
    );
  }

  async tally(key: QuestionKey): Promise<{ count: number; closed: boolean }> {
    const [count, closed] = await storeCall('counting answers', () =>
      Promise.all([this.client.hLen(this.#answersKey(key)), this.client.exists(this.#closedKey(key))]),
    );
    return { count: Number(count), closed: Number(closed) === 1 };
  }

  async answered(key: QuestionKey, userId: string): Promise<boolean> {
    return (
      Number(
        await storeCall('reading an answer', () => this.client.hExists(this.#answersKey(key), userId)),
      ) === 1
    );
  }

  async unapplied(limit: number, recordedBy: number): Promise<AnswerRecord[]> {
    const all = this.#parse(
      Object.values(await storeCall('reading pending answers', () => this.client.hGetAll(this.#pending))),
    );
    return all.filter((answer) => answer.at <= recordedBy).slice(0, limit);
  }

  async apply(effects: readonly AnswerEffect[]): Promise<number> {
    if (effects.length === 0) return 0;
    const keys = [this.#pending];
    const args: (string | number)[] = [WEEK_BOARD_TTL_MS];
    for (const { answer, day, week, points } of [...effects].sort((a, b) => a.answer.at - b.answer.at)) {
      keys.push(
        this.#statsKey(answer.platform, answer.userId),
        this.#daysKey(answer.platform, answer.userId),
        this.#boardKey(answer.platform, answer.chatId, 'all'),
        this.#boardKey(answer.platform, answer.chatId, week),
        this.#picksKey(answer.articleId),
        this.#answeredKey(answer.platform, answer.userId),
      );
      const counted = answer.version !== undefined;
      args.push(
        this.#pendingField(answer),
        day,
        answer.userId,
        answer.name,
        answer.correct ? 1 : 0,
        points,
        answer.at,
        counted ? `${answer.version}:${answer.choice}` : '',
        counted ? `${answer.articleId}:${answer.version}` : '',
      );
    }
    this.meter.add(paramBytes([...keys, ...args]));
    return Number(await APPLY.run(this.client, keys, args));
  }

  async markActive(platform: Platform, userId: string, day: string, at: number): Promise<void> {
    const keys = [this.#daysKey(platform, userId), this.#statsKey(platform, userId)];
    this.meter.add(paramBytes([...keys, day, at]));
    await MARK_ACTIVE.run(this.client, keys, [day, at]);
  }

  async stats(platform: Platform, userId: string): Promise<AnswerStats> {
    const hash = await storeCall('reading totals', () =>
      this.client.hGetAll(this.#statsKey(platform, userId)),
    );
    return {
      answered: Number(hash.answered ?? 0),
      correct: Number(hash.correct ?? 0),
      lastActivity: hash.last === undefined ? null : Number(hash.last),
    };
  }

  async activeDays(platform: Platform, userId: string): Promise<string[]> {
    return (
      await storeCall('reading active days', () => this.client.sMembers(this.#daysKey(platform, userId)))
    ).sort();
  }

  async moveHistory(from: AccountKey, to: AccountKey): Promise<void> {
    const keys = [
      this.#statsKey(from.platform, from.userId),
      this.#daysKey(from.platform, from.userId),
      this.#statsKey(to.platform, to.userId),
      this.#daysKey(to.platform, to.userId),
      this.#answeredKey(from.platform, from.userId),
      this.#answeredKey(to.platform, to.userId),
    ];
    this.meter.add(paramBytes(keys));
    await MOVE_HISTORY.run(this.client, keys, []);
  }

  async answeredQuestions(platform: Platform, userId: string): Promise<AnsweredQuestion[]> {
    const members = await storeCall('reading answered questions', () =>
      this.client.sMembers(this.#answeredKey(platform, userId)),
    );
    return members.map((member) => {
      const cut = member.lastIndexOf(':');
      return { articleId: member.slice(0, cut), version: member.slice(cut + 1) };
    });
  }

  async questionPicks(articleId: string): Promise<ChoicePicks[]> {
    const hash = await storeCall('reading question statistics', () =>
      this.client.hGetAll(this.#picksKey(articleId)),
    );
    return Object.entries(hash).map(([field, picks]) => {
      const cut = field.lastIndexOf(':');
      return { version: field.slice(0, cut), choice: Number(field.slice(cut + 1)), picks: Number(picks) };
    });
  }

  async board(platform: Platform, chatId: string, period: BoardPeriod): Promise<BoardEntry[]> {
    const hash = await storeCall('reading a leaderboard', () =>
      this.client.hGetAll(this.#boardKey(platform, chatId, boardPeriodKey(period))),
    );
    const entries = new Map<string, BoardEntry>();
    for (const [field, value] of Object.entries(hash)) {
      const cut = field.lastIndexOf(':');
      const userId = field.slice(0, cut);
      const entry = entries.get(userId) ?? { userId, name: userId, points: 0, answered: 0, correct: 0 };
      const kind = field.slice(cut + 1);
      if (kind === 'n') entry.name = value;
      else if (kind === 'p') entry.points = Number(value);
      else if (kind === 'a') entry.answered = Number(value);
      else if (kind === 'c') entry.correct = Number(value);
      entries.set(userId, entry);
    }
    return [...entries.values()];
  }
}
