// The persisted outbox: one item per subscription and period, and the index of items still to send.
import { type OutboxItem, outboxIndexSchema, outboxItemSchema } from '../core/records.ts';
import type { Mutation, RecordStore } from './record-store.ts';

const itemKey = (id: string) => `outbox:item:${id}`;
const PENDING = 'outbox:pending';
/** Sent and failed items stay readable for a while (duplicates are judged against them). */
const ITEM_TTL_MS = 14 * 86_400_000;

export class OutboxRepository {
  constructor(private readonly records: RecordStore) {}

  /** Writes the item unless one with its id exists; true when this call created it. */
  async enqueue(item: OutboxItem): Promise<boolean> {
    const created = await this.records.update(
      itemKey(item.id),
      outboxItemSchema,
      (current) => (current ? { result: false } : { next: item, result: true }),
      ITEM_TTL_MS,
    );
    if (created) {
      await this.records.update(PENDING, outboxIndexSchema, (index) => ({
        next: { v: 1 as const, ids: [...(index?.ids ?? []), item.id] },
        result: undefined,
      }));
    }
    return created;
  }

  get(id: string): Promise<OutboxItem | undefined> {
    return this.records.read(itemKey(id), outboxItemSchema);
  }

  update<R>(id: string, mutate: (current: OutboxItem | undefined) => Mutation<OutboxItem, R>): Promise<R> {
    return this.records.update(itemKey(id), outboxItemSchema, mutate, ITEM_TTL_MS);
  }

  async pendingIds(): Promise<string[]> {
    return (await this.records.read(PENDING, outboxIndexSchema))?.ids ?? [];
  }

  async removePending(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    await this.records.update(PENDING, outboxIndexSchema, (index) => ({
      next: { v: 1 as const, ids: (index?.ids ?? []).filter((id) => !gone.has(id)) },
      result: undefined,
    }));
  }
}
