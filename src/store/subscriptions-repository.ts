// Subscriptions per chat, an index of chats that have any, and one claim record (a lease) per scheduled run.

import type { AccountKey } from '../core/ports.ts';
import { type Fire, fireSchema } from '../core/records/fire.ts';
import type { Platform } from '../core/records/platform.ts';
import { type Profile, profileSchema } from '../core/records/profile.ts';
import type { Reason } from '../core/records/reason.ts';
import {
  chatSubscriptionsSchema,
  type Subscription,
  subscriptionIndexSchema,
} from '../core/records/subscription.ts';
import {
  CLAIM_LEASE_MS,
  type Claim,
  type ScheduledRun,
  type ScheduledSubscriptionsPort,
} from '../core/schedule-ports.ts';
import { profileKey } from './profiles-repository.ts';
import { type Mutation, type Records, recordRef } from './store-contract.ts';

const chatKey = (platform: Platform, chatId: string) => `subs:${platform}:${chatId}`;
const INDEX = 'subs:index';
const fireKey = (subscriptionId: string, period: string) => `fire:${subscriptionId}:${period}`;
/** Run records outlive any catch-up window by far. */
const FIRE_TTL_MS = 30 * 86_400_000;

export class SubscriptionsRepository implements ScheduledSubscriptionsPort {
  constructor(private readonly records: Records) {}

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

  /**
   * Applies `change` to a chat's list; keeps the index of chats in step. A change that keeps the chat
   * with or without subscriptions (a cursor moved, a time changed) touches the list alone; one that
   * gives the chat its first or takes its last is one change of the list and the index together
   * (`change` then runs again, on the list as it is under both locks).
   */
  async updateChat<R>(
    platform: Platform,
    chatId: string,
    change: (items: Subscription[]) => { items: Subscription[]; result: R },
  ): Promise<R> {
    const key = chatKey(platform, chatId);
    const alone = await this.records.update(
      key,
      chatSubscriptionsSchema,
      (current): Mutation<{ v: 1; items: Subscription[] }, { result: R } | undefined> => {
        const before = current?.items ?? [];
        const outcome = change(structuredClone(before));
        if (before.length > 0 !== outcome.items.length > 0) return { result: undefined };
        if (outcome.items.length === 0) return { result: { result: outcome.result } };
        return { next: { v: 1, items: outcome.items }, result: { result: outcome.result } };
      },
    );
    if (alone) return alone.result;
    return this.records.change(
      { list: recordRef(key, chatSubscriptionsSchema), index: recordRef(INDEX, subscriptionIndexSchema) },
      (records) => {
        const outcome = change(structuredClone(records.list?.items ?? []));
        return {
          next: listAndIndex(records, `${platform}:${chatId}`, outcome.items),
          result: outcome.result,
        };
      },
    );
  }

  /**
   * updateChat, with the person's profile (with their first account, `owner`) read in the same change
   * and not written: a subscription that follows the profile (a reminder in the person's zone) is set
   * from the zone a concurrent updateProfileAndChat left, never from an older one.
   */
  updateChatWithProfile<R>(
    owner: AccountKey,
    platform: Platform,
    chatId: string,
    change: (profile: Profile | undefined, items: Subscription[]) => { items: Subscription[]; result: R },
  ): Promise<R> {
    return this.records.change(
      {
        list: recordRef(chatKey(platform, chatId), chatSubscriptionsSchema),
        index: recordRef(INDEX, subscriptionIndexSchema),
        profile: recordRef(profileKey(owner.platform, owner.userId), profileSchema),
      },
      (records) => {
        const outcome = change(structuredClone(records.profile), structuredClone(records.list?.items ?? []));
        return {
          next: listAndIndex(records, `${platform}:${chatId}`, outcome.items),
          result: outcome.result,
        };
      },
    );
  }

  /**
   * Changes a person's profile (with their first account, `owner`) and the subscriptions of one of their
   * private chats in one change (a new time zone and the reminder that follows it), so two instances
   * setting two zones at once leave both records on the same one. The chat keeps as many subscriptions
   * as it had (the chat index is not touched).
   */
  updateProfileAndChat<R>(
    owner: AccountKey,
    platform: Platform,
    chatId: string,
    change: (
      profile: Profile | undefined,
      items: Subscription[],
    ) => { profile: Profile; items: Subscription[]; result: R },
  ): Promise<R> {
    const key = chatKey(platform, chatId);
    return this.records.change(
      {
        profile: recordRef(profileKey(owner.platform, owner.userId), profileSchema),
        list: recordRef(key, chatSubscriptionsSchema),
      },
      (records) => {
        const before = records.list?.items ?? [];
        const outcome = change(structuredClone(records.profile), structuredClone(before));
        if (outcome.items.length !== before.length) {
          throw new Error(`a profile change may move ${key}'s subscriptions, not add or remove them`);
        }
        return {
          next: {
            profile: outcome.profile,
            ...(before.length > 0 ? { list: { v: 1 as const, items: outcome.items } } : {}),
          },
          result: outcome.result,
        };
      },
    );
  }

