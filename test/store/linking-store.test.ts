// The store's part in linking, on every backend: taking a code once however many ask at the same moment,
// replacing an account's code, and the link change itself (both accounts' records, or neither), raced in
// one batch and from two instances at once. (Moving one account's history is the contract suite's.)
import { join } from 'node:path';
import { beforeAll, describe, expect, test as vitestTest } from 'vitest';
import type { AccountKey } from '../../src/core/ports.ts';
import type { LinkCode, PersonLink } from '../../src/core/records/link.ts';
import { silentLogger } from '../../src/logger.ts';
import { LinksRepository } from '../../src/store/links-repository.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { SqliteConnection } from '../../src/store/sqlite-connection.ts';
import { WriteMeter } from '../../src/store/write-meter.ts';
import { RACES, STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';
import { NOW, tempDir, uniqueNamespace } from '../support/test-core.ts';

const codeFor = (issuer: LinkCode['issuer'], digest: string): LinkCode => ({
  v: 1,
  digest,
  issuer,
  expiresAt: NOW + 600_000,
});

describe.each(STORE_BACKENDS)('linking in the $name store', (backend) => {
  const { pair, maybe } = useStorePair(backend);
  let store: OpenedStore;
  /** A second instance on the same state where the backend has one (Redis), else the same store. */
  let other: OpenedStore;
  beforeAll(() => {
    if (backend.skip) return;
    store = pair.on(0);
    other = pair.on(1);
  });

  maybe('of twenty takers of one code, on one instance and two, exactly one gets it', async () => {
    const [one, two] = [store, other].map(
      (opened) => new LinksRepository(opened.records, opened.changes),
    ) as [LinksRepository, LinksRepository];
    const code = {
      v: 1 as const,
      digest: 'ab'.repeat(32),
      issuer: { platform: 'telegram' as const, userId: 't9', name: 'T' },
      expiresAt: NOW + 600_000,
    };
    await one.putCode(code, 600_000);
    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? one : two).takeCode(code.digest)),
    );
    expect(taken.filter((entry) => entry !== undefined)).toEqual([code]);
  });

  maybe(
    `two /link of one account at once, in one batch and from two instances, leave one live code, the one its record names (${RACES} times)`,
    async () => {
      const [one, two] = [store, other].map(
        (opened) => new LinksRepository(opened.records, opened.changes),
      ) as [LinksRepository, LinksRepository];
      for (let race = 0; race < RACES; race++) {
        const issuer = { platform: 'discord' as const, userId: `issuer${race}`, name: 'I' };
        const digests = [0, 1, 2].map((index) => `${race}:${index}`.padEnd(64, 'f'));
        const [first, second, third] = digests.map((digest) => codeFor(issuer, digest)) as [
          LinkCode,
          LinkCode,
          LinkCode,
        ];
        await Promise.all([one.putCode(first, 600_000), two.putCode(second, 600_000)]);
        const live = (await Promise.all([first, second].map((code) => two.getCode(code.digest)))).filter(
          (code) => code !== undefined,
        );
        expect(live, `race ${race}`).toHaveLength(1);
        // The account's record names the live one: a third code replaces exactly that one.
        expect(await one.putCode(third, 600_000), `race ${race}`).toBe(live[0]?.digest);
        expect(await two.getCode(first.digest)).toBeUndefined();
        expect(await two.getCode(second.digest)).toBeUndefined();
      }
    },
  );

  maybe(
    `two links sharing an account, changed at once from two instances: one of them is written whole, the other not at all (${RACES} times)`,
    async () => {
      const [one, two] = [store, other].map(
        (opened) => new LinksRepository(opened.records, opened.changes),
      ) as [LinksRepository, LinksRepository];
      const account = (platform: 'discord' | 'telegram', userId: string) => ({
        platform,
        userId,
        name: userId,
      });
      /** Links the accounts if none of them is linked yet; true when this change did. */
      const link = (links: LinksRepository, accounts: ReturnType<typeof account>[]) =>
        links.change({ links: accounts }, (records) => {
          if (records.links.some((found) => found !== undefined)) return { result: false };
          const record: PersonLink = { v: 1, accounts, linkedAt: NOW };
          return { links: accounts.map(() => record), result: true };
        });
      const key = (found: AccountKey) => `${found.platform}:${found.userId}`;
      for (let race = 0; race < RACES; race++) {
        const shared = account('telegram', `t${race}`);
        const [a, b] = [account('discord', `a${race}`), account('discord', `b${race}`)];
        const done = await Promise.all([link(one, [a, shared]), link(two, [b, shared])]);
        expect(done.filter(Boolean), `race ${race}`).toHaveLength(1);
        const [ofA, ofB, ofShared] = await Promise.all(
          [a, b, shared].map((who) => two.get(who.platform, who.userId)),
        );
        const winner = done[0] ? ofA : ofB;
        expect(ofShared?.accounts.map(key), `race ${race}`).toEqual(winner?.accounts.map(key));
        expect(done[0] ? ofB : ofA, `race ${race}`).toBeUndefined();
      }
    },
  );
});

describe('a new code whose record cannot be written is not live either (SQLite refusing the write)', () => {
  vitestTest('the code and the account’s record of it are written together, or neither', async () => {
    const dir = await tempDir();
    const file = join(dir.path, 'refusing.sqlite');
    const namespace = uniqueNamespace();
    const store = await openStore(`sqlite://${file}`, silentLogger(), namespace);
    const refuse = await SqliteConnection.open(file, new WriteMeter());
    try {
      for (const when of ['INSERT', 'UPDATE']) {
        await refuse.exec(`CREATE TRIGGER refuse_issued_${when} BEFORE ${when} ON keyv
          WHEN NEW.key LIKE '${namespace}:link:issued:%'
          BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END`);
      }
      const links = new LinksRepository(store.records, store.changes);
      const code = codeFor({ platform: 'telegram', userId: 't1', name: 'T' }, 'ef'.repeat(32));
      await expect(links.putCode(code, 600_000)).rejects.toThrow();
      // Had it stayed, the account's next /link would not replace it: two live codes for one account.
      expect(await links.getCode(code.digest)).toBeUndefined();
    } finally {
      await refuse.close();
      await store.close();
      await dir.remove();
    }
  });
});
