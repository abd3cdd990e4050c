// Subscriptions (daily brief, weekly recap, quiz of the day, review reminder), per chat and indexed.
import { z } from 'zod';
import { WEEKDAYS } from '../schedule-time.ts';
import { platformSchema } from './platform.ts';

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
