// A question put to one user (Response.ask), waiting for the text they send next.
import { z } from 'zod';

export const pendingAskSchema = z.object({
  v: z.literal(1),
  /** The action the answer is sent with (an encoded payload). */
  payload: z.string(),
  /** After this moment (the core's clock) the ask has lapsed. */
  until: z.number(),
});
export type PendingAsk = z.infer<typeof pendingAskSchema>;
