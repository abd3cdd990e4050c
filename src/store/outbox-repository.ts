// The persisted outbox: one item per subscription and period, and the index of items still to send.

import type { z } from 'zod';
import { type OutboxItem, outboxIndexSchema, outboxItemSchema } from '../core/records/outbox.ts';

type OutboxIndex = z.infer<typeof outboxIndexSchema>;

import type { OutboxPort } from '../core/schedule-ports.ts';
import { type Mutation, type Records, recordRef } from './store-contract.ts';

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

/** An outbox item's record and its index shard, for a change that queues it together with other records. */
export const outboxRefs = (id: string) => ({
  item: recordRef(itemKey(id), outboxItemSchema, ITEM_TTL_MS),
  index: recordRef(shardKey(shardOf(id)), outboxIndexSchema),
});

/**
 * What queueing `item` writes, given its record and index shard as stored now: the item unless one with
 * its id exists, and its place in the index while it is pending (items written before 0.3 could be left
 * unlisted by an instance that died in between). `created`: this call wrote the item.
 */
export function queueing(
  item: OutboxItem,
  current: OutboxItem | undefined,
  index: OutboxIndex | undefined,
): { item?: OutboxItem; index?: OutboxIndex; created: boolean } {
  if (current && current.status !== 'pending') return { created: false };
  const ids = index?.ids ?? [];
  return {
    ...(current ? {} : { item }),
    ...(ids.includes(item.id) ? {} : { index: { v: 1 as const, ids: [...ids, item.id] } }),
    created: !current,
  };
}

export class OutboxRepository implements OutboxPort {
  /** Whether the 0.1 index still listed anything when last read (then removals look there too). */
  #legacy = true;

  constructor(private readonly records: Records) {}

  /**
   * Writes the item unless one with its id exists, and lists it in the index, in one change; true when
   * this call created it. An existing item still pending is made sure of its place in the index (items
   * written before 0.3 could be left unlisted by an instance that died in between).
   */
  async enqueue(item: OutboxItem): Promise<boolean> {
    return this.records.change(outboxRefs(item.id), ({ item: current, index }) => {
      const { created, ...next } = queueing(item, current, index);
      return { next, result: created };
    });
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
