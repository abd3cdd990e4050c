// Sliding-window rate limits per platform: overall, per chat, and per group per minute.
import type { Platform } from '../core/records.ts';

export interface Window {
  limit: number;
  windowMs: number;
}

export interface PlatformLimits {
  overall: Window;
  perChat: Window;
  /** Extra limit for group chats (Telegram: 20 messages a minute per group). */
  perGroup?: Window;
}

/** The platforms' published broadcast limits (see shared/platform-limits.md). */
export const PLATFORM_LIMITS: Record<Platform, PlatformLimits> = {
  // Telegram: about 30 messages/s overall, 1/s per chat, 20/min per group.
  telegram: {
    overall: { limit: 30, windowMs: 1_000 },
    perChat: { limit: 1, windowMs: 1_000 },
    perGroup: { limit: 20, windowMs: 60_000 },
  },
  // Discord: 50 requests/s per bot, 5 messages per 5 s per channel.
  discord: { overall: { limit: 50, windowMs: 1_000 }, perChat: { limit: 5, windowMs: 5_000 } },
  // The playground's terminal has no limit; this only spaces out posts that fall due together.
  console: { overall: { limit: 5, windowMs: 1_000 }, perChat: { limit: 5, windowMs: 1_000 } },
};

/** Raises every limit by `factor` (for emulators and self-hosted API servers with higher limits). */
export function scaleLimits(limits: PlatformLimits, factor: number): PlatformLimits {
  const scale = (window: Window): Window => ({
    ...window,
    limit: Math.max(1, Math.floor(window.limit * factor)),
  });
  return {
    overall: scale(limits.overall),
    perChat: scale(limits.perChat),
    ...(limits.perGroup ? { perGroup: scale(limits.perGroup) } : {}),
  };
}

/**
 * Windows are counted a little longer than the platform's, so network jitter between our clock and
 * theirs never makes a burst look too fast on their side.
 */
const SAFETY_PADDING = 0.05;
/** How far ahead a send may reserve its paced slot. */
const PACE_TOLERANCE_MS = 100;

class SlidingWindow {
  readonly #stamps: number[] = [];
  readonly #spanMs: number;
  constructor(readonly window: Window) {
    this.#spanMs = window.windowMs * (1 + SAFETY_PADDING);
  }

  /** When the next send may happen (≤ now when it may happen now). */
  availableAt(now: number): number {
    while (this.#stamps.length > 0 && (this.#stamps[0] ?? 0) <= now - this.#spanMs) this.#stamps.shift();
    if (this.#stamps.length < this.window.limit) return now;
    return (this.#stamps[0] ?? now) + this.#spanMs;
  }

  take(at: number): void {
    this.#stamps.push(at);
  }
}

/**
 * Paces sends evenly (GCRA): each send takes the next slot `spacing` after the previous one, and a
 * send may reserve a slot at most `toleranceMs` ahead. A burst of a whole window at once would reach
 * the platform spread out by network and server delays, and overlap the next window on its side.
 */
class Pacer {
  #next = 0;
  #busySince = 0;
  readonly #spacing: number;
  readonly #windowMs: number;
  constructor(
    window: Window,
    private readonly toleranceMs: number,
  ) {
    this.#spacing = (window.windowMs * (1 + SAFETY_PADDING)) / window.limit;
    this.#windowMs = window.windowMs;
  }

  /** The slot a send would get now, if within tolerance. */
  slot(now: number): number {
    return Math.max(this.#next, now);
  }

  fits(now: number): boolean {
    return this.slot(now) - now <= this.toleranceMs;
  }

  /**
   * Slow start: for one window after an idle spell, send at half rate. Fresh connections make the
   * first requests arrive late and bunched, which would look like a burst on the platform's side.
   */
  take(now: number): number {
    const at = this.slot(now);
    if (at - this.#next > this.#windowMs) this.#busySince = at;
    const warming = at - this.#busySince < this.#windowMs;
    this.#next = at + this.#spacing * (warming ? 2 : 1);
    return at;
  }
}

export class RateLimiter {
  readonly #overall: SlidingWindow;
  readonly #pacer: Pacer;
  readonly #chats = new Map<string, SlidingWindow[]>();
  readonly #pausedUntil = new Map<string, number>();

  constructor(private readonly limits: PlatformLimits) {
    this.#overall = new SlidingWindow(limits.overall);
    this.#pacer = new Pacer(limits.overall, PACE_TOLERANCE_MS);
  }

  #windows(chatId: string, isGroup: boolean): SlidingWindow[] {
    let windows = this.#chats.get(chatId);
    if (!windows) {
      windows = [new SlidingWindow(this.limits.perChat)];
      if (isGroup && this.limits.perGroup) windows.push(new SlidingWindow(this.limits.perGroup));
      this.#chats.set(chatId, windows);
    }
    return windows;
  }

  /**
   * Reserves a slot for one message to `chatId`: `at` is when to send it (now or a few ms ahead).
   * When a window is full or the chat is paused, says when to ask again.
   */
  tryTake(
    chatId: string,
    isGroup: boolean,
    now: number,
  ): { ok: true; at: number } | { ok: false; retryAt: number } {
    const paused = Math.max(this.#pausedUntil.get(chatId) ?? 0, this.#pausedUntil.get('*') ?? 0);
    if (!this.#pacer.fits(now)) return { ok: false, retryAt: this.#pacer.slot(now) - PACE_TOLERANCE_MS };
    const slot = this.#pacer.slot(now);
    const windows = this.#windows(chatId, isGroup);
    const free = Math.max(
      paused,
      this.#overall.availableAt(slot),
      ...windows.map((window) => window.availableAt(slot)),
    );
    if (free > slot) return { ok: false, retryAt: free };
    const at = this.#pacer.take(now);
    for (const window of windows) window.take(at);
    return { ok: true, at };
  }

  /**
   * The last gate, at the moment of sending: 0 when the overall window has room (the send is
   * counted at its real time), else how long to wait. A stalled event loop can make paced sends go
   * out together; this keeps even those inside the limit.
   */
  admit(now: number): number {
    const free = this.#overall.availableAt(now);
    if (free > now) return free - now;
    this.#overall.take(now);
    return 0;
  }

  /** Honours a 429: nothing more to this chat (or anywhere, for `*`) until `until`. */
  pause(chatId: string | '*', until: number): void {
    this.#pausedUntil.set(chatId, Math.max(until, this.#pausedUntil.get(chatId) ?? 0));
  }
}
