// Answers and scores in process memory (memory://, for tests and the throwaway playground).

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
import { paramBytes, type WriteMeter } from './write-meter.ts';

const questionId = (key: QuestionKey) => `${key.roundId}:${key.position}`;
const answerId = (answer: AnswerRecord) => `${questionId(answer)}:${answer.userId}`;

export class MemoryAnswers implements AnswersPort, ScoresPort, QuestionStatsPort {
  readonly #answers = new Map<string, Map<string, AnswerRecord>>();
  readonly #closed = new Set<string>();
  readonly #unapplied = new Map<string, AnswerRecord>();
  readonly #stats = new Map<string, AnswerStats>();
  readonly #days = new Map<string, Set<string>>();
  readonly #boards = new Map<string, Map<string, BoardEntry>>();
  /** Per article: picks per `version\0choice`. */
  readonly #picks = new Map<string, Map<string, number>>();
  /** Per account: `article\0version` of the questions answered in quizzes. */
  readonly #answered = new Map<string, Set<string>>();

  constructor(private readonly meter: WriteMeter) {}

  async record(answer: AnswerRecord): Promise<RecordOutcome> {
    const id = questionId(answer);
    if (this.#closed.has(id)) return 'closed';
    let answers = this.#answers.get(id);
    if (!answers) {
      answers = new Map();
      this.#answers.set(id, answers);
    }
    if (answers.has(answer.userId)) return 'duplicate';
    answers.set(answer.userId, answer);
    this.#unapplied.set(answerId(answer), answer);
    this.meter.add(paramBytes([questionId(answer), answer.userId, JSON.stringify(answer)]));
    return 'recorded';
  }

  async close(key: QuestionKey): Promise<void> {
    this.#closed.add(questionId(key));
  }

  async list(key: QuestionKey): Promise<AnswerRecord[]> {
    return [...(this.#answers.get(questionId(key))?.values() ?? [])];
  }

  async tally(key: QuestionKey): Promise<{ count: number; closed: boolean }> {
    const id = questionId(key);
    return { count: this.#answers.get(id)?.size ?? 0, closed: this.#closed.has(id) };
  }

  async answered(key: QuestionKey, userId: string): Promise<boolean> {
    return this.#answers.get(questionId(key))?.has(userId) ?? false;
  }

  async unapplied(limit: number, recordedBy: number): Promise<AnswerRecord[]> {
    return [...this.#unapplied.values()]
      .filter((answer) => answer.at <= recordedBy)
      .sort((a, b) => a.at - b.at)
      .slice(0, limit);
  }

  async apply(effects: readonly AnswerEffect[]): Promise<number> {
    let applied = 0;
    for (const { answer, day, week, points } of effects) {
      if (!this.#unapplied.delete(answerId(answer))) continue;
      applied += 1;
      const user = `${answer.platform}:${answer.userId}`;
      const total = this.#stats.get(user) ?? { answered: 0, correct: 0, lastActivity: null };
      total.answered += 1;
      total.correct += answer.correct ? 1 : 0;
      total.lastActivity = Math.max(total.lastActivity ?? 0, answer.at);
      this.#stats.set(user, total);
      const days = this.#days.get(user) ?? new Set<string>();
      days.add(day);
      this.#days.set(user, days);
      if (answer.version !== undefined) {
        const picks = this.#picks.get(answer.articleId) ?? new Map<string, number>();
        const pick = `${answer.version}\u0000${answer.choice}`;
        picks.set(pick, (picks.get(pick) ?? 0) + 1);
        this.#picks.set(answer.articleId, picks);
        const answered = this.#answered.get(user) ?? new Set<string>();
        answered.add(`${answer.articleId}\u0000${answer.version}`);
        this.#answered.set(user, answered);
      }
      for (const period of ['all', week]) {
        const key = `${answer.platform}:${answer.chatId}:${period}`;
        const entries = this.#boards.get(key) ?? new Map<string, BoardEntry>();
        const entry = entries.get(answer.userId) ?? {
          userId: answer.userId,
          name: '',
          points: 0,
          answered: 0,
          correct: 0,
        };
        entry.name = answer.name;
        entry.points += points;
        entry.answered += 1;
        entry.correct += answer.correct ? 1 : 0;
        entries.set(answer.userId, entry);
        this.#boards.set(key, entries);
      }
      this.meter.add(paramBytes([answerId(answer), day, week, points]));
    }
    return applied;
  }

  async markActive(platform: Platform, userId: string, day: string, at: number): Promise<void> {
    const key = `${platform}:${userId}`;
    const set = this.#days.get(key) ?? new Set<string>();
    set.add(day);
    this.#days.set(key, set);
    const total = this.#stats.get(key) ?? { answered: 0, correct: 0, lastActivity: null };
    total.lastActivity = Math.max(total.lastActivity ?? 0, at);
    this.#stats.set(key, total);
    this.meter.add(paramBytes([key, day, at]));
  }

  async stats(platform: Platform, userId: string): Promise<AnswerStats> {
    return {
      ...(this.#stats.get(`${platform}:${userId}`) ?? { answered: 0, correct: 0, lastActivity: null }),
    };
  }

  async activeDays(platform: Platform, userId: string): Promise<string[]> {
    return [...(this.#days.get(`${platform}:${userId}`) ?? [])].sort();
  }

  async moveHistory(from: AccountKey, to: AccountKey): Promise<void> {
    const source = `${from.platform}:${from.userId}`;
    const target = `${to.platform}:${to.userId}`;
    const moved = this.#stats.get(source);
    if (moved) {
      const total = this.#stats.get(target) ?? { answered: 0, correct: 0, lastActivity: null };
      total.answered += moved.answered;
      total.correct += moved.correct;
      if (moved.lastActivity !== null)
        total.lastActivity = Math.max(total.lastActivity ?? 0, moved.lastActivity);
      this.#stats.set(target, total);
      this.#stats.delete(source);
    }
    const days = this.#days.get(source);
    if (days) {
      this.#days.set(target, new Set([...(this.#days.get(target) ?? []), ...days]));
      this.#days.delete(source);
    }
    const answered = this.#answered.get(source);
    if (answered) {
      this.#answered.set(target, new Set([...(this.#answered.get(target) ?? []), ...answered]));
      this.#answered.delete(source);
    }
  }

  async answeredQuestions(platform: Platform, userId: string): Promise<AnsweredQuestion[]> {
    return [...(this.#answered.get(`${platform}:${userId}`) ?? [])].map((entry) => {
      const [articleId = '', version = ''] = entry.split('\u0000');
      return { articleId, version };
    });
  }

  async questionPicks(articleId: string): Promise<ChoicePicks[]> {
    return [...(this.#picks.get(articleId) ?? [])].map(([key, picks]) => {
      const [version = '', choice] = key.split('\u0000');
      return { version, choice: Number(choice), picks };
    });
  }

  async board(platform: Platform, chatId: string, period: BoardPeriod): Promise<BoardEntry[]> {
    const board = this.#boards.get(`${platform}:${chatId}:${boardPeriodKey(period)}`);
    return [...(board?.values() ?? [])].map((entry) => ({ ...entry }));
  }
}
