import { afterEach, beforeEach, expect, test } from 'vitest';
import { pendingOutboxItem } from '../../src/core/records/outbox.ts';
import { silentLogger } from '../../src/logger.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { tempDir } from '../support/test-core.ts';

let dir: { path: string; remove(): Promise<void> };
let store: OpenedStore;
let outbox: OutboxRepository;
const NOW = Date.parse('2026-11-30T08:00:00Z');
const item = pendingOutboxItem(
  {
    subscriptionId: 'sub-1',
    platform: 'telegram',
    chatId: '-100',
    period: '2026-11-30',
    scheduledFor: NOW,
    payload: { kind: 'message', message: { blocks: [{ kind: 'text', text: 'Good morning' }], buttons: [] } },
  },
  NOW,
);

beforeEach(async () => {
  dir = await tempDir();
  store = await openStore(`sqlite://${dir.path}/outbox.sqlite`, silentLogger());
  outbox = new OutboxRepository(store.records);
});
afterEach(async () => {
  await store.close();
  await dir.remove();
});

test('an item is queued once, and listed once however often its run is queued again', async () => {
  expect(await outbox.enqueue(item)).toBe(true);
  expect(await outbox.enqueue(item)).toBe(false);
  expect(await outbox.pendingIds()).toEqual([item.id]);
});

test('an item written by an instance that died before listing it is listed when its run is taken over', async () => {
  // The dead instance got as far as writing the item: it is in the store but in no index.
  await outbox.update(item.id, () => ({ next: item, result: undefined }));
  expect(await outbox.pendingIds()).toEqual([]);
  expect(await outbox.enqueue(item)).toBe(false);
  expect(await outbox.pendingIds()).toEqual([item.id]);
});

test('an item already sent is not listed again', async () => {
  await outbox.update(item.id, () => ({ next: { ...item, status: 'sent', sentAt: NOW }, result: undefined }));
  expect(await outbox.enqueue(item)).toBe(false);
  expect(await outbox.pendingIds()).toEqual([]);
});
