// Subscriptions of a chat to regular posts: create, change, remove, list; listeners hear every change.
import { randomBytes } from 'node:crypto';
import { publishedMs } from '../content/published-at.ts';
import type { Actor } from './actor.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import type { Clock } from './clock.ts';
import { message, type Response, reply } from './output.ts';
import type { SubscriptionsPort } from './ports.ts';
import type { Platform, Subscription, SubscriptionKind } from './records.ts';
import { nextRun } from './schedule-time.ts';
import { USER_ERRORS, UserError } from './user-error.ts';

export const KIND_LABELS: Record<SubscriptionKind, string> = {
  'daily-brief': 'Daily brief',
  'weekly-recap': 'Weekly recap',
  'quiz-of-the-day': 'Quiz of the day',
};

export interface SubscribeSpec {
  kind: SubscriptionKind;
  time: string;
  weekday?: Subscription['weekday'] | undefined;
  timezone: string;
  topics: string[];
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

  async subscribe(actor: Actor, spec: SubscribeSpec): Promise<Response> {
    if (spec.kind === 'weekly-recap' && !spec.weekday) {
      throw new UserError(
        USER_ERRORS.badOption,
        'A weekly recap needs a weekday: mon, tue, wed, thu, fri, sat or sun.',
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
        `Unknown topic${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. Topics: ${[...known].sort().join(', ')}.`,
      );
    }
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
        weekday: spec.kind === 'weekly-recap' ? (spec.weekday ?? null) : null,
        timezone: spec.timezone,
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
    const next = new Date(nextRun(toWall(subscription), now));
    return reply(
      message([
        {
          kind: 'text',
          text: `${KIND_LABELS[spec.kind]} set for ${describe(subscription)}. Next post: ${formatInstant(next, subscription.timezone)}.`,
        },
      ]),
    );
  }

  async unsubscribe(actor: Actor, kind: SubscriptionKind): Promise<Response> {
    const removed = await this.repo.updateChat(actor.platform, actor.chatId, (items) => ({
      items: items.filter((item) => item.kind !== kind),
      result: items.find((item) => item.kind === kind),
    }));
    if (!removed) {
      return {
        notice: { text: `This chat has no ${KIND_LABELS[kind].toLowerCase()} subscription.`, tone: 'info' },
        messages: [],
      };
    }
    this.#emit({ type: 'remove', id: removed.id });
    return reply(message([{ kind: 'text', text: `${KIND_LABELS[kind]} stopped for this chat.` }]));
  }

  async list(actor: Actor): Promise<Response> {
    const items = await this.repo.forChat(actor.platform, actor.chatId);
    if (items.length === 0) {
      return reply(
        message([
          { kind: 'text', text: 'This chat has no subscriptions. Admins can add one with /subscribe.' },
        ]),
      );
    }
    const now = this.clock.now();
    return reply(
      message([
        { kind: 'title', text: 'Subscriptions of this chat' },
        {
          kind: 'list',
          items: items.map((item) => {
            const state = item.active
              ? `next post ${formatInstant(new Date(nextRun(toWall(item), now)), item.timezone)}`
              : `paused: ${item.disabledReason ?? 'disabled'}`;
            return `${KIND_LABELS[item.kind]}: ${describe(item)}; ${state}`;
          }),
        },
      ]),
    );
  }

  /** Permanent delivery failures (bot removed, no permission) pause a subscription with the reason. */
  async disable(platform: Platform, chatId: string, id: string, reason: string): Promise<void> {
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

function describe(subscription: Subscription): string {
  const when = subscription.weekday
    ? `${subscription.weekday} ${subscription.time}`
    : `daily ${subscription.time}`;
  const topics =
    subscription.topics.length > 0 ? ` on ${subscription.topics.map((topic) => `#${topic}`).join(' ')}` : '';
  return `${when} (${subscription.timezone})${topics}`;
}

function formatInstant(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
