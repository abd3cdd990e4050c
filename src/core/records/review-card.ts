// A question a user answered wrongly, kept for review: where it is, and its FSRS memory state.
import { z } from 'zod';

/** The FSRS card state as ts-fsrs keeps it, with instants as ms since the epoch. */
export const fsrsStateSchema = z.object({
  due: z.number(),
  stability: z.number(),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  reps: z.number().int(),
  lapses: z.number().int(),
  learning_steps: z.number().int(),
  state: z.number().int().min(0).max(3),
  last_review: z.number().nullable(),
});
export type FsrsState = z.infer<typeof fsrsStateSchema>;

export const reviewCardSchema = z.object({
  articleId: z.string(),
  /** A question is known by its prompt (a stable hash of it), so reordering an article keeps its cards. */
  questionKey: z.string(),
  fsrs: fsrsStateSchema,
  /** Answers already graded into this card (the latest few): applying one twice changes nothing. */
  answers: z.array(z.string()),
});
export type ReviewCard = z.infer<typeof reviewCardSchema>;

/** One user's cards, by card id (`<article id>#<question key>`). */
export const userCardsSchema = z.object({
  v: z.literal(1),
  cards: z.record(z.string(), reviewCardSchema),
});
export type UserCards = z.infer<typeof userCardsSchema>;

export const cardId = (articleId: string, questionKey: string) => `${articleId}#${questionKey}`;
