// Calls made in one turn of the event loop, handed over together once the turn ends: a burst of presses
// becomes one statement or one script call instead of one per press.

/** One call waiting in a batch, and how to answer it. */
export interface Queued<T, R> {
  item: T;
  settle(result: R): void;
  fail(error: unknown): void;
}

export class TurnBatch<T, R> {
  #queued: Queued<T, R>[] = [];

  /** `run` answers every call of the batch; if it throws, the calls it left unanswered fail with that. */
  constructor(private readonly run: (batch: Queued<T, R>[]) => Promise<void>) {}

  add(item: T): Promise<R> {
    return new Promise((settle, fail) => {
      this.#queued.push({ item, settle, fail });
      if (this.#queued.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const batch = this.#queued.splice(0);
    this.run(batch).catch((error: unknown) => {
      for (const entry of batch) entry.fail(error);
    });
  }
}
