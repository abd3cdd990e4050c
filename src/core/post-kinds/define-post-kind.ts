// One helper to define a kind of scheduled post: its name and words, who subscribes and how often, what a
// run composes and what happens when the outbox sends it. A definition is checked when it is built.

import type { Article } from '../../content/article-schema.ts';
import { t } from '../../i18n/current-locale.ts';
import { hasMessage } from '../../i18n/translate.ts';
import type { Actor } from '../actor.ts';
import type { ArticleCatalog } from '../article-catalog.ts';
import type { Clock } from '../clock.ts';
import type { Outgoing } from '../output.ts';
import type { Ranked } from '../progress.ts';
import type { BoardPeriod } from '../records/answer.ts';
import type { OutboxItem, OutboxPayload } from '../records/outbox.ts';
import type { Platform } from '../records/platform.ts';
import { because, type CodedReason } from '../records/reason.ts';
import { type Subscription, subscriptionKindSchema } from '../records/subscription.ts';
import type { Streak } from '../streak.ts';

/** What a run composed: a payload for the outbox (and the subscription's new cursor), or nothing, and why. */
export type Composed =
  | { kind: 'post'; payload: OutboxPayload; cursor?: number }
  | { kind: 'skip'; reason: CodedReason };

/**
 * The core's services as the steps of a kind use them; CoreServices has them all. Written out here
 * rather than imported, so that the services can read the kinds without an import loop.
 */
export interface PostServices {
  catalog(): ArticleCatalog;
  clock: Clock;
  defaultTimeZone: string;
  progress: {
    ranking(platform: Platform, chatId: string, period: BoardPeriod): Promise<Ranked[]>;
    streak(actor: Actor): Promise<{ streak: Streak }>;
  };
  reviews: { due(platform: Platform, userId: string, now: number): Promise<{ due: readonly unknown[] }> };
  /** Applies recorded answers to totals and streaks (a reminder counts today's answers). */
  effects: { flush(): Promise<void> };
  /** The no-repeat choice of a chat's quiz of the day, with its history. */
  quizOfTheDay: { compose(subscription: Subscription, period: string, runAt: number): Promise<Composed> };
  quiz: {
    startScheduled(
      platform: Platform,
      chatId: string,
      article: Article,
      roundId: string,
      note?: string,
      occasion?: string,
    ): Promise<Outgoing>;
  };
}

/** One run of a subscription, to compose. */
export interface ComposeContext {
  core: PostServices;
  subscription: Subscription;
  /** `2026-11-23`, `2026-W48`: one post per subscription and period. */
  period: string;
  /** When the run was due (epoch ms). */
  runAt: number;
}

/** How a delivery went, as far as a kind needs to know; the outbox's own result says more. */
export type Delivered = { ok: true; ref: string } | { ok: false };

/** A payload other than a plain message: what its kind does with it at send time. */
export type StepPayload = Exclude<OutboxPayload, { kind: 'message' }>;

/** An outbox item being sent, and the one way to post it. */
export interface SendContext<R extends Delivered, P extends OutboxPayload = OutboxPayload> {
  core: PostServices;
  item: OutboxItem & { payload: P };
  /** Posts `out` in the item's chat, within the platform's limits (in parts when it is long). */
  deliver(out: Outgoing): Promise<R>;
}

/** What a send step came to: the delivery's result; not yet (ask again in `retryMs`); or never (skipped). */
export type SendOutcome<R> =
  | R
  | { ok: false; kind: 'wait'; retryMs: number; reason: CodedReason }
  | { ok: false; kind: 'skip'; reason: CodedReason };

/** The send-time step of a kind whose payload is not a plain message (the quiz of the day starts its round). */
export interface SendStep<K extends StepPayload['kind'] = StepPayload['kind']> {
  /** The payload kind its compose step queues; one kind owns each. */
  payload: K;
  send<R extends Delivered>(ctx: SendContext<R, Extract<StepPayload, { kind: K }>>): Promise<SendOutcome<R>>;
}

/**
 * A kind's words. `title` opens each of its posts and names it in replies and in /subscriptions
 * (`Weekly recap`); `offer` is how /subscribe's description offers a chat kind (`a weekly recap`); the
 * others are its own (why a run posted nothing, and the like).
 */
export interface PostKindLabels {
  readonly title: string;
  readonly offer?: string;
  readonly [word: string]: string | undefined;
}

/**
 * A kind's word in the current language: `post-kind-<name>-<key>` of the .ftl files, else the
 * definition's own (a kind with no messages yet, such as one only tests define).
 */
export function kindLabel(name: string, labels: PostKindLabels, key: string): string {
  const id = `post-kind-${name}-${key}`;
  return hasMessage(id) ? t(id) : (labels[key] ?? key);
}

/** A kind's reason (why a run posted nothing), kept as its message id and said in the reader's language. */
export function kindReason(name: string, labels: PostKindLabels, key: string): CodedReason {
  return because(`post-kind-${name}-${key}`, undefined, labels[key] ?? key);
}

export interface PostKindDefinition {
  /** Stored in its subscriptions and typed in /subscribe: 1–32 of a–z, 0–9 and -, a letter first. */
  name: string;
  labels: PostKindLabels;
  /** Other words people type for it in /subscribe and /unsubscribe (`recap`), lower case. */
  aliases?: readonly string[];
  /** `chat`: a chat's admins subscribe it (/subscribe); `person`: one person's, sent to their private chat. */
  audience: 'chat' | 'person';
  /** `week`: runs on the weekday its subscriber names (one is required); `day`: every day. */
  every: 'day' | 'week';
  /** Composes a run's post when it is due, or says why there is nothing to post. */
  compose(ctx: ComposeContext): Promise<Composed>;
  /** At send time; a kind without one queues a message, which is posted as it is. */
  send?: SendStep;
}

export interface PostKind extends PostKindDefinition {
  aliases: readonly string[];
}

/** Longest title: it opens headings that already carry a date or a question's number. */
export const TITLE_MAX = 32;

/** Checks a definition when it is built, as defineCommand does, so a bad one fails in tests. */
export function definePostKind(definition: PostKindDefinition): PostKind {
  const problems: string[] = [];
  const aliases = definition.aliases ?? [];
  if (!subscriptionKindSchema.safeParse(definition.name).success)
    problems.push('name must be 1–32 of a–z, 0–9 and -, starting with a letter');
  const { title, offer } = definition.labels;
  if (title.trim() === '' || title.length > TITLE_MAX || /\n/.test(title))
    problems.push(`labels.title must be one line of 1–${TITLE_MAX} characters`);
  if (definition.audience === 'chat' && !offer?.trim())
    problems.push('labels.offer is needed for a chat kind (/subscribe offers it with it)');
  for (const [key, text] of Object.entries(definition.labels)) {
    if (key !== 'title' && text !== undefined && (text.trim() === '' || /\n/.test(text)))
      problems.push(`labels.${key} must be one line of text`);
  }
  for (const alias of aliases) {
    if (!subscriptionKindSchema.safeParse(alias).success)
      problems.push(`alias "${alias}" must be lower case a–z, 0–9 and -, starting with a letter`);
    if (alias === definition.name) problems.push(`alias "${alias}" is its own name`);
  }
  if (new Set(aliases).size !== aliases.length) problems.push('aliases repeat');
  if (problems.length > 0) throw new Error(`post kind ${definition.name}: ${problems.join('; ')}`);
  return { ...definition, aliases };
}