  claimFire(run: ScheduledRun, owner: string, now: number, leaseMs = CLAIM_LEASE_MS): Promise<Claim> {
    return this.records.update(
      fireKey(run.subscriptionId, run.period),
      fireSchema,
      (current): Mutation<Fire, Claim> => {
        if (current && !claimable(current, now)) return { result: { claimed: false } };
        const fire: Fire = {
          v: 1,
          subscriptionId: run.subscriptionId,
          period: run.period,
          scheduledFor: run.scheduledFor,
          status: 'claimed',
          reason: null,
          at: now,
          owner,
          leaseUntil: now + leaseMs,
          claims: (current?.claims ?? 0) + 1,
        };
        const takenOver = current ? { owner: current.owner, claimedAt: current.at } : undefined;
        return {
          next: fire,
          result: { claimed: true, claims: fire.claims, ...(takenOver ? { takenOver } : {}) },
        };
      },
      FIRE_TTL_MS,
    );
  }

  renewClaim(
    subscriptionId: string,
    period: string,
    owner: string,
    now: number,
    leaseMs = CLAIM_LEASE_MS,
  ): Promise<boolean> {
    return this.records.update(
      fireKey(subscriptionId, period),
      fireSchema,
      (current) => {
        if (current?.status !== 'claimed' || current.owner !== owner) return { result: false };
        return { next: { ...current, leaseUntil: now + leaseMs }, result: true };
      },
      FIRE_TTL_MS,
    );
  }

  async releaseClaim(subscriptionId: string, period: string, owner: string): Promise<void> {
    await this.records.update(
      fireKey(subscriptionId, period),
      fireSchema,
      (current) => {
        if (current?.status !== 'claimed' || current.owner !== owner) return { result: undefined };
        return { next: { ...current, leaseUntil: 0 }, result: undefined };
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
    status: 'queued' | 'skipped' | 'failed',
    reason: Reason | null,
  ): Promise<void> {
    await this.records.update(
      fireKey(subscriptionId, period),
      fireSchema,
      (current) =>
        current
          ? { next: { ...current, status, reason, owner: null, leaseUntil: 0 }, result: undefined }
          : { result: undefined },
      FIRE_TTL_MS,
    );
  }
}

/**
 * What a change of a chat's list writes: the list (deleted when it has none left) and, when the chat
 * gains its first or loses its last, the index of chats.
 */
function listAndIndex(
  records: {
    list: { v: 1; items: Subscription[] } | undefined;
    index: { v: 1; chats: string[] } | undefined;
  },
  entry: string,
  items: Subscription[],
) {
  const hasAny = items.length > 0;
  const chats = records.index?.chats ?? [];
  const listed = chats.includes(entry);
  return {
    ...(hasAny ? { list: { v: 1 as const, items } } : records.list ? { list: null } : {}),
    ...(listed === hasAny
      ? {}
      : {
          index: {
            v: 1 as const,
            chats: hasAny ? [...chats, entry] : chats.filter((chat) => chat !== entry),
          },
        }),
  };
}

/** A run's claim record, for a change that settles it together with another record. */
export const fireRef = (subscriptionId: string, period: string) =>
  recordRef(fireKey(subscriptionId, period), fireSchema, FIRE_TTL_MS);

/** The claim settled by its holder; undefined when it is not `owner`'s to settle (taken over, settled). */
export function settledBy(
  fire: Fire | undefined,
  owner: string,
  status: 'queued' | 'skipped' | 'failed',
  reason: Reason | null,
): Fire | undefined {
  if (fire?.status !== 'claimed' || fire.owner !== owner) return undefined;
  return { ...fire, status, reason, owner: null, leaseUntil: 0 };
}

/** A run may be claimed when nobody has, or when its claim lapsed; a settled run never again. */
const claimable = (fire: Fire, now: number) => fire.status === 'claimed' && fire.leaseUntil <= now;
