// A chat's state: its running group round, and whether the bot may still post there.
import { z } from 'zod';
import { reasonSchema } from './reason.ts';

export const chatStateSchema = z.object({
  v: z.literal(1),
  groupRound: z.string().nullable(),
  active: z.boolean(),
  inactiveReason: reasonSchema.nullable(),
});
export type ChatState = z.infer<typeof chatStateSchema>;

export const emptyChatState = (): ChatState => ({
  v: 1,
  groupRound: null,
  active: true,
  inactiveReason: null,
});
