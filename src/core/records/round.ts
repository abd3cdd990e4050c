// A quiz round, the answers to each of its questions, and the index of open rounds.
import { z } from 'zod';
import { platformSchema } from './platform.ts';
import { subscriptionKindSchema } from './subscription.ts';

const answerSchema = z.object({
  /** Index of the chosen choice in the article (not the shuffled position). */
  choice: z.number().int().min(0),
  correct: z.boolean(),
  at: z.number(),
  name: z.string(),
});
export type RoundAnswer = z.infer<typeof answerSchema>;

export const roundSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  platform: platformSchema,
  chatId: z.string(),
  /** `review`: one due review card of one user, a step of their /review (see review-round.ts). */
  mode: z.enum(['solo', 'group', 'review']),
  ownerId: z.string(),
  articleId: z.string(),
  seed: z.number().int(),
  /** Question indices of the article, in play order. */
  questions: z.array(z.number().int().min(0)),
  /** Position in `questions` now being asked. */
  current: z.number().int().min(0),
  status: z.enum(['open', 'ended']),
  startedAt: z.number(),
  /** When each position was asked, for answer times. */
  questionStarts: z.array(z.number()),
  /** Group rounds: when the current question closes. */
  deadline: z.number().nullable(),
  questionSeconds: z.number().int().positive(),
  /** Per position: the platform reference of the question's message (to edit it later). */
  messageRefs: z.record(z.string(), z.string()),
  endedAt: z.number().nullable(),
  /** The post kind whose scheduled post started it (the quiz of the day): each of its questions says so. */
  occasion: subscriptionKindSchema.optional(),
  /** Said above the first question (a quiz of the day that comes back says so). */
  note: z.string().optional(),
  /** Review rounds: the card asked, and the review so far. */
  review: z
    .object({
      card: z.string(),
      /** Cards asked earlier in this review (none is asked twice in one review). */
      served: z.array(z.string()),
      /** Right answers earlier in this review. */
      right: z.number().int().min(0),
      /** Cards still due after this one when it was asked. */
      left: z.number().int().min(0),
      /** The round that follows this one, once "Next" was pressed (a second press shows the same). */
      next: z.string().nullable(),
    })
    .optional(),
});
export type Round = z.infer<typeof roundSchema>;

/** The answers to one question of one round, kept apart from the round so answers never contend with it. */
export const questionAnswersSchema = z.object({
  v: z.literal(1),
  /** No answer is taken once closed (group: deadline passed; solo: answered). */
  closed: z.boolean(),
  /** User id → that user's first answer. */
  answers: z.record(z.string(), answerSchema),
});
export type QuestionAnswers = z.infer<typeof questionAnswersSchema>;

export const openRoundsSchema = z.object({ ids: z.array(z.string()) });
