// Discord's numbers the adapter works within (see shared/platform-limits.md).

/**
 * A live answer count is edited at most once per this long per message: a channel's message route
 * allows about 5 requests per 5 s, shared with new posts there.
 */
export const DISCORD_LIVE_EDIT_INTERVAL_MS = 2_000;
/** The first response to an interaction must reach Discord within 3 s, or its token dies. */
export const DISCORD_ACK_DEADLINE_MS = 3_000;
