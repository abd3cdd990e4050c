// Rounds as this instance last saw them: a press is judged without reading the store.
import type { Mutation, RoundsPort } from '../ports.ts';
import type { Round } from '../records/round.ts';

/** Open rounds are few; this bounds memory if many are started and abandoned. */
const MAX_CACHED = 10_000;

/**
 * What a round's settings say never changes while it runs (article, questions, seed, chat, mode);
 * what does change (the current question, its deadline, message refs) may be stale here when another
 * instance moved the round on. Callers re-read (`refresh`) when what they see does not fit the press,
 * and the store's atomic answer write has the last word on whether a question is still open.
 */
export class RoundCache {
  readonly #rounds = new Map<string, Round>();

  constructor(private readonly store: RoundsPort) {}

  #remember(round: Round): Round {
    this.#rounds.delete(round.id);
    this.#rounds.set(round.id, round);
    if (this.#rounds.size > MAX_CACHED) {
      const oldest = this.#rounds.keys().next().value;
      if (oldest !== undefined) this.#rounds.delete(oldest);
    }
    return round;
  }

  async get(id: string): Promise<Round | undefined> {
    return this.#rounds.get(id) ?? this.refresh(id);
  }

  async refresh(id: string): Promise<Round | undefined> {
    const round = await this.store.get(id);
    if (round) return this.#remember(round);
    this.#rounds.delete(id);
    return undefined;
  }

  async create(round: Round): Promise<void> {
    await this.store.create(round);
    this.#remember(structuredClone(round));
  }

  /** See RoundsPort.createClaimingChat; the cache keeps the round when it was created. */
  async createClaimingChat(round: Round, seen: string | null): Promise<boolean> {
    const created = await this.store.createClaimingChat(round, seen);
    if (created) this.#remember(structuredClone(round));
    return created;
  }

  /** See RoundsPort.createLinked; the cache keeps both rounds as written. */
  async createLinked<R>(
    round: Round,
    from: string,
    link: (from: Round | undefined) => Mutation<Round, R>,
  ): Promise<R> {
    let linked: Round | null | undefined;
    const result = await this.store.createLinked(round, from, (current) => {
      const mutation = link(current);
      linked = mutation.next;
      return mutation;
    });
    if (linked !== undefined) {
      this.#remember(structuredClone(round));
      if (linked) this.#remember(structuredClone(linked));
      else this.#rounds.delete(from);
    }
    return result;
  }

  /** A locked read-modify-write in the store; the cache keeps the result. */
  async update<R>(id: string, mutate: (round: Round | undefined) => Mutation<Round, R>): Promise<R> {
    let written: Round | undefined;
    const result = await this.store.update(id, (round) => {
      const mutation = mutate(round);
      written = mutation.next === undefined ? round : (mutation.next ?? undefined);
      return mutation;
    });
    if (written) this.#remember(structuredClone(written));
    else this.#rounds.delete(id);
    return result;
  }

  markEnded(id: string): Promise<void> {
    return this.store.markEnded(id);
  }

  openIds(): Promise<string[]> {
    return this.store.openIds();
  }
}
