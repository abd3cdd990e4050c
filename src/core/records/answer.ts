// One recorded answer: the durable fact everything else (scores, progress, boards, live counts) derives from.
import { z } from 'zod';
import { platformSchema } from './platform.ts';

/** One question of one round. */
export interface QuestionKey {
  roundId: string;
  position: number;
}

export const answerRecordSchema = z.object({
  platform: platformSchema,
  chatId: z.string(),
  roundId: z.string(),
  /** Position of the question in the round. */
  position: z.number().int().min(0),
  userId: z.string(),
  /** The display name when the answer was given (leaderboards show it). */
  name: z.string(),
  /** The article and the index of the question in it (what a review card is made of). */
  articleId: z.string(),
  question: z.number().int().min(0),
  /** Index of the chosen choice in the article (not the shuffled position). */
  choice: z.number().int().min(0),
  correct: z.boolean(),
  at: z.number(),
  /**
   * The question's version (see quality/question-version.ts), on answers of quizzes: they count in the
   * question's statistics and in what the person has answered. Review answers leave it out (a review
   * asks again what the person missed, which would skew the statistics).
   */
  version: z.string().optional(),
});
export type AnswerRecord = z.infer<typeof answerRecordSchema>;

/** What one attempt to record an answer did. */
export type RecordOutcome = 'recorded' | 'duplicate' | 'closed';

/** What an answer changes once it is applied: computed by the core, written by the store atomically. */
export interface AnswerEffect {
  answer: AnswerRecord;
  /** The user's local calendar day of the answer (`YYYY-MM-DD`), for streaks. */
  day: string;
  /** The ISO week the chat's weekly leaderboard counts it in (`2026-W48`). */
  week: string;
  points: number;
}

/** A user's answer totals on one platform. */
export interface AnswerStats {
  answered: number;
  correct: number;
  lastActivity: number | null;
}

/** One player's line on a chat's leaderboard for one period. */
export interface BoardEntry {
  userId: string;
  name: string;
  points: number;
  answered: number;
  correct: number;
}

/** A leaderboard period: all time, or one ISO week. */
export type BoardPeriod = 'all' | { week: string };

export const boardPeriodKey = (period: BoardPeriod) => (period === 'all' ? 'all' : period.week);
