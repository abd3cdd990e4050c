// Edits of one message, serialised and thinned out: live counters send only their latest state.

export interface EditOptions {
  /** A counter update that may be dropped in favour of a newer one. */
  coalesce: boolean;
}

interface Slot {
  running: Promise<void>;
  latest: (() => Promise<void>) | undefined;
  lastSentAt: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Final edits (a question closing) always go out, in order, after anything in flight, and cancel a
 * pending counter update so it cannot overwrite them. Counter updates go out at most once per
 * `minIntervalMs` per message, carrying the newest state.
 */
export class CoalescedEdits {
  readonly #slots = new Map<string, Slot>();

  constructor(private readonly minIntervalMs: number) {}

  #slot(ref: string): Slot {
    let slot = this.#slots.get(ref);
    if (!slot) {
      slot = { running: Promise.resolve(), latest: undefined, lastSentAt: 0, timer: undefined };
      this.#slots.set(ref, slot);
    }
    return slot;
  }

  #run(ref: string, slot: Slot, send: () => Promise<void>): Promise<void> {
    const next = slot.running.then(async () => {
      slot.lastSentAt = Date.now();
      await send();
    });
    slot.running = next.catch(() => undefined);
    void slot.running.then(() => {
      if (!slot.latest && !slot.timer && this.#slots.get(ref) === slot) this.#slots.delete(ref);
    });
    return next;
  }

  edit(ref: string, send: () => Promise<void>, options: EditOptions): Promise<void> {
    const slot = this.#slot(ref);
    if (!options.coalesce) {
      clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.latest = undefined;
      return this.#run(ref, slot, send);
    }
    slot.latest = send;
    if (slot.timer) return Promise.resolve();
    const wait = Math.max(0, slot.lastSentAt + this.minIntervalMs - Date.now());
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      const latest = slot.latest;
      slot.latest = undefined;
      if (latest) void this.#run(ref, slot, latest).catch(() => undefined);
    }, wait);
    slot.timer.unref?.();
    return Promise.resolve();
  }

  /** Sends nothing more; pending counter updates are dropped. */
  close(): void {
    for (const slot of this.#slots.values()) clearTimeout(slot.timer);
    this.#slots.clear();
  }
}
