// Telegram's numbers the adapter works within (see shared/platform-limits.md).

/** answerCallbackQuery toasts are at most 200 characters. */
export const TELEGRAM_MAX_TOAST = 200;
/**
 * A live answer count is edited at most once per this long per message: a group allows about 20
 * messages a minute, and edits count towards it.
 */
export const TELEGRAM_LIVE_EDIT_INTERVAL_MS = 3_000;
