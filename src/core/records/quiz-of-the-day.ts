// Which articles a chat had as its quiz of the day, so a new day brings one it has not had.
import { z } from 'zod';

export const quizOfTheDayEntrySchema = z.object({
  /** The scheduled run (`<subscription id>:<period>`): a retried or taken-over run keeps its article. */
  run: z.string(),
  articleId: z.string(),
  /** When the run was due. */
  at: z.number(),
});
export type QuizOfTheDayEntry = z.infer<typeof quizOfTheDayEntrySchema>;

export const quizOfTheDayHistorySchema = z.object({
  v: z.literal(1),
  /** Oldest first. */
  had: z.array(quizOfTheDayEntrySchema),
});
export type QuizOfTheDayHistory = z.infer<typeof quizOfTheDayHistorySchema>;
