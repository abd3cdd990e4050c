// Subscriptions of a chat to regular posts: create, change, remove, list; listeners hear every change.

import { randomBytes } from 'node:crypto';
import { publishedMs } from '../content/published-at.ts';
import { t } from '../i18n/current-locale.ts';
import type { Actor } from './actor.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import { echoTyped } from './clip-text.ts';
import type { Clock } from './clock.ts';
import { notice, type Response, reply } from './output.ts';
import type { AccountKey, RunOutcome, ScheduledRunsPort, SubscriptionsPort } from './ports.ts';
import { kindLabel } from './post-kinds/define-post-kind.ts';
import type { PostKinds } from './post-kinds/post-kind-list.ts';
import {
  noSubscriptionText,
  subscribedMessage,
  subscriptionsMessage,
  unsubscribedMessage,
  type ZoneSource,
} from './present-subscriptions.ts';
import type { Platform } from './records/platform.ts';
import type { Profile } from './records/profile.ts';
import type { Reason } from './records/reason.ts';
import type { Subscription, SubscriptionKind } from './records/subscription.ts';
import { nextRun, periodOf, previousRun } from './schedule-time.ts';
import { USER_ERRORS, UserError } from './user-error.ts';

/** One person's subscription of a personal kind (the review reminder), in their private chat. */
const isPersonal = (kind: SubscriptionKind, userId: string) => (item: Subscription) =>
  item.kind === kind && item.createdBy === userId;

const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export interface SubscribeSpec {
  kind: SubscriptionKind;
  time: string;
  weekday?: Subscription['weekday'] | undefined;
  /** The zone the time is in; none given: the chat's, else the admin's own, else the bot's default. */
  timezone?: string | undefined;
  /** What was typed for the zone, when it was an abbreviation (`CET`): the reply says what it was taken as. */
  abbreviation?: string | undefined;
  topics: string[];
}

/** The zones a subscription may fall back to. */
export interface SubscriptionZones {
  /** The zone a user set with /timezone, if any. */
  own(platform: Platform, userId: string): Promise<string | undefined>;
  /** The bot's default (DEFAULT_TIMEZONE). */
  fallback: string;
}

export type SubscriptionChange =
  | { type: 'upsert'; subscription: Subscription }
  | { type: 'remove'; id: string };

export class SubscriptionService {
  readonly #listeners = new Set<(change: SubscriptionChange) => void>();

  constructor(
    private readonly repo: SubscriptionsPort,
    private readonly catalog: () => ArticleCatalog,
    private readonly clock: Clock,
    private readonly deps: { zones: SubscriptionZones; runs: ScheduledRunsPort; kinds: PostKinds },
  ) {}

