// Quiz rounds and the index of open ones (so timers can be re-armed after a restart).
import type { Mutation, RoundsPort } from '../core/ports.ts';
import { emptyChatState } from '../core/records/chat-state.ts';
import { openRoundsSchema, type Round, roundSchema } from '../core/records/round.ts';
import { chatRef } from './chats-repository.ts';
import { type Records, recordRef } from './store-contract.ts';

/** Ended rounds stay readable for a week (late presses get a clear answer), then expire. */
const ROUND_TTL_MS = 7 * 86_400_000;
const OPEN_INDEX = 'rounds:open';
const key = (id: string) => `round:${id}`;

export class RoundsRepository implements RoundsPort {
  constructor(private readonly records: Records) {}

  get(id: string): Promise<Round | undefined> {
    return this.records.read(key(id), roundSchema);
  }

  /** The round and its place in the open index, in one change: no open round is left unlisted. */
  async create(round: Round): Promise<void> {
    await this.records.change(
      {
        round: recordRef(key(round.id), roundSchema, ROUND_TTL_MS),
        index: recordRef(OPEN_INDEX, openRoundsSchema),
      },
      ({ index }) => ({
        next: { round, index: { ids: [...(index?.ids ?? []).filter((id) => id !== round.id), round.id] } },
        result: undefined,
      }),
    );
  }

  /** The round, its place in the open index and its chat's claim on it, in one change. */
  createClaimingChat(round: Round, seen: string | null): Promise<boolean> {
    return this.records.change(
      {
        round: recordRef(key(round.id), roundSchema, ROUND_TTL_MS),
        index: recordRef(OPEN_INDEX, openRoundsSchema),
        chat: chatRef(round.platform, round.chatId),
        // A chat left naming this very round (an earlier try that wrote half) is no other round.
        previous: seen === null || seen === round.id ? [] : [recordRef(key(seen), roundSchema, ROUND_TTL_MS)],
      },
      ({ index, chat, previous }) => {
        if ((chat?.groupRound ?? null) !== seen || previous[0]?.status === 'open') return { result: false };
        return {
          next: {
            round,
            index: { ids: [...(index?.ids ?? []).filter((id) => id !== round.id), round.id] },
            chat: { ...(chat ?? emptyChatState()), groupRound: round.id },
          },
          result: true,
        };
      },
    );
  }

  createLinked<R>(
    round: Round,
    from: string,
    link: (from: Round | undefined) => Mutation<Round, R>,
  ): Promise<R> {
    return this.records.change(
      {
        round: recordRef(key(round.id), roundSchema, ROUND_TTL_MS),
        index: recordRef(OPEN_INDEX, openRoundsSchema),
        from: recordRef(key(from), roundSchema, ROUND_TTL_MS),
      },
      (records) => {
        const linked = link(records.from);
        if (linked.next === undefined) return { result: linked.result };
        return {
          next: {
            round,
            index: { ids: [...(records.index?.ids ?? []).filter((id) => id !== round.id), round.id] },
            from: linked.next,
          },
          result: linked.result,
        };
      },
    );
  }

  update<R>(id: string, mutate: (round: Round | undefined) => Mutation<Round, R>): Promise<R> {
    return this.records.update(key(id), roundSchema, mutate, ROUND_TTL_MS);
  }

  async markEnded(id: string): Promise<void> {
    await this.records.update(OPEN_INDEX, openRoundsSchema, (index) => ({
      next: { ids: (index?.ids ?? []).filter((openId) => openId !== id) },
      result: undefined,
    }));
  }

  async openIds(): Promise<string[]> {
    return (await this.records.read(OPEN_INDEX, openRoundsSchema))?.ids ?? [];
  }
}
