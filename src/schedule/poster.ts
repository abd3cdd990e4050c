// The port a platform adapter offers the outbox: post one message to a chat, and say how it went.
import type { NeutralMessage } from '../core/output.ts';
import type { Platform } from '../core/records.ts';

export type PostResult =
  | { ok: true; ref: string }
  /** The platform said 429: try again after this long. */
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number }
  /** Chat gone, bot kicked or blocked, no permission: stop posting there. */
  | { ok: false; kind: 'permanent'; reason: string }
  /** Network trouble or a server error: try again later. */
  | { ok: false; kind: 'transient'; reason: string };

export interface Poster {
  platform: Platform;
  /** `nonce` is stable per outbox item, so a platform that supports it can refuse a double post. */
  post(chatId: string, message: NeutralMessage, nonce: string): Promise<PostResult>;
  /** Group chats have extra limits on some platforms. */
  isGroup(chatId: string): boolean;
}
