// Subscriptions of chats and people to a kind of post (src/core/post-kinds/), per chat and indexed.
import { z } from 'zod';
import { WEEKDAYS } from '../schedule-time.ts';
import { platformSchema } from './platform.ts';
import { reasonSchema } from './reason.ts';

/**
 * The name of a post kind (src/core/post-kinds/): `daily-brief`, `review-reminder`. Any such name is
 * read back, so a subscription of a kind this version does not define keeps its chat's list readable
 * (its runs are skipped, saying why).
 */
export const subscriptionKindSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
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
  /** Why it was paused (a chat the bot lost); an earlier version's English sentence reads too. */
  disabledReason: reasonSchema.nullable(),
  /** Daily briefs: the newest publication time already covered (a new subscription starts from now). */
  cursor: z.number(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const chatSubscriptionsSchema = z.object({ v: z.literal(1), items: z.array(subscriptionSchema) });
export const subscriptionIndexSchema = z.object({ v: z.literal(1), chats: z.array(z.string()) });
