// The port a platform adapter offers the outbox: post one message to a chat, and say how it went.
import type { NeutralMessage } from '../core/output.ts';
import type { Platform } from '../core/records/platform.ts';
import type { PlatformLimits } from './rate-limits.ts';

/** How a platform call failed, as each adapter's error reader classifies it (one vocabulary for all). */
export type DeliveryFailure =
  /** Chat gone, bot blocked or kicked, no permission to post: posting there again would fail again. */
  | { kind: 'chat-gone'; description: string }
  /** The platform refused the request itself (a 400 about the payload): our bug, not the chat's. */
  | { kind: 'rejected'; description: string }
  /** 429: try again after this long. */
  | { kind: 'rate-limited'; retryAfterMs: number; description: string }
  /** A server error or a network failure (the send may or may not have taken effect): try later. */
  | { kind: 'unavailable'; description: string };

export type PostResult =
  | { ok: true; ref: string }
  /** Pause the subscription with the reason and mark the chat inactive. */
  | { ok: false; kind: 'gone'; reason: string }
  /** Log it as a bug with the payload; the item fails, the subscription stays. */
  | { ok: false; kind: 'rejected'; reason: string }
  /** Wait `retryAfterMs`, then try again. */
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number }
  /** Try again with backoff, a bounded number of times. */
  | { ok: false; kind: 'transient'; reason: string };

/** The one mapping from a platform failure to what the outbox does about it, for every platform. */
export function postFailure(failure: DeliveryFailure): PostResult {
  switch (failure.kind) {
    case 'chat-gone':
      return { ok: false, kind: 'gone', reason: failure.description };
    case 'rejected':
      return { ok: false, kind: 'rejected', reason: failure.description };
    case 'rate-limited':
      return { ok: false, kind: 'rate-limited', retryAfterMs: failure.retryAfterMs };
    case 'unavailable':
      return { ok: false, kind: 'transient', reason: failure.description };
  }
}

/**
 * Where a post stands: a message too long for one platform message goes out in parts, and a retry
 * continues after the parts an earlier attempt delivered instead of posting them again.
 */
export interface PostProgress {
  /** References of the parts already delivered, in order. */
  delivered: readonly string[];
  /**
   * Waits until the platform's rate limits allow the next part; the returned function is called once
   * the platform answered it (or the send failed).
   */
  pace(): Promise<() => void>;
  /** Called after each part is delivered, before the next is sent; it records the part durably. */
  onPart(index: number, count: number, ref: string): Promise<void>;
}

export interface Poster {
  platform: Platform;
  /** The platform's broadcast limits, which the outbox paces posts within. */
  limits: PlatformLimits;
  /**
   * Posts the parts of `message` not yet delivered; `ref` in the result is the last part's (the one
   * carrying the buttons). `nonce` is stable per outbox item, so a platform that supports it can
   * refuse a double post.
   */
  post(chatId: string, message: NeutralMessage, nonce: string, progress: PostProgress): Promise<PostResult>;
  /** Group chats have extra limits on some platforms. */
  isGroup(chatId: string): boolean;
}
