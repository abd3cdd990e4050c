// Edits of one message go out one after another, in the order they were asked for.

export class EditQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run(ref: string, send: () => Promise<void>): Promise<void> {
    const previous = this.#tails.get(ref) ?? Promise.resolve();
    const next = previous.then(send);
    const tail = next.catch(() => undefined);
    this.#tails.set(ref, tail);
    void tail.then(() => {
      if (this.#tails.get(ref) === tail) this.#tails.delete(ref);
    });
    return next;
  }
}
