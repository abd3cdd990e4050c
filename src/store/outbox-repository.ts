// The persisted outbox: one item per subscription and period, and the index of items still to send.
import { type OutboxItem, outboxIndexSchema, outboxItemSchema } from '../core/records.ts';
import type { Mutation, RecordStore } from './record-store.ts';

const itemKey = (id: string) => `outbox:item:${id}`;
/**
 * The index of items to send, in shards: a minute's thousands of queued posts each rewrite a
 * sixteenth of it, not all of it. (`outbox:pending` alone is where 0.1 kept it; still read.)
 */
const SHARDS = 16;
const LEGACY_PENDING = 'outbox:pending';
const shardKey = (shard: number) => `outbox:pending:${shard}`;
const shardOf = (id: string) => {
  let hash = 0;
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return hash % SHARDS;
};
const ALL_KEYS = [LEGACY_PENDING, ...Array.from({ length: SHARDS }, (_, shard) => shardKey(shard))];
/** Sent and failed items stay readable for a while (duplicates are judged against them). */
const ITEM_TTL_MS = 14 * 86_400_000;

/** A new item, pending from `now`: one scheduled run of one subscription, as the outbox keeps it. */
/** One post per subscription and period: its item's id. */
export const outboxItemId = (subscriptionId: string, period: string) => `${subscriptionId}:${period}`;

export function pendingOutboxItem(
  run: Pick<OutboxItem, 'subscriptionId' | 'platform' | 'chatId' | 'period' | 'scheduledFor' | 'payload'>,
  now: number,
): OutboxItem {
  return {
    v: 1,
    id: outboxItemId(run.subscriptionId, run.period),
    ...run,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    sentAt: null,
    error: null,
    ref: null,
    parts: [],
  };
}

export class OutboxRepository {
  /** Whether the 0.1 index still listed anything when last read (then removals look there too). */
  #legacy = true;

  constructor(private readonly records: RecordStore) {}

  /**
   * Writes the item unless one with its id exists; true when this call created it. An existing item
   * still pending is made sure of its place in the index: an instance that died between writing the
   * item and indexing it left it there unlisted, and the instance taking its run over lands here.
   */
  async enqueue(item: OutboxItem): Promise<boolean> {
    const outcome = await this.records.update(
      itemKey(item.id),
      outboxItemSchema,
      (current): Mutation<OutboxItem, 'created' | 'pending' | 'settled'> => {
        if (!current) return { next: item, result: 'created' };
        return { result: current.status === 'pending' ? 'pending' : 'settled' };
      },
      ITEM_TTL_MS,
    );
    if (outcome !== 'settled') {
      // In place: queueing thousands of posts at once must not copy the index for each.
      await this.records.update(shardKey(shardOf(item.id)), outboxIndexSchema, (index) => {
        const next = index ?? { v: 1 as const, ids: [] };
        if (outcome === 'pending' && next.ids.includes(item.id)) return { result: undefined };
        next.ids.push(item.id);
        return { next, result: undefined };
      });
    }
    return outcome === 'created';
  }

  get(id: string): Promise<OutboxItem | undefined> {
    return this.records.read(itemKey(id), outboxItemSchema);
  }

  update<R>(id: string, mutate: (current: OutboxItem | undefined) => Mutation<OutboxItem, R>): Promise<R> {
    return this.records.update(itemKey(id), outboxItemSchema, mutate, ITEM_TTL_MS);
  }

  async pendingIds(): Promise<string[]> {
    const shards = await Promise.all(ALL_KEYS.map((key) => this.records.read(key, outboxIndexSchema)));
    this.#legacy = (shards[0]?.ids.length ?? 0) > 0;
    return shards.flatMap((shard) => shard?.ids ?? []);
  }

  async removePending(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const byShard = new Map<string, Set<string>>();
    for (const id of ids) {
      const key = shardKey(shardOf(id));
      byShard.set(key, (byShard.get(key) ?? new Set()).add(id));
    }
    if (this.#legacy) byShard.set(LEGACY_PENDING, new Set(ids));
    await Promise.all(
      [...byShard].map(([key, gone]) =>
        this.records.update(key, outboxIndexSchema, (index) => {
          if (!index?.ids.some((id) => gone.has(id))) return { result: undefined };
          return { next: { v: 1 as const, ids: index.ids.filter((id) => !gone.has(id)) }, result: undefined };
        }),
      ),
    );
  }
}
