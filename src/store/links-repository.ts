// Linked accounts and one-time link codes (the codes under a digest, never the code itself).

import { z } from 'zod';
import type { Account, LimitState, LinkCode, PersonLink } from '../core/model/link.ts';
import { limitStateSchema, linkCodeSchema, personLinkSchema } from '../core/model/link.ts';
import type { AccountKey, LinksPort, Mutation } from '../core/ports.ts';
import { type Platform, platformSchema } from '../core/records.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { RecordStore } from './record-store.ts';

const linkKey = (platform: Platform, userId: string) => `link:person:${platform}:${userId}`;
const codeKey = (digest: string) => `link:code:${digest}`;
const issuedKey = (issuer: Account) => `link:issued:${issuer.platform}:${issuer.userId}`;
const limitKey = (name: string) => `link:limit:${name}`;
const issuedSchema = z.object({ v: z.literal(1), digest: z.string() });
const CHANGES = 'links';
const changedSchema = z.array(z.object({ platform: platformSchema, userId: z.string() }));

function parseChanged(text: string): AccountKey[] | undefined {
  try {
    const parsed = changedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class LinksRepository implements LinksPort {
  constructor(
    private readonly records: RecordStore,
    private readonly feed: ChangeFeed,
  ) {}

  get(platform: Platform, userId: string): Promise<PersonLink | undefined> {
    return this.records.read(linkKey(platform, userId), personLinkSchema);
  }

  getMany(platform: Platform, userIds: readonly string[]): Promise<(PersonLink | undefined)[]> {
    return this.records.readMany(
      userIds.map((userId) => linkKey(platform, userId)),
      personLinkSchema,
    );
  }

  async set(accounts: readonly AccountKey[], link: PersonLink | null): Promise<void> {
    for (const account of accounts) {
      const key = linkKey(account.platform, account.userId);
      if (link === null) await this.records.delete(key);
      else await this.records.write(key, link);
    }
  }

  async putCode(code: LinkCode, ttlMs: number): Promise<string | undefined> {
    await this.records.write(codeKey(code.digest), code, ttlMs);
    const previous = await this.records.update(
      issuedKey(code.issuer),
      issuedSchema,
      (current) => ({ next: { v: 1 as const, digest: code.digest }, result: current?.digest }),
      ttlMs,
    );
    if (previous !== undefined && previous !== code.digest) await this.records.delete(codeKey(previous));
    return previous;
  }

  takeCode(digest: string): Promise<LinkCode | undefined> {
    // Under the record's lock (a Redis lock when instances share Redis): one taker gets it.
    return this.records.update(codeKey(digest), linkCodeSchema, (current) =>
      current ? { next: null, result: current } : { result: undefined },
    );
  }

  updateLimit<R>(
    name: string,
    mutate: (state: LimitState | undefined) => Mutation<LimitState, R>,
    ttlMs: number,
  ): Promise<R> {
    return this.records.update(limitKey(name), limitStateSchema, mutate, ttlMs);
  }

  async announce(accounts: readonly AccountKey[]): Promise<void> {
    await this.feed.publish(
      CHANGES,
      JSON.stringify(accounts.map(({ platform, userId }) => ({ platform, userId }))),
    );
  }

  onChange(listener: (accounts: AccountKey[]) => void): void {
    this.feed.subscribe(CHANGES, (text) => {
      const accounts = parseChanged(text);
      if (accounts) listener(accounts);
    });
  }
}
