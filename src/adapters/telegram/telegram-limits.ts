// Telegram's numbers the adapter works within (see shared/platform-limits.md).
import type { PlatformLimits } from '../../delivery/platform-adapter.ts';

/** Broadcast limits: about 30 messages/s overall, 1/s per chat, 20/min per group. */
export const TELEGRAM_POST_LIMITS: PlatformLimits = {
  overall: { limit: 30, windowMs: 1_000 },
  perChat: { limit: 1, windowMs: 1_000 },
  perGroup: { limit: 20, windowMs: 60_000 },
};

/** answerCallbackQuery toasts are at most 200 characters. */
export const TELEGRAM_MAX_TOAST = 200;
/**
 * A live answer count is edited at most once per this long per message: a group allows about 20
 * messages a minute, and edits count towards it.
 */
export const TELEGRAM_LIVE_EDIT_INTERVAL_MS = 3_000;
