// A scheduled post waiting in the outbox, and the outbox's index.
import { z } from 'zod';
import { neutralMessageSchema } from '../output.ts';
import { platformSchema } from './platform.ts';
import { reasonSchema } from './reason.ts';

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
  error: reasonSchema.nullable(),
  /** The platform's reference of the sent message (its last part, which carries the buttons). */
  ref: z.string().nullable(),
  /** References of the parts delivered so far, recorded one by one, so a retry continues after them. */
  parts: z.array(z.string()).default([]),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxIndexSchema = z.object({ v: z.literal(1), ids: z.array(z.string()) });

/** Stands in for a subscription id on a private notice's item: a notice belongs to no subscription. */
export const NOTICE_SUBSCRIPTION = 'notice';

/** One post per subscription and period: its item's id. */
export const outboxItemId = (subscriptionId: string, period: string) => `${subscriptionId}:${period}`;

/** A new item, pending from `now`: one scheduled run of one subscription, as the outbox keeps it. */
export function pendingOutboxItem(
  run: Pick<OutboxItem, 'subscriptionId' | 'platform' | 'chatId' | 'period' | 'scheduledFor' | 'payload'>,
  now: number,
): OutboxItem {
  return {
    v: 1,
    id: outboxItemId(run.subscriptionId, run.period),
    ...run,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    sentAt: null,
    error: null,
    ref: null,
    parts: [],
  };
}
