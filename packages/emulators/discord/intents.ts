// Gateway intent bits and the checks Discord applies to IDENTIFY.

/** Privileged gateway intents (need to be enabled on the application). */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
/** Every intent bit Discord currently knows about. */
export const ALL_INTENTS =
  (1 << 0) |
  (1 << 1) |
  (1 << 2) |
  (1 << 3) |
  (1 << 4) |
  (1 << 5) |
  (1 << 6) |
  (1 << 7) |
  (1 << 8) |
  (1 << 9) |
  (1 << 10) |
  (1 << 11) |
  (1 << 12) |
  (1 << 13) |
  (1 << 14) |
  (1 << 15) |
  (1 << 16) |
  (1 << 20) |
  (1 << 21) |
  (1 << 24) |
  (1 << 25);

/** The intents the emulator uses to filter dispatches. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
