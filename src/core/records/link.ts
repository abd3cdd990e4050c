// Linked accounts: one person on several platforms, and the one-time codes that link them.
import { z } from 'zod';
import { platformSchema } from './platform.ts';

export const accountSchema = z.object({
  platform: platformSchema,
  userId: z.string(),
  /** The display name when the account was linked (shown by /progress). */
  name: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

/**
 * Kept under each linked account: the person it belongs to. `accounts[0]` is the person's first
 * account, whose records (profile, review cards) hold the person's history.
 */
export const personLinkSchema = z.object({
  v: z.literal(1),
  /** Names this link (not the accounts): an Unlink prompt is bound to it. Links made before 0.3 have none. */
  id: z
    .string()
    .regex(/^[a-z0-9]{1,13}$/)
    .optional(),
  accounts: z.array(accountSchema).min(2),
  linkedAt: z.number(),
});
export type PersonLink = z.infer<typeof personLinkSchema>;

/** What an Unlink prompt carries to name the link it was shown for. */
export const linkToken = (link: PersonLink) => link.id ?? link.linkedAt.toString(36);

/** A live code, stored under a digest of the code (the code itself is never stored). */
export const linkCodeSchema = z.object({
  v: z.literal(1),
  /** SHA-256 of the code, hex: compared in constant time with the digest of what was typed. */
  digest: z.string(),
  issuer: accountSchema,
  expiresAt: z.number(),
});
export type LinkCode = z.infer<typeof linkCodeSchema>;

/** A rate limit's state: instants of recent events (a sliding window), or the count of a fixed window. */
export const limitStateSchema = z.object({
  v: z.literal(1),
  at: z.array(z.number()).default([]),
  count: z.number().int().min(0).default(0),
});
export type LimitState = z.infer<typeof limitStateSchema>;

export const sameAccount = (
  a: Pick<Account, 'platform' | 'userId'>,
  b: Pick<Account, 'platform' | 'userId'>,
) => a.platform === b.platform && a.userId === b.userId;
