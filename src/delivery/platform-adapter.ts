// The one contract every platform adapter implements: send, edit, acknowledge, each with a reference or
// a classified failure; plus the platform's limits and wording. The deliverer and the outbox use only this.
import type { NeutralMessage, Response } from '../core/output.ts';
import type { PlatformWording } from '../core/platform-wording.ts';
import type { Platform } from '../core/records/platform.ts';
import { because, type CodedReason } from '../core/records/reason.ts';

export type { PlatformWording };

export interface Window {
  limit: number;
  windowMs: number;
}

/** A platform's broadcast limits, which every paced send (outbox and timers) keeps within. */
export interface PlatformLimits {
  overall: Window;
  perChat: Window;
  /** Extra limit for group chats (Telegram: 20 messages a minute per group). */
  perGroup?: Window;
}

/** Why a chat is out of reach, where the platform says (each has a `delivery-<cause>` message). */
export type GoneCause =
  | 'blocked'
  | 'removed'
  | 'chat-not-found'
  | 'no-permission'
  | 'dms-closed'
  | 'no-private-chat';

/** How a platform call failed, as each adapter's error reader classifies it (one vocabulary for all). */
export type DeliveryFailure =
  /** Chat gone, bot blocked or kicked, no permission to post: posting there again would fail again. */
  | { kind: 'chat-gone'; description: string; cause?: GoneCause }
  /** The platform refused the request itself (a 400 about the payload): our bug, not the chat's. */
  | { kind: 'rejected'; description: string }
  /** 429: try again after this long. */
  | { kind: 'rate-limited'; retryAfterMs: number; description: string }
  /** A server error or a network failure (the send may or may not have taken effect): try later. */
  | { kind: 'unavailable'; description: string };

/** What a send or an edit came to: the message's reference, or what to do about the failure. */
export type SendResult =
  | { ok: true; ref: string }
  /** Pause the subscription with the reason and mark the chat inactive. */
  | { ok: false; kind: 'gone'; reason: CodedReason }
  /** Log it as a bug with the payload; the item fails, the subscription stays. */
  | { ok: false; kind: 'rejected'; reason: CodedReason }
  /** Wait `retryAfterMs`, then try again. */
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number }
  /** Try again with backoff, a bounded number of times. */
  | { ok: false; kind: 'transient'; reason: CodedReason };

/**
 * Why a post did not go out, as it is stored and shown to people (in their language); the platform's own
 * words stay with it for the logs.
 */
export function failureReason(failure: DeliveryFailure): CodedReason {
  switch (failure.kind) {
    case 'chat-gone':
      return because(`delivery-${failure.cause ?? 'chat-gone'}`, undefined, failure.description);
    case 'rejected':
      return because('delivery-rejected', undefined, failure.description);
    case 'rate-limited':
    case 'unavailable':
      return because('delivery-unavailable', undefined, failure.description);
  }
}

/** The one mapping from a platform failure to what a sender does about it, for every platform. */
export function sendFailure(failure: DeliveryFailure): SendResult {
  switch (failure.kind) {
    case 'chat-gone':
      return { ok: false, kind: 'gone', reason: failureReason(failure) };
    case 'rejected':
      return { ok: false, kind: 'rejected', reason: failureReason(failure) };
    case 'rate-limited':
      return { ok: false, kind: 'rate-limited', retryAfterMs: failure.retryAfterMs };
    case 'unavailable':
      return { ok: false, kind: 'transient', reason: failureReason(failure) };
  }
}

/** A message a platform adapter could not even make a request of (our bug): refused, with what went wrong. */
export const malformed = (detail: string): SendResult => ({
  ok: false,
  kind: 'rejected',
  reason: because('delivery-rejected', undefined, detail),
});

/**
 * Where a send stands: a message too long for one platform message goes out in parts, and a retry
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

export interface SendOptions {
  /** Stable per outbox item, so a platform that supports it can refuse a double post. */
  nonce?: string;
  progress?: PostProgress;
}

/** A send with nothing delivered yet and no pacing (a caller that paces for itself, or a test). */
export const unpaced = (): PostProgress => ({
  delivered: [],
  pace: async () => () => {},
  onPart: async () => {},
});

/** What the outbox needs of a platform: its limits, and one send. */
export interface Poster {
  readonly platform: Platform;
  /** The platform's broadcast limits, which sends are paced within. */
  readonly limits: PlatformLimits;
  /** Group chats have extra limits on some platforms. */
  isGroup(chatId: string): boolean;
  /**
   * Posts the parts of `message` not yet delivered as new messages in `chatId` (a chat, or a person's
   * private chat as `user:<id>`); `ref` in the result is the last part's (the one carrying the buttons).
   * Each part is tried once: pacing and retries belong to the caller.
   */
  send(chatId: string, message: NeutralMessage, options?: SendOptions): Promise<SendResult>;
}

/** What an adapter did with the response to one platform event. */
export interface Acknowledged {
  /** The reference of each of the response's messages as sent, in order; undefined where none was. */
  refs: readonly (string | undefined)[];
  /**
   * The answer to the platform's request itself, for an adapter that answers in the body of the reply
   * to an HTTP request (Discord interactions over HTTP); undefined when it answered through the API.
   */
  reply?: unknown;
}

/** The deliverer, as an adapter hands it the response to an event. */
export interface ResponseOutlet {
  respond<E>(adapter: PlatformAdapter<E>, event: E, response: Response): Promise<Acknowledged>;
}

/**
 * A platform: what it can do (send, edit, acknowledge an event), its limits and its wording. What was
 * sent is remembered, and live counts are kept current, by the deliverer, never by the adapter.
 * `E` is the adapter's own record of an event it is answering (an interaction, an update).
 */
export interface PlatformAdapter<E = never> extends Poster {
  /** A live count on one message is edited at most once per this long; undefined: no live counts. */
  readonly liveEditIntervalMs: number | undefined;
  readonly wording: PlatformWording;
  /** Replaces an earlier message (what does not fit follows as new messages); the ref stays the same. */
  edit(ref: string, message: NeutralMessage): Promise<SendResult>;
  /**
   * Answers a platform event with `response`, however the platform wants an event answered (a reply,
   * an ephemeral message, a toast, an update of the pressed message). `edit` targets are not in it.
   */
  acknowledge(event: E, response: Response): Promise<Acknowledged>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Why it is not connected to its platform right now, or undefined while it is. */
  problem(): string | undefined;
  /** How it receives events, where its platform offers several ways (Discord: gateway or http); /healthz shows it. */
  readonly mode?: string;
  /**
   * Runs in the foreground until it ends on its own (the playground, until its input ends); called once
   * everything else has started. Absent where the adapter only serves events.
   */
  run?(): Promise<void>;
  /** Shows lines from outside the conversation to whoever runs the bot here (content problems). */
  notify?(lines: readonly string[]): void;
}
