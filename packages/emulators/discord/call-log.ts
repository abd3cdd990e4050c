// Records every REST call the emulator answers and lets tests wait for a call matching a predicate.
import type { RecordedCall } from './types.ts';

export type CallPredicate = (call: RecordedCall, index: number) => boolean;

interface Waiter {
  predicate: CallPredicate;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
}

export class CallLog {
  readonly #calls: RecordedCall[] = [];
  readonly #waiters = new Set<Waiter>();
  readonly #keep: boolean;
  #offset = 0;

  constructor(keep: boolean) {
    this.#keep = keep;
  }

  get calls(): readonly RecordedCall[] {
    return this.#calls;
  }

  record(call: RecordedCall): void {
    const index = this.#offset + this.#calls.length;
    if (this.#keep) this.#calls.push(call);
    else this.#offset++;
    for (const waiter of this.#waiters) {
      if (waiter.predicate(call, index)) {
        this.#waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  /** Forget recorded calls (indexes keep counting up). */
  clear(): void {
    this.#offset += this.#calls.length;
    this.#calls.length = 0;
  }

  /** Total number of calls seen, including cleared ones; use it as a mark for `waitFor`. */
  get total(): number {
    return this.#offset + this.#calls.length;
  }

  /**
   * Resolves with the first call (already recorded or future) matching `predicate`; the index passed
   * to the predicate is global, so `(c, i) => i >= mark && ...` waits for calls after a mark.
   */
  waitFor(predicate: CallPredicate, timeoutMs = 5_000): Promise<RecordedCall> {
    const existing = this.#calls.findIndex((call, i) => predicate(call, this.#offset + i));
    const found = existing >= 0 ? this.#calls[existing] : undefined;
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const recent = this.#calls
          .slice(-10)
          .map((c) => `${c.method} ${c.path} -> ${c.status}`)
          .join('\n  ');
        reject(
          new Error(`No matching REST call within ${timeoutMs} ms. Last calls:\n  ${recent || '(none)'}`),
        );
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Rejects pending waiters (used on close so tests fail fast instead of timing out). */
  cancelAll(): void {
    for (const waiter of this.#waiters)
      waiter.reject(new Error('Discord emulator closed while waiting for a call'));
    this.#waiters.clear();
  }
}