  onChange(listener: (change: SubscriptionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: SubscriptionChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  all(): Promise<Subscription[]> {
    return this.repo.all();
  }

  /** A chat's subscriptions; a person's own (a reminder) are theirs to see (/remind), not the chat's. */
  #chatKinds(items: readonly Subscription[]): Subscription[] {
    return items.filter((item) => this.deps.kinds.get(item.kind)?.audience !== 'person');
  }

  async subscribe(actor: Actor, spec: SubscribeSpec): Promise<Response> {
    const kind = this.deps.kinds.get(spec.kind);
    if (kind?.audience !== 'chat') {
      const offered = this.deps.kinds.forChats().map((entry) => entry.name);
      throw new UserError(
        USER_ERRORS.badOption,
        t('subscribe-unknown-kind', { typed: echoTyped(spec.kind), kinds: offered.join(', ') }),
      );
    }
    if (kind.every === 'week' && !spec.weekday) {
      throw new UserError(
        USER_ERRORS.badOption,
        t('subscribe-needs-weekday', {
          kind: capitalize(kindLabel(kind.name, kind.labels, kind.labels.offer ? 'offer' : 'title')),
        }),
      );
    }
    const known = new Set(
      this.catalog()
        .topics()
        .map((entry) => entry.topic),
    );
    const unknown = spec.topics.filter((topic) => !known.has(topic));
    if (unknown.length > 0) {
      throw new UserError(
        USER_ERRORS.unknownTopic,
        t('subscribe-unknown-topics', {
          count: unknown.length,
          typed: unknown.map((topic) => echoTyped(topic)).join(', '),
          topics: [...known].sort().join(', '),
        }),
      );
    }
    const { zone, source } = await this.#zoneFor(actor, spec);
    const now = this.clock.now();
    const newest = this.catalog().all()[0];
    const subscription = await this.repo.updateChat(actor.platform, actor.chatId, (items) => {
      const existing = items.find((item) => item.kind === spec.kind);
      const updated: Subscription = {
        id: existing?.id ?? randomBytes(6).toString('hex'),
        platform: actor.platform,
        chatId: actor.chatId,
        kind: spec.kind,
        time: spec.time,
        weekday: kind.every === 'week' ? (spec.weekday ?? null) : null,
        timezone: zone,
        topics: spec.topics,
        createdAt: existing?.createdAt ?? now,
        createdBy: actor.userId,
        active: true,
        disabledReason: null,
        // A new subscription starts from now: no backlog of older briefs.
        cursor: existing?.cursor ?? (newest ? Math.max(publishedMs(newest), 0) : 0),
      };
      return { items: [...items.filter((item) => item.kind !== spec.kind), updated], result: updated };
    });
    this.#emit({ type: 'upsert', subscription });
    return reply(
      subscribedMessage(
        subscription,
        kindLabel(kind.name, kind.labels, 'title'),
        nextRun(toWall(subscription), now),
        {
          source,
          ...(spec.abbreviation === undefined ? {} : { abbreviation: spec.abbreviation }),
        },
      ),
    );
  }

  /**
   * The zone of a new subscription: the one given; else the chat's (that of its subscription of the
   * same kind, else of its others); else the admin's own /timezone; else the bot's default.
   */
  async #zoneFor(actor: Actor, spec: SubscribeSpec): Promise<{ zone: string; source: ZoneSource }> {
    if (spec.timezone !== undefined) return { zone: spec.timezone, source: 'given' };
    const chat = this.#chatKinds(await this.repo.forChat(actor.platform, actor.chatId));
    const same = chat.find((item) => item.kind === spec.kind) ?? chat[0];
    if (same) return { zone: same.timezone, source: 'chat' };
    const own = await this.deps.zones.own(actor.platform, actor.userId);
    if (own !== undefined) return { zone: own, source: 'own' };
    return { zone: this.deps.zones.fallback, source: 'default' };
  }

  async unsubscribe(actor: Actor, kind: SubscriptionKind): Promise<Response> {
    const removed = await this.repo.updateChat(actor.platform, actor.chatId, (items) => ({
      items: items.filter((item) => item.kind !== kind),
      result: items.find((item) => item.kind === kind),
    }));
    const title = this.deps.kinds.titleOf(kind);
    if (!removed) return notice(noSubscriptionText(title), 'info');
    this.#emit({ type: 'remove', id: removed.id });
    return reply(unsubscribedMessage(title));
  }

  async list(actor: Actor): Promise<Response> {
    const items = this.#chatKinds(await this.repo.forChat(actor.platform, actor.chatId));
    const now = this.clock.now();
    const listed = await Promise.all(
      items.map(async (item) => ({
        subscription: item,
        title: this.deps.kinds.titleOf(item.kind),
        nextAt: nextRun(toWall(item), now),
        last: await this.lastRun(item),
      })),
    );
    return reply(subscriptionsMessage(listed));
  }

  /** How the subscription's latest run so far ended, if it ran (a skip says why). */
  async lastRun(subscription: Subscription): Promise<RunOutcome | undefined> {
    const wall = toWall(subscription);
    const at = previousRun(wall, this.clock.now());
    return this.deps.runs.outcome(subscription.id, periodOf(wall, at));
  }

  /** A user's subscription of a personal kind, kept with the subscriptions of the private chat it goes to. */
  async personalOf(
    kind: SubscriptionKind,
    platform: Platform,
    chatId: string,
    userId: string,
  ): Promise<Subscription | undefined> {
    return (await this.repo.forChat(platform, chatId)).find(isPersonal(kind, userId));
  }

