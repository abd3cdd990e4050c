// One scheduled run of a subscription, and its claim.
import { z } from 'zod';
import { reasonSchema } from './reason.ts';

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
  reason: reasonSchema.nullable(),
  at: z.number(),
  owner: z.string().nullable().default(null),
  leaseUntil: z.number().default(0),
  /** How many times the run was claimed (a takeover claims again). */
  claims: z.number().int().min(0).default(1),
});
export type Fire = z.infer<typeof fireSchema>;
