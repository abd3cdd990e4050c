// Discord's numbers the adapter works within (see shared/platform-limits.md).
import type { PlatformLimits } from '../../delivery/platform-adapter.ts';

/** Broadcast limits: 50 requests/s per bot, 5 messages per 5 s per channel. */
export const DISCORD_POST_LIMITS: PlatformLimits = {
  overall: { limit: 50, windowMs: 1_000 },
  perChat: { limit: 5, windowMs: 5_000 },
};

/**
 * A live answer count is edited at most once per this long per message: a channel's message route
 * allows about 5 requests per 5 s, shared with new posts there.
 */
export const DISCORD_LIVE_EDIT_INTERVAL_MS = 2_000;
/** The first response to an interaction must reach Discord within 3 s, or its token dies. */
export const DISCORD_ACK_DEADLINE_MS = 3_000;

/** A modal: title ≤ 45 characters; a text input's label ≤ 45, its value ≤ 4,000; custom ids ≤ 100. */
export const MODAL_LIMITS = { title: 45, label: 45, value: 4_000, customId: 100 } as const;
