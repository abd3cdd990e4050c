// Stored record shapes (zod), validated on every read; types inferred from them.
import { z } from 'zod';
import { neutralMessageSchema } from './output.ts';
import { WEEKDAYS } from './schedule-time.ts';

export const PLATFORMS = ['discord', 'telegram', 'console'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

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
  /** A round the schedule started (the quiz of the day): each of its questions says so. */
  occasion: z.literal('quiz-of-the-day').optional(),
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

/** What 0.1 stored per user; its name, time zone and read articles carry over. */
const progressV1Schema = z.object({
  v: z.literal(1),
  name: z.string(),
  timezone: z.string().nullable(),
  articlesRead: z.array(z.string()),
});

/** Per user and platform: who they are and what they set; totals and streak days live with the answers. */
export const profileSchema = z.union([
  z.object({
    v: z.literal(2),
    name: z.string(),
    timezone: z.string().nullable(),
    articlesRead: z.array(z.string()),
    /** Weekdays that neither break nor extend the user's streak. */
    restDays: z.array(z.enum(WEEKDAYS)).default([]),
    /** Recent local days on which the user finished a quiz or a review (restores a streak). */
    completedDays: z.array(z.string()).default([]),
  }),
  progressV1Schema.transform(({ name, timezone, articlesRead }) => ({
    v: 2 as const,
    name,
    timezone,
    articlesRead,
    restDays: [] as (typeof WEEKDAYS)[number][],
    completedDays: [] as string[],
  })),
]);
export type Profile = z.infer<typeof profileSchema>;

export const chatStateSchema = z.object({
  v: z.literal(1),
  groupRound: z.string().nullable(),
  active: z.boolean(),
  inactiveReason: z.string().nullable(),
});
export type ChatState = z.infer<typeof chatStateSchema>;

export const emptyChatState = (): ChatState => ({
  v: 1,
  groupRound: null,
  active: true,
  inactiveReason: null,
});

/** What a chat can subscribe to (/subscribe). */
export const SUBSCRIPTION_KINDS = ['daily-brief', 'weekly-recap', 'quiz-of-the-day'] as const;
/** ...and a user's review reminder (/remind), kept with the subscriptions of their private chat. */
export const subscriptionKindSchema = z.enum([...SUBSCRIPTION_KINDS, 'review-reminder']);
export type SubscriptionKind = z.infer<typeof subscriptionKindSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  platform: platformSchema,
  chatId: z.string(),
  kind: subscriptionKindSchema,
  /** `HH:MM` in `timezone`. */
  time: z.string().regex(/^\d{2}:\d{2}$/),
  weekday: z.enum(WEEKDAYS).nullable(),
  timezone: z.string(),
  topics: z.array(z.string()),
  createdAt: z.number(),
  /** Who set it up; for a review reminder, the user it reminds. */
  createdBy: z.string(),
  active: z.boolean(),
  disabledReason: z.string().nullable(),
  /** Daily briefs: the newest publication time already covered (a new subscription starts from now). */
  cursor: z.number(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const chatSubscriptionsSchema = z.object({ v: z.literal(1), items: z.array(subscriptionSchema) });
export const subscriptionIndexSchema = z.object({ v: z.literal(1), chats: z.array(z.string()) });

/**
 * One scheduled run of one subscription: claimed, then queued, skipped or failed with a reason. A
 * claim is a lease: `owner` keeps it alive while composing; once `leaseUntil` has passed, any
 * instance may take the run over. (Records written before leases read as lapsed claims.)
 */
export const fireSchema = z.object({
  v: z.literal(1),
  subscriptionId: z.string(),
  period: z.string(),
  scheduledFor: z.number(),
  status: z.enum(['claimed', 'queued', 'skipped', 'failed']),
  reason: z.string().nullable(),
  at: z.number(),
  owner: z.string().nullable().default(null),
  leaseUntil: z.number().default(0),
  /** How many times the run was claimed (a takeover claims again). */
  claims: z.number().int().min(0).default(1),
});
export type Fire = z.infer<typeof fireSchema>;

/** What a scheduled post carries: a composed message, or a quiz round to start when it is sent. */
export const outboxPayloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), message: neutralMessageSchema }),
  /** `note`: said above the first question (a repeat of an article the chat had before). */
  z.object({ kind: z.literal('quiz'), articleId: z.string(), note: z.string().optional() }),
]);
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

export const outboxItemSchema = z.object({
  v: z.literal(1),
  /** `<subscription id>:<period>`: one post per subscription and period. */
  id: z.string(),
  subscriptionId: z.string(),
  platform: platformSchema,
  chatId: z.string(),
  period: z.string(),
  scheduledFor: z.number(),
  payload: outboxPayloadSchema,
  /** `failed`: the platform refused it or retries ran out; `skipped`: nothing to post any more (reason in `error`). */
  status: z.enum(['pending', 'sent', 'failed', 'skipped']),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.number(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
  error: z.string().nullable(),
  /** The platform's reference of the sent message (its last part, which carries the buttons). */
  ref: z.string().nullable(),
  /** References of the parts delivered so far, recorded one by one, so a retry continues after them. */
  parts: z.array(z.string()).default([]),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxIndexSchema = z.object({ v: z.literal(1), ids: z.array(z.string()) });
