// Telegram-like flood control for sendMessage: sliding windows globally, per chat and per group.

export interface RateLimits {
  /** Messages per sliding second across all chats (Telegram: ~30). */
  perSecondGlobal: number;
  /** Messages per sliding second to one chat (Telegram: ~1). */
  perSecondPerChat: number;
  /** Messages per sliding minute to one group or supergroup (Telegram: 20). */
  perMinutePerGroup: number;
}

/** Timestamps of accepted sends inside one sliding window. */
class SlidingWindow {
  private stamps: number[] = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** 0 when another send fits now, else how long until the oldest send leaves the window. */
  waitMs(now: number): number {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= now - this.windowMs)
      this.head += 1;
    if (this.head > 64 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    if (this.stamps.length - this.head < this.limit) return 0;
    const oldest = this.stamps[this.stamps.length - this.limit] ?? now;
    return oldest + this.windowMs - now;
  }

  record(now: number): void {
    this.stamps.push(now);
  }
}

export class RateLimiter {
  private readonly global: SlidingWindow;
  private readonly perChat = new Map<number, SlidingWindow>();
  private readonly perGroup = new Map<number, SlidingWindow>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.global = new SlidingWindow(limits.perSecondGlobal, 1000);
  }

  /**
   * Takes a slot for a send to `chatId`. Returns undefined when the send may go ahead (and counts it),
   * otherwise the whole seconds to wait (at least 1), as Telegram's `retry_after`.
   */
  acquire(chatId: number, isGroup: boolean): number | undefined {
    const now = this.now();
    const chat = this.window(this.perChat, chatId, this.limits.perSecondPerChat, 1000);
    const group = isGroup
      ? this.window(this.perGroup, chatId, this.limits.perMinutePerGroup, 60_000)
      : undefined;
    const waitMs = Math.max(this.global.waitMs(now), chat.waitMs(now), group?.waitMs(now) ?? 0);
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    this.global.record(now);
    chat.record(now);
    group?.record(now);
    return undefined;
  }

  private window(
    map: Map<number, SlidingWindow>,
    chatId: number,
    limit: number,
    windowMs: number,
  ): SlidingWindow {
    let window = map.get(chatId);
    if (window === undefined) {
      window = new SlidingWindow(limit, windowMs);
      map.set(chatId, window);
    }
    return window;
  }
}
