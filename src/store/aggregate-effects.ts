// Folds a batch of answer effects into one increment per user, day and leaderboard line.
import type { AnswerEffect } from '../core/model/answer.ts';
import type { Platform } from '../core/records.ts';

export interface StatsIncrement {
  platform: Platform;
  userId: string;
  answered: number;
  correct: number;
  lastActivity: number;
}

export interface DayMark {
  platform: Platform;
  userId: string;
  day: string;
}

export interface BoardIncrement {
  platform: Platform;
  chatId: string;
  /** `all` or an ISO week. */
  period: string;
  userId: string;
  /** The newest name the user answered under. */
  name: string;
  points: number;
  answered: number;
  correct: number;
}

export function aggregateEffects(effects: readonly AnswerEffect[]) {
  const stats = new Map<string, StatsIncrement>();
  const days = new Map<string, DayMark>();
  const board = new Map<string, BoardIncrement & { at: number }>();
  for (const { answer, day, week, points } of effects) {
    const user = `${answer.platform}\u0000${answer.userId}`;
    const total = stats.get(user) ?? {
      platform: answer.platform,
      userId: answer.userId,
      answered: 0,
      correct: 0,
      lastActivity: 0,
    };
    total.answered += 1;
    total.correct += answer.correct ? 1 : 0;
    total.lastActivity = Math.max(total.lastActivity, answer.at);
    stats.set(user, total);
    days.set(`${user}\u0000${day}`, { platform: answer.platform, userId: answer.userId, day });
    for (const period of ['all', week]) {
      const key = `${answer.platform}\u0000${answer.chatId}\u0000${period}\u0000${answer.userId}`;
      const line = board.get(key) ?? {
        platform: answer.platform,
        chatId: answer.chatId,
        period,
        userId: answer.userId,
        name: answer.name,
        points: 0,
        answered: 0,
        correct: 0,
        at: answer.at,
      };
      if (answer.at >= line.at) {
        line.name = answer.name;
        line.at = answer.at;
      }
      line.points += points;
      line.answered += 1;
      line.correct += answer.correct ? 1 : 0;
      board.set(key, line);
    }
  }
  return {
    stats: [...stats.values()],
    days: [...days.values()],
    board: [...board.values()].map(({ at: _at, ...line }) => line),
  };
}
