// Linked accounts and one-time link codes (the codes under a digest, never the code itself).

import { z } from 'zod';
import type { AccountKey, LinkChange, LinkRecords, LinkScope, LinksPort, Mutation } from '../core/ports.ts';
import type { Account, LimitState, LinkCode, PersonLink } from '../core/records/link.ts';
import { limitStateSchema, linkCodeSchema, personLinkSchema } from '../core/records/link.ts';
import { type Platform, platformSchema } from '../core/records/platform.ts';
import { profileSchema } from '../core/records/profile.ts';
import { userCardsSchema } from '../core/records/review-card.ts';
import { noticeItem } from './outbox-notices.ts';
import { outboxRefs, queueing } from './outbox-repository.ts';
import { profileKey } from './profiles-repository.ts';
import { cardsKey } from './review-cards-repository.ts';
import type { ChangeFeed } from './store-contract.ts';
import { type Records, recordRef } from './store-contract.ts';

const linkKey = (platform: Platform, userId: string) => `link:person:${platform}:${userId}`;
const codeKey = (digest: string) => `link:code:${digest}`;
const issuedKey = (issuer: Account) => `link:issued:${issuer.platform}:${issuer.userId}`;
const limitKey = (name: string) => `link:limit:${name}`;
const issuedSchema = z.object({ v: z.literal(1), digest: z.string() });
const CHANGES = 'links';
const changedSchema = z.array(z.object({ platform: platformSchema, userId: z.string() }));
/** Tries of a change whose records moved between looking and locking (another /link of the same issuer). */
const MAX_TRIES = 10;

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
    private readonly records: Records,
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

  change<R>(scope: LinkScope, decide: (records: LinkRecords) => LinkChange<R>): Promise<R> {
    const histories = scope.histories ?? [];
    const refs = {
      code: scope.code === undefined ? [] : [recordRef(codeKey(scope.code), linkCodeSchema)],
      links: scope.links.map((account) =>
        recordRef(linkKey(account.platform, account.userId), personLinkSchema),
      ),
      profiles: histories.map((account) =>
        recordRef(profileKey(account.platform, account.userId), profileSchema),
      ),
      cards: histories.map((account) =>
        recordRef(cardsKey(account.platform, account.userId), userCardsSchema),
      ),
      noticeItem: scope.notice === undefined ? [] : [outboxRefs(scope.notice).item],
      noticeIndex: scope.notice === undefined ? [] : [outboxRefs(scope.notice).index],
    };
    return this.records.change(refs, (records) => {
      const outcome = decide({
        code: records.code[0],
        links: records.links,
        profiles: records.profiles,
        cards: records.cards,
      });
      if (outcome.notice && outcome.notice.id !== scope.notice) {
        throw new Error(`a link change queued notice ${outcome.notice.id}, not the ${scope.notice} it named`);
      }
      const notice = outcome.notice
        ? queueing(noticeItem(outcome.notice), records.noticeItem[0], records.noticeIndex[0])
        : undefined;
      return {
        next: {
          ...(outcome.code === null ? { code: [null] } : {}),
          ...(outcome.links ? { links: outcome.links } : {}),
          ...(outcome.profiles ? { profiles: outcome.profiles } : {}),
          ...(outcome.cards ? { cards: outcome.cards } : {}),
          ...(notice?.item ? { noticeItem: [notice.item] } : {}),
          ...(notice?.index ? { noticeIndex: [notice.index] } : {}),
        },
        result: outcome.result,
      };
    });
  }

  getCode(digest: string): Promise<LinkCode | undefined> {
    return this.records.read(codeKey(digest), linkCodeSchema);
  }

  /** The new code, the issuer's pointer to it and the previous code's removal, in one change. */
  async putCode(code: LinkCode, ttlMs: number): Promise<string | undefined> {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const previous = (await this.records.read(issuedKey(code.issuer), issuedSchema))?.digest;
      const replaced = previous !== undefined && previous !== code.digest ? [previous] : [];
      const done = await this.records.change(
        {
          issued: recordRef(issuedKey(code.issuer), issuedSchema, ttlMs),
          code: recordRef(codeKey(code.digest), linkCodeSchema, ttlMs),
          replaced: replaced.map((digest) => recordRef(codeKey(digest), linkCodeSchema)),
        },
        (records) => {
          // Another /link of the same account got in between: look again.
          if (records.issued?.digest !== previous) return { result: false };
          return {
            next: {
              issued: { v: 1 as const, digest: code.digest },
              code,
              replaced: replaced.map(() => null),
            },
            result: true,
          };
        },
      );
      if (done) return previous;
    }
    throw new Error(`the link code of ${code.issuer.platform}:${code.issuer.userId} kept changing`);
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
