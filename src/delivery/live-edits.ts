// Live answer counts on screen: at most one edit per message per interval, exact within one interval of
// the last press, never going backwards and never after the question closed, across every instance.
import type { Clock } from '../core/clock.ts';
import type { LiveCount, NeutralMessage } from '../core/output.ts';
import type { LiveMessagesPort, Timers } from '../core/ports.ts';
import type { Logger } from '../logger.ts';

/** A count edit the platform refused is tried again this many times. */
const MAX_FAILURES = 3;

export interface LiveEditsOptions {
  /** The platform's edit budget for one message (named next to each renderer). */
  intervalMs: number;
  clock: Clock;
  timers: Timers;
  messages: LiveMessagesPort;
  /** The message as it should show now, with its count; undefined once the question closed. */
  current(live: LiveCount): Promise<{ message: NeutralMessage; count: number } | undefined>;
  send(ref: string, message: NeutralMessage): Promise<void>;
  log: Logger;
}

interface Slot {
  live: LiveCount;
  cancel: (() => void) | undefined;
  running: boolean;
  /** A press came in while an edit was being sent: look again afterwards. */
  again: boolean;
  failures: number;
}

type Outcome = { sent: number } | { waitMs: number } | 'current' | 'closed';

/**
 * When the last edit went out is kept in the message's shared mark, not here: this instance may not
 * have sent it, and a throttle that forgets the last send once idle lets a steady trickle of presses
 * edit on every press.
 */
export class LiveEdits {
  readonly #slots = new Map<string, Slot>();
  #closed = false;

  constructor(private readonly options: LiveEditsOptions) {}

  /** A live count changed: its message is edited now or after the interval, with the count as it is then. */
  touch(live: LiveCount): void {
    if (this.#closed) return;
    let slot = this.#slots.get(live.ref);
    if (!slot) {
      slot = { live, cancel: undefined, running: false, again: false, failures: 0 };
      this.#slots.set(live.ref, slot);
    }
    slot.live = live;
    if (slot.running) slot.again = true;
    else if (!slot.cancel) this.#arm(slot, 0);
  }

  #arm(slot: Slot, delayMs: number): void {
    slot.cancel = this.options.timers.after(delayMs, () => {
      slot.cancel = undefined;
      void this.#run(slot);
    });
  }

  async #run(slot: Slot): Promise<void> {
    if (this.#closed) return;
    slot.running = true;
    slot.again = false;
    let outcome: Outcome | 'failed';
    try {
      outcome = await this.#edit(slot.live);
      slot.failures = 0;
    } catch (error) {
      slot.failures += 1;
      this.options.log.warn({ err: error, ref: slot.live.ref }, 'live count edit failed');
      outcome = 'failed';
    } finally {
      slot.running = false;
    }
    if (this.#closed || outcome === 'closed') {
      this.#slots.delete(slot.live.ref);
      return;
    }
    if (typeof outcome === 'object' && 'waitMs' in outcome) {
      this.#arm(slot, outcome.waitMs);
      return;
    }
    if (outcome === 'failed' && slot.failures <= MAX_FAILURES) {
      this.#arm(slot, this.options.intervalMs);
      return;
    }
    if (slot.again) this.#arm(slot, 0);
    else this.#slots.delete(slot.live.ref);
  }

  #edit(live: LiveCount): Promise<Outcome> {
    const { clock, intervalMs, messages } = this.options;
    return messages.exclusive<Outcome>(live.ref, async (mark) => {
      if (mark?.closed) return { result: 'closed' };
      const now = clock.now();
      const waitMs = mark ? mark.lastAt + intervalMs - now : 0;
      if (waitMs > 0) return { result: { waitMs } };
      const state = await this.options.current(live);
      if (!state) return { result: 'closed' };
      if (mark && state.count <= mark.shown) return { result: 'current' };
      await this.options.send(live.ref, state.message);
      return { mark: { shown: state.count, lastAt: now, closed: false }, result: { sent: state.count } };
    });
  }

  /**
   * The question's final edit (it closed): it waits for any count edit in flight on any instance, and
   * from then on no count edit is sent for this message.
   */
  async final(ref: string, send: () => Promise<void>): Promise<void> {
    const slot = this.#slots.get(ref);
    slot?.cancel?.();
    this.#slots.delete(ref);
    const failure = await this.options.messages.exclusive<unknown>(ref, async (mark) => {
      let error: unknown;
      try {
        await send();
      } catch (caught) {
        error = caught ?? new Error('the final edit failed');
      }
      return {
        mark: { shown: mark?.shown ?? 0, lastAt: this.options.clock.now(), closed: true },
        result: error,
      };
    });
    if (failure !== undefined) throw failure;
  }

  /** Sends nothing more; scheduled count edits are dropped. */
  close(): void {
    this.#closed = true;
    for (const slot of this.#slots.values()) slot.cancel?.();
    this.#slots.clear();
  }
}
