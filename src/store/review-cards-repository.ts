// Each user's review cards, in one record per user (a few dozen cards: read and written whole).

import type { Mutation, ReviewCardsPort } from '../core/ports.ts';
import type { Platform } from '../core/records/platform.ts';
import { type UserCards, userCardsSchema } from '../core/records/review-card.ts';
import { type Records, recordRef } from './store-contract.ts';

export const cardsKey = (platform: Platform, userId: string) => `cards:${platform}:${userId}`;
const key = cardsKey;

export class ReviewCardsRepository implements ReviewCardsPort {
  constructor(private readonly records: Records) {}

  /** Not kept in the read cache: tens of kilobytes per user, read when they review or are reminded. */
  get(platform: Platform, userId: string): Promise<UserCards | undefined> {
    return this.records.read(key(platform, userId), userCardsSchema, { remember: false });
  }

  getMany(platform: Platform, userIds: readonly string[]): Promise<(UserCards | undefined)[]> {
    return this.records.readMany(
      userIds.map((userId) => key(platform, userId)),
      userCardsSchema,
    );
  }

  update<R>(
    platform: Platform,
    userId: string,
    mutate: (current: UserCards | undefined) => Mutation<UserCards, R>,
  ): Promise<R> {
    return this.records.update(key(platform, userId), userCardsSchema, mutate);
  }

  /** One change over every user's record: their locks, one read, one write of those that changed. */
  async updateMany(
    platform: Platform,
    userIds: readonly string[],
    mutate: (current: UserCards | undefined, userId: string) => UserCards | undefined,
  ): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return;
    await this.records.change(
      { cards: unique.map((userId) => recordRef(key(platform, userId), userCardsSchema)) },
      ({ cards }) => {
        const values = new Map(unique.map((userId, index) => [userId, cards[index]]));
        const changed = new Set<string>();
        // A user named twice is mutated twice, in order, on one record.
        for (const userId of userIds) {
          const after = mutate(values.get(userId), userId);
          if (after === undefined) continue;
          values.set(userId, after);
          changed.add(userId);
        }
        const next = unique.map((userId) => (changed.has(userId) ? values.get(userId) : undefined));
        return { next: { cards: next }, result: undefined };
      },
    );
  }
}
