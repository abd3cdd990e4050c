// Each user's review cards, in one record per user (a few dozen cards: read and written whole).

import type { Mutation, ReviewCardsPort } from '../core/ports.ts';
import type { Platform } from '../core/records/platform.ts';
import { type UserCards, userCardsSchema } from '../core/records/review-card.ts';
import type { Records } from './store-contract.ts';

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
}