  /**
   * Writes the person's profile (with their first account, `owner`) with `profile` and, in the same
   * change, moves the actor's active subscription of a personal kind in `chatId` (their private chat)
   * to `timezone`, at the same wall-clock time.
   */
  async moveWithProfile(
    kind: SubscriptionKind,
    actor: Actor,
    chatId: string,
    timezone: string,
    profile: (current: Profile | undefined) => Profile,
    owner: AccountKey,
  ): Promise<void> {
    const now = this.clock.now();
    const moved = await this.repo.updateProfileAndChat(owner, actor.platform, chatId, (current, items) => {
      const mine = items.find(isPersonal(kind, actor.userId));
      if (!mine?.active || mine.timezone === timezone) {
        return { profile: profile(current), items, result: undefined };
      }
      const next: Subscription = { ...mine, timezone, cursor: now };
      return {
        profile: profile(current),
        items: items.map((item) => (item === mine ? next : item)),
        result: next,
      };
    });
    if (moved) this.#emit({ type: 'upsert', subscription: moved });
  }

  /**
   * Sets (or moves, or turns back on) a user's daily subscription of a personal kind, at `time` in the
   * zone of the person's profile (with their first account, `owner`; else the bot's default) as it is
   * when the subscription is written, in the same change (a /timezone at the same moment is never lost).
   */
  async setPersonal(
    kind: SubscriptionKind,
    actor: Actor,
    chatId: string,
    wall: { time: string; owner: AccountKey },
  ): Promise<Subscription> {
    const now = this.clock.now();
    const freshId = randomBytes(6).toString('hex');
    const reminder = await this.repo.updateChatWithProfile(
      wall.owner,
      actor.platform,
      chatId,
      (profile, items) => {
        const existing = items.find(isPersonal(kind, actor.userId));
        const updated: Subscription = {
          id: existing?.id ?? freshId,
          platform: actor.platform,
          chatId,
          kind,
          time: wall.time,
          weekday: null,
          timezone: profile?.timezone ?? this.deps.zones.fallback,
          topics: [],
          createdAt: existing?.createdAt ?? now,
          createdBy: actor.userId,
          active: true,
          disabledReason: null,
          cursor: now,
        };
        return { items: [...items.filter((item) => item !== existing), updated], result: updated };
      },
    );
    this.#emit({ type: 'upsert', subscription: reminder });
    return reminder;
  }

  async removePersonal(
    kind: SubscriptionKind,
    platform: Platform,
    chatId: string,
    userId: string,
  ): Promise<Subscription | undefined> {
    const mine = isPersonal(kind, userId);
    const removed = await this.repo.updateChat(platform, chatId, (items) => ({
      items: items.filter((item) => !mine(item)),
      result: items.find(mine),
    }));
    if (removed) this.#emit({ type: 'remove', id: removed.id });
    return removed;
  }

  /** Permanent delivery failures (bot removed, no permission) pause a subscription with the reason. */
  async disable(platform: Platform, chatId: string, id: string, reason: Reason): Promise<void> {
    const changed = await this.repo.updateChat(platform, chatId, (items) => {
      const item = items.find((entry) => entry.id === id);
      if (!item?.active) return { items, result: undefined };
      item.active = false;
      item.disabledReason = reason;
      return { items, result: item };
    });
    if (changed) this.#emit({ type: 'upsert', subscription: changed });
  }

  async advanceCursor(platform: Platform, chatId: string, id: string, cursor: number): Promise<void> {
    await this.repo.updateChat(platform, chatId, (items) => {
      const item = items.find((entry) => entry.id === id);
      if (item && item.cursor < cursor) item.cursor = cursor;
      return { items, result: undefined };
    });
  }
}

export function toWall(subscription: Subscription) {
  return {
    time: subscription.time,
    weekday: subscription.weekday ?? undefined,
    timezone: subscription.timezone,
  };
}
