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
export const PLATFORM_LIMITS: Record<Exclude<Platform, 'console'>, PlatformLimits> = {
  // Telegram: about 30 messages/s overall, 1/s per chat, 20/min per group.
  telegram: {
    overall: { limit: 30, windowMs: 1_000 },
    perChat: { limit: 1, windowMs: 1_000 },
    perGroup: { limit: 20, windowMs: 60_000 },
  },
  // Discord: 50 requests/s per bot, 5 messages per 5 s per channel.
  discord: { overall: { limit: 50, windowMs: 1_000 }, perChat: { limit: 5, windowMs: 5_000 } },
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

class SlidingWindow {
  readonly #stamps: number[] = [];
  constructor(readonly window: Window) {}

  /** When the next send may happen (≤ now when it may happen now). */
  availableAt(now: number): number {
    while (this.#stamps.length > 0 && (this.#stamps[0] ?? 0) <= now - this.window.windowMs)
      this.#stamps.shift();
    if (this.#stamps.length < this.window.limit) return now;
    return (this.#stamps[0] ?? now) + this.window.windowMs;
  }

  take(now: number): void {
    this.#stamps.push(now);
  }
}

export class RateLimiter {
  readonly #overall: SlidingWindow;
  readonly #chats = new Map<string, SlidingWindow[]>();
  readonly #pausedUntil = new Map<string, number>();

  constructor(private readonly limits: PlatformLimits) {
    this.#overall = new SlidingWindow(limits.overall);
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

  /** Takes a slot for one message to `chatId` if every window allows it now; else says when to retry. */
  tryTake(chatId: string, isGroup: boolean, now: number): { ok: true } | { ok: false; retryAt: number } {
    const paused = Math.max(this.#pausedUntil.get(chatId) ?? 0, this.#pausedUntil.get('*') ?? 0);
    const windows = [this.#overall, ...this.#windows(chatId, isGroup)];
    const at = Math.max(paused, ...windows.map((window) => window.availableAt(now)));
    if (at > now) return { ok: false, retryAt: at };
    for (const window of windows) window.take(now);
    return { ok: true };
  }

  /** Honours a 429: nothing more to this chat (or anywhere, for `*`) until `until`. */
  pause(chatId: string | '*', until: number): void {
    this.#pausedUntil.set(chatId, Math.max(until, this.#pausedUntil.get(chatId) ?? 0));
  }
}
