// What each user was asked to type, one record per account, gone once answered or expired.

import type { PendingAsksPort } from '../core/ports.ts';
import { type PendingAsk, pendingAskSchema } from '../core/records/pending-ask.ts';
import type { Platform } from '../core/records/platform.ts';
import type { Records } from './store-contract.ts';

export const askKey = (platform: Platform, userId: string) => `ask:${platform}:${userId}`;
const key = askKey;

export class PendingAsksRepository implements PendingAsksPort {
  constructor(private readonly records: Records) {}

  async put(platform: Platform, userId: string, ask: PendingAsk, ttlMs: number): Promise<void> {
    await this.records.update(
      key(platform, userId),
      pendingAskSchema,
      () => ({ next: ask, result: undefined }),
      ttlMs,
    );
  }

  get(platform: Platform, userId: string): Promise<PendingAsk | undefined> {
    return this.records.read(key(platform, userId), pendingAskSchema);
  }

  take(platform: Platform, userId: string, payload?: string): Promise<PendingAsk | undefined> {
    return this.records.update(key(platform, userId), pendingAskSchema, (current) =>
      current && (payload === undefined || current.payload === payload)
        ? { next: null, result: current }
        : { result: undefined },
    );
  }
}
