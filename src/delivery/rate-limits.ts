// Sliding-window rate limits per platform (overall, per chat, per group per minute), counted in a way
// that holds on the platform's side too, however late requests arrive or answers come back.
import type { PlatformLimits, Window } from './platform-adapter.ts';

export type { PlatformLimits, Window };

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

/** Windows are counted this much longer than the platform's, for timer granularity. */
const SAFETY_PADDING = 0.01;
/** How far ahead a send may reserve its paced slot. */
const PACE_TOLERANCE_MS = 100;

/** One send as a window counts it: from when it went out until a full window after its answer came. */
interface Entry {
  doneAt: number | undefined;
}

/**
 * A sliding window that counts a send until a window after the platform *answered* it. The platform
 * stamps a request somewhere between our sending it and our reading its answer, so a send that
 * starts a window after an earlier one was answered can never share a window with it on the
 * platform's side, however late the network, the platform or this process ran. On a quiet loopback
 * that costs the round trip (a few milliseconds a window); when something stalls, it waits instead
 * of drawing a 429.
 */
class SlidingWindow {
  #entries: Entry[] = [];
  readonly #spanMs: number;
  constructor(readonly window: Window) {
    this.#spanMs = window.windowMs * (1 + SAFETY_PADDING);
  }

  /**
   * When a send at `at` (now, or a reserved slot a little ahead) may go out: `at` itself when the
   * window has room then. Nothing is forgotten here: other sends may still go out before `at`.
   */
  availableAt(at: number): number {
    let live = 0;
    // A send still waiting for its answer frees its place no sooner than a window from `at`.
    let earliest = at + this.#spanMs;
    for (const entry of this.#entries) {
      const leaves = entry.doneAt === undefined ? undefined : entry.doneAt + this.#spanMs;
      if (leaves !== undefined && leaves <= at) continue;
      live++;
      if (leaves !== undefined) earliest = Math.min(earliest, leaves);
    }
    return live < this.window.limit ? at : earliest;
  }

  /** Forgets sends that left the window by `now`. */
  prune(now: number): void {
    if (this.#entries.length < this.window.limit) return;
    this.#entries = this.#entries.filter(
      (entry) => entry.doneAt === undefined || entry.doneAt + this.#spanMs > now,
    );
  }

  take(): Entry {
    const entry: Entry = { doneAt: undefined };
    this.#entries.push(entry);
    return entry;
  }

  drop(entry: Entry): void {
    this.#entries = this.#entries.filter((candidate) => candidate !== entry);
  }
}

/**
 * Paces sends evenly (GCRA): each send takes the next slot `spacing` after the previous one, and a
 * send may reserve a slot at most `toleranceMs` ahead, so a window's worth never leaves in one burst.
 */
class Pacer {
  #next = 0;
  readonly #spacing: number;
  constructor(
    window: Window,
    private readonly toleranceMs: number,
  ) {
    this.#spacing = (window.windowMs * (1 + SAFETY_PADDING)) / window.limit;
  }

  /** The slot a send would get now. */
  slot(now: number): number {
    return Math.max(this.#next, now);
  }

  fits(now: number): boolean {
    return this.slot(now) - now <= this.toleranceMs;
  }

  take(now: number): number {
    const at = this.slot(now);
    this.#next = at + this.#spacing;
    return at;
  }
}

/** One message's place in the windows, from its reservation until `RateLimiter.done`. */
export class Ticket {
  readonly entries: { window: SlidingWindow; entry: Entry }[] = [];
  admitted = false;
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
   * When a window is full or the chat is paused, says when to ask again, and whether the overall pace
   * (not this chat) is what stops it.
   */
  tryTake(
    chatId: string,
    isGroup: boolean,
    now: number,
  ): { ok: true; at: number; ticket: Ticket } | { ok: false; retryAt: number; overall: boolean } {
    if (!this.#pacer.fits(now))
      return { ok: false, retryAt: this.#pacer.slot(now) - PACE_TOLERANCE_MS, overall: true };
    const slot = this.#pacer.slot(now);
    const overall = Math.max(this.#pausedUntil.get('*') ?? 0, this.#overall.availableAt(slot));
    if (overall > slot) return { ok: false, retryAt: overall, overall: true };
    const windows = this.#windows(chatId, isGroup);
    const free = Math.max(
      this.#pausedUntil.get(chatId) ?? 0,
      ...windows.map((window) => window.availableAt(slot)),
    );
    if (free > slot) return { ok: false, retryAt: free, overall: false };
    const at = this.#pacer.take(now);
    for (const window of windows) window.prune(now);
    const ticket = new Ticket();
    for (const window of windows) ticket.entries.push({ window, entry: window.take() });
    return { ok: true, at, ticket };
  }

  /**
   * The last gate, at the moment of sending: 0 when the overall window has room (the send is counted
   * from now), else how long to wait. A stalled event loop can make paced sends go out together, and
   * answers can come late; this keeps even those inside the limit.
   */
  admit(ticket: Ticket, now: number): number {
    this.#overall.prune(now);
    const free = this.#overall.availableAt(now);
    if (free > now) return free - now;
    ticket.entries.push({ window: this.#overall, entry: this.#overall.take() });
    ticket.admitted = true;
    return 0;
  }

  /** The platform answered the ticket's send (or it failed): its places free a window from now. */
  done(ticket: Ticket, now: number): void {
    for (const { entry } of ticket.entries) entry.doneAt ??= now;
  }

  /** The reserved send never went out: its places are free at once. */
  cancel(ticket: Ticket): void {
    for (const { window, entry } of ticket.entries) window.drop(entry);
  }

  /** Honours a 429: nothing more to this chat (or anywhere, for `*`) until `until`. */
  pause(chatId: string | '*', until: number): void {
    this.#pausedUntil.set(chatId, Math.max(until, this.#pausedUntil.get(chatId) ?? 0));
  }
}
