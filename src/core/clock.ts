// Time is injected so streaks, deadlines, throttles and DST can be tested without sleeping.
import type { Timers } from './ports.ts';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Real timers; they never keep the process alive on their own. */
export const systemTimers: Timers = {
  after(ms, run) {
    const timer = setTimeout(run, Math.max(0, ms));
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

interface Scheduled {
  at: number;
  order: number;
  run: () => void;
}

/** A clock tests move by hand; timers registered on it fire as it passes their time. */
export class ManualClock implements Clock, Timers {
  readonly #scheduled = new Set<Scheduled>();
  #order = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  set(ms: number): void {
    this.#runUntil(ms);
  }

  advance(ms: number): void {
    this.#runUntil(this.current + ms);
  }

  /** A timer already due (0 ms) runs on its own right after the current task, as `setTimeout(fn, 0)` would. */
  after(ms: number, run: () => void): () => void {
    const entry = { at: this.current + Math.max(0, ms), order: this.#order++, run };
    this.#scheduled.add(entry);
    if (ms <= 0) queueMicrotask(() => this.#runUntil(this.current));
    return () => this.#scheduled.delete(entry);
  }

  /** Timers still waiting. */
  get pendingTimers(): number {
    return this.#scheduled.size;
  }

  /** Fires due timers in time order, each with the clock at its own time. */
  #runUntil(target: number): void {
    for (;;) {
      let next: Scheduled | undefined;
      for (const entry of this.#scheduled) {
        if (
          entry.at <= target &&
          (!next || entry.at < next.at || (entry.at === next.at && entry.order < next.order))
        )
          next = entry;
      }
      if (!next) break;
      this.#scheduled.delete(next);
      this.current = Math.max(this.current, next.at);
      next.run();
    }
    this.current = target;
  }
}
