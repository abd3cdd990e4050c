// Why a run was skipped, a post failed or a subscription paused: a message id with its arguments, put
// into words in the reader's language when it is shown. Records of earlier versions hold an English
// sentence instead, which still reads (and is shown as it is).
import { z } from 'zod';

export const codedReasonSchema = z.object({
  /** A message id of src/i18n/locales: `post-kind-daily-brief-nothingNew`, `delivery-blocked`. */
  id: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/),
  args: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** What the platform or the definition said, in English: for logs, and shown where a version lacks the id. */
  detail: z.string().optional(),
});
export type CodedReason = z.infer<typeof codedReasonSchema>;

/** A coded reason, or the English sentence an earlier version stored. */
export const reasonSchema = z.union([codedReasonSchema, z.string()]);
export type Reason = z.infer<typeof reasonSchema>;

/** `because('delivery-blocked', {}, '403: Forbidden: bot was blocked by the user')`. */
export function because(id: string, args?: CodedReason['args'], detail?: string): CodedReason {
  return {
    id,
    ...(args && Object.keys(args).length > 0 ? { args } : {}),
    ...(detail !== undefined ? { detail } : {}),
  };
}

/** Whether two reasons say the same (a chat marked again for the same reason is left as it is). */
export const sameReason = (a: Reason | null, b: Reason | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);
