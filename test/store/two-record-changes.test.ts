// Every state change of the store that spans two records, on every backend: a record and the index
// that lists it change together. Raced in one batch and from two instances at once, repeated, the
// records agree; and a write that fails half way (SQLite refusing the index) leaves neither.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emptyProfile } from '../../src/core/progress.ts';
import { type OutboxItem, pendingOutboxItem } from '../../src/core/records/outbox.ts';
import type { Round } from '../../src/core/records/round.ts';
import type { Subscription } from '../../src/core/records/subscription.ts';
import { silentLogger } from '../../src/logger.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { ProfilesRepository } from '../../src/store/profiles-repository.ts';
import { RoundsRepository } from '../../src/store/rounds-repository.ts';
import { SqliteConnection } from '../../src/store/sqlite-connection.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { WriteMeter } from '../../src/store/write-meter.ts';
import { RACES, STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';
import { NOW, tempDir, uniqueNamespace } from '../support/test-core.ts';

function round(id: string): Round {
  return {
    v: 1,
    id,
    platform: 'telegram',
    chatId: 'chat',
    mode: 'solo',
    ownerId: 'u',
    articleId: 'a',
    seed: 1,
    questions: [0],
    current: 0,
    status: 'open',
    startedAt: NOW,
    questionStarts: [NOW],
    deadline: null,
    questionSeconds: 30,
    messageRefs: {},
    endedAt: null,
  };
}

const post = (id: string): OutboxItem =>
  pendingOutboxItem(
    {
      subscriptionId: id,
      platform: 'telegram',
      chatId: 'chat',
      period: '2026-11-23',
      scheduledFor: NOW,
      payload: { kind: 'message', message: { blocks: [{ kind: 'text', text: 'hello' }], buttons: [] } },
    },
    NOW,
  );

const subscription = (chatId: string, id: string): Subscription => ({
  id,
  platform: 'telegram',
  chatId,
  kind: 'daily-brief',
  time: '08:00',
  weekday: null,
  timezone: 'UTC',
  topics: [],
  createdAt: NOW,
  createdBy: 'admin',
  active: true,
  disabledReason: null,
  cursor: 0,
});

describe.each(STORE_BACKENDS)('two-record changes in the $name store', (backend) => {
  const { pair, maybe } = useStorePair(backend);
  const on = (n: number) => pair.on(n);

  maybe(
    `rounds created and ended at once on two instances are listed exactly while open (${RACES} times)`,
    async () => {
      const rounds = [0, 1].map((n) => new RoundsRepository(on(n).records));
      const [one, two] = rounds as [RoundsRepository, RoundsRepository];
      const ended = new Set<string>();
      const created: string[] = [];
      for (let race = 0; race < RACES; race++) {
        const ids = [`r${race}a`, `r${race}b`, `r${race}c`];
        created.push(...ids);
        const previous = created[created.length - 4];
        if (previous) ended.add(previous);
        await Promise.all([
          one.create(round(ids[0] ?? '')),
          two.create(round(ids[1] ?? '')),
          previous ? two.markEnded(previous) : undefined,
          one.create(round(ids[2] ?? '')),
        ]);
        const open = await one.openIds();
        expect(new Set(open).size, `race ${race}`).toBe(open.length);
        expect(new Set(open), `race ${race}`).toEqual(new Set(created.filter((id) => !ended.has(id))));
      }
      const listed = await one.openIds();
      expect((await Promise.all(listed.map((id) => two.get(id)))).every((found) => found !== undefined)).toBe(
        true,
      );
    },
  );

  maybe(
    `an outbox item queued on two instances at once is written once and listed once (${RACES} times)`,
    async () => {
      const [one, two] = [0, 1].map((n) => new OutboxRepository(on(n).records)) as [
        OutboxRepository,
        OutboxRepository,
      ];
      for (let race = 0; race < RACES; race++) {
        const item = post(`s${race}`);
        const gone = race > 0 ? `s${race - 1}:2026-11-23` : undefined;
        const created = await Promise.all([
          one.enqueue(item),
          two.enqueue(item),
          gone ? two.removePending([gone]) : undefined,
          one.enqueue(item),
        ]);
        expect(
          created.filter((entry) => entry === true),
          `race ${race}`,
        ).toHaveLength(1);
        const pending = await one.pendingIds();
        expect(
          pending.filter((id) => id === item.id),
          `race ${race}`,
        ).toHaveLength(1);
        if (gone) expect(pending, `race ${race}`).not.toContain(gone);
        expect(await two.get(item.id), `race ${race}`).toMatchObject({ id: item.id, status: 'pending' });
      }
    },
  );

  maybe(
    `a chat subscribing and unsubscribing at once on two instances is indexed exactly while it has any (${RACES} times)`,
    async () => {
      const [one, two] = [0, 1].map((n) => new SubscriptionsRepository(on(n).records)) as [
        SubscriptionsRepository,
        SubscriptionsRepository,
      ];
      for (let race = 0; race < RACES; race++) {
        const chatId = `c${race}`;
        await one.updateChat('telegram', chatId, () => ({
          items: [subscription(chatId, 'first')],
          result: undefined,
        }));
        // One instance removes the only subscription while the other adds a second one.
        await Promise.all([
          one.updateChat('telegram', chatId, (items) => ({
            items: items.filter((item) => item.id !== 'first'),
            result: undefined,
          })),
          two.updateChat('telegram', chatId, (items) => ({
            items: [...items, subscription(chatId, 'second')],
            result: undefined,
          })),
        ]);
        const items = await two.forChat('telegram', chatId);
        const indexed = (await one.all()).filter((item) => item.chatId === chatId);
        expect(
          items.map((item) => item.id),
          `race ${race}`,
        ).toEqual(['second']);
        expect(
          indexed.map((item) => item.id),
          `race ${race}`,
        ).toEqual(['second']);
      }
    },
  );

  maybe(
    `two time zones set at once on two instances leave the profile and the reminder on the same one (${RACES} times)`,
    async () => {
      const [one, two] = [0, 1].map((n) => new SubscriptionsRepository(on(n).records)) as [
        SubscriptionsRepository,
        SubscriptionsRepository,
      ];
      const profiles = new ProfilesRepository(on(1).records);
      const reminder = (chatId: string): Subscription => ({
        ...subscription(chatId, 'reminder'),
        kind: 'review-reminder',
        createdBy: 'ana',
      });
      const setZone = (repo: SubscriptionsRepository, chatId: string, timezone: string) =>
        repo.updateProfileAndChat(
          { platform: 'telegram', userId: 'ana' },
          'telegram',
          chatId,
          (current, items) => ({
            profile: { ...(current ?? emptyProfile('Ana')), timezone },
            items: items.map((item) => ({ ...item, timezone })),
            result: undefined,
          }),
        );
      for (let race = 0; race < RACES; race++) {
        const chatId = `dm${race}`;
        await one.updateChat('telegram', chatId, () => ({ items: [reminder(chatId)], result: undefined }));
        // Each setter starts after its own short jitter, so the three arrive in a different order each race.
        const jitter = (n: number) => new Promise((resolve) => setTimeout(resolve, (race * 7 + n * 3) % 4));
        await Promise.all([
          jitter(0).then(() => setZone(one, chatId, 'Europe/Berlin')),
          jitter(1).then(() => setZone(two, chatId, 'Asia/Tokyo')),
          jitter(2).then(() => setZone(one, chatId, 'America/Lima')),
        ]);
        const zone = (await profiles.get('telegram', 'ana'))?.timezone;
        const moved = await two.forChat('telegram', chatId);
        expect(zone, `race ${race}`).toBeDefined();
        expect(
          moved.map((item) => item.timezone),
          `race ${race}`,
        ).toEqual([zone]);
      }
      // A profile change may not add or remove a chat's subscriptions (the chat index stays as it is).
      await expect(
        one.updateProfileAndChat({ platform: 'telegram', userId: 'ana' }, 'telegram', 'dm0', (current) => ({
          profile: current ?? emptyProfile('Ana'),
          items: [],
          result: undefined,
        })),
      ).rejects.toThrow(/not add or remove/);
    },
  );
});

describe('a two-record change that fails half way writes neither record (SQLite refusing the index)', () => {
  let dir: { path: string; remove(): Promise<void> };
  let store: OpenedStore;
  let refuse: SqliteConnection;
  const namespace = uniqueNamespace();
  beforeAll(async () => {
    dir = await tempDir();
    const url = `sqlite://${join(dir.path, 'refusing.sqlite')}`;
    store = await openStore(url, silentLogger(), namespace);
    // A second connection installs triggers that refuse any write of an index record, as a full or
    // failing disk would refuse the second write.
    refuse = await SqliteConnection.open(join(dir.path, 'refusing.sqlite'), new WriteMeter());
    for (const when of ['INSERT', 'UPDATE']) {
      await refuse.exec(`CREATE TRIGGER refuse_index_${when} BEFORE ${when} ON keyv
        WHEN NEW.key IN ('${namespace}:rounds:open', '${namespace}:subs:index')
          OR NEW.key LIKE '${namespace}:outbox:pending:%'
        BEGIN SELECT RAISE(ABORT, 'the disk refused the index'); END`);
    }
  });
  afterAll(async () => {
    await refuse.close();
    await store.close();
    await dir.remove();
  });

  test('a round whose index entry cannot be written is not written either', async () => {
    const rounds = new RoundsRepository(store.records);
    await expect(rounds.create(round('orphan'))).rejects.toThrow();
    expect(await rounds.get('orphan')).toBeUndefined();
  });

  test('an outbox item whose index entry cannot be written is not written either', async () => {
    const outbox = new OutboxRepository(store.records);
    const item = post('orphan');
    await expect(outbox.enqueue(item)).rejects.toThrow();
    expect(await outbox.get(item.id)).toBeUndefined();
  });

  test('a first subscription whose chat cannot be indexed is not kept either', async () => {
    const subscriptions = new SubscriptionsRepository(store.records);
    await expect(
      subscriptions.updateChat('telegram', 'lonely', () => ({
        items: [subscription('lonely', 'orphan')],
        result: undefined,
      })),
    ).rejects.toThrow();
    expect(await subscriptions.forChat('telegram', 'lonely')).toEqual([]);
  });
});
