// Subscriptions per chat, an index of chats that have any, and one claim record per scheduled run.
import {
  chatSubscriptionsSchema,
  type Fire,
  fireSchema,
  type Platform,
  type Subscription,
  subscriptionIndexSchema,
} from '../core/records.ts';
import type { RecordStore } from './record-store.ts';

const chatKey = (platform: Platform, chatId: string) => `subs:${platform}:${chatId}`;
const INDEX = 'subs:index';
const fireKey = (subscriptionId: string, period: string) => `fire:${subscriptionId}:${period}`;
/** Run records outlive any catch-up window by far. */
const FIRE_TTL_MS = 30 * 86_400_000;
/** Composing and queueing a post takes well under this. */
const STALE_CLAIM_MS = 60_000;

export class SubscriptionsRepository {
  constructor(private readonly records: RecordStore) {}

  async forChat(platform: Platform, chatId: string): Promise<Subscription[]> {
    return (await this.records.read(chatKey(platform, chatId), chatSubscriptionsSchema))?.items ?? [];
  }

  async all(): Promise<Subscription[]> {
    const index = await this.records.read(INDEX, subscriptionIndexSchema);
    const chats = await Promise.all(
      (index?.chats ?? []).map((entry) => {
        const [platform, ...rest] = entry.split(':');
        return this.forChat(platform as Platform, rest.join(':'));
      }),
    );
    return chats.flat();
  }

  /** Applies `change` to a chat's list; keeps the index of chats in step. */
  async updateChat<R>(
    platform: Platform,
    chatId: string,
    change: (items: Subscription[]) => { items: Subscription[]; result: R },
  ): Promise<R> {
    const { result, hasAny } = await this.records.update(
      chatKey(platform, chatId),
      chatSubscriptionsSchema,
      (current) => {
        const outcome = change(structuredClone(current?.items ?? []));
        return {
          next: outcome.items.length > 0 ? { v: 1 as const, items: outcome.items } : null,
          result: { result: outcome.result, hasAny: outcome.items.length > 0 },
        };
      },
    );
    const entry = `${platform}:${chatId}`;
    await this.records.update(INDEX, subscriptionIndexSchema, (current) => {
      const chats = current?.chats ?? [];
      const listed = chats.includes(entry);
      if (listed === hasAny) return { result: undefined };
      return {
        next: { v: 1 as const, chats: hasAny ? [...chats, entry] : chats.filter((chat) => chat !== entry) },
        result: undefined,
      };
    });
    return result;
  }

  /** Claims a run for exactly one caller (instance, timer or catch-up); false if already claimed. */
  claimFire(subscriptionId: string, period: string, scheduledFor: number, now: number): Promise<boolean> {
    return this.records.update(
      fireKey(subscriptionId, period),
      fireSchema,
      (current) => {
        // A claim whose holder died before queueing (status still 'claimed') may be taken over.
        if (current && !(current.status === 'claimed' && now - current.at > STALE_CLAIM_MS))
          return { result: false };
        const fire: Fire = {
          v: 1,
          subscriptionId,
          period,
          scheduledFor,
          status: 'claimed',
          reason: null,
          at: now,
        };
        return { next: fire, result: true };
      },
      FIRE_TTL_MS,
    );
  }

  getFire(subscriptionId: string, period: string): Promise<Fire | undefined> {
    return this.records.read(fireKey(subscriptionId, period), fireSchema);
  }

  async settleFire(
    subscriptionId: string,
    period: string,
    status: 'queued' | 'skipped',
    reason: string | null,
  ) {
    await this.records.update(
      fireKey(subscriptionId, period),
      fireSchema,
      (current) =>
        current ? { next: { ...current, status, reason }, result: undefined } : { result: undefined },
      FIRE_TTL_MS,
    );
  }
}
