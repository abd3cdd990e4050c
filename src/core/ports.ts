// What the core needs from the outside world, as interfaces the store and the runtime implement.

import type { NeutralMessage } from './output.ts';
import type {
  AnswerEffect,
  AnswerRecord,
  AnswerStats,
  BoardEntry,
  BoardPeriod,
  QuestionKey,
  RecordOutcome,
} from './records/answer.ts';
import type { ChatState } from './records/chat-state.ts';
import type { LanguageChange, LanguageChoices } from './records/language-choice.ts';
import type { Account, LimitState, LinkCode, PersonLink } from './records/link.ts';
import type { PendingAsk } from './records/pending-ask.ts';
import type { Platform } from './records/platform.ts';
import type { Profile } from './records/profile.ts';
import type { AnsweredQuestion, ChoicePicks } from './records/question-picks.ts';
import type { QuizOfTheDayHistory } from './records/quiz-of-the-day.ts';
import type { Reason } from './records/reason.ts';
import type { ArticleReports } from './records/report.ts';
import type { UserCards } from './records/review-card.ts';
import type { Round } from './records/round.ts';
import type { Subscription } from './records/subscription.ts';

/** The records one link or unlink reads and writes together, under one lock, all or none. */
export interface LinkScope {
  /** The digest of a code read (and maybe taken) with them. */
  code?: string;
  /** Accounts whose link records are read (and may be written). */
  links: readonly AccountKey[];
  /** Accounts whose profile and review cards are read (and may be moved). */
  histories?: readonly AccountKey[];
  /** The id of a private notice the change may queue (LinkChange.notice), sent once whatever happens. */
  notice?: string;
}

/** The records of a LinkScope as stored now; each list in the order of its accounts. */
export interface LinkRecords {
  code: LinkCode | undefined;
  links: (PersonLink | undefined)[];
  profiles: (Profile | undefined)[];
  cards: (UserCards | undefined)[];
}

/** What a link change writes (`null` deletes, left out keeps, per record) and what it hands back. */
export interface LinkChange<R> {
  code?: null;
  links?: readonly (PersonLink | null | undefined)[];
  profiles?: readonly (Profile | null | undefined)[];
  cards?: readonly (UserCards | null | undefined)[];
  /** A private notice queued in the same change (its id is LinkScope.notice). */
  notice?: PrivateNotice;
  result: R;
}

/**
 * Recorded answers, one per user and question. `record` is the one durable write of a press: it stores
 * the answer and refuses a second answer from the same user, or any answer once the question is
 * closed, atomically (across instances when the store is shared).
 */
export interface AnswersPort {
  record(answer: AnswerRecord): Promise<RecordOutcome>;
  /** From the moment this resolves, `record` refuses answers to this question. */
  close(key: QuestionKey): Promise<void>;
  /** Every answer to a question, in the order they were recorded. */
  list(key: QuestionKey): Promise<AnswerRecord[]>;
  /** How many answers a question has, and whether it is closed. */
  tally(key: QuestionKey): Promise<{ count: number; closed: boolean }>;
  answered(key: QuestionKey, userId: string): Promise<boolean>;
  /** Recorded answers whose effects are not applied yet, recorded at or before `recordedBy`, oldest first (recovery after a crash). */
  unapplied(limit: number, recordedBy: number): Promise<AnswerRecord[]>;
}

/**
 * What answers add up to: per-user totals and active days, per-chat leaderboards. `apply` writes the
 * effects of each answer exactly once, atomically with marking the answer applied, so a crash or a
 * second instance applying the same answer never counts it twice.
 */
export interface ScoresPort {
  /** Returns how many of the effects were applied by this call (the rest were applied already). */
  apply(effects: readonly AnswerEffect[]): Promise<number>;
  /** Counts a day as active without an answer (an article read to the end). */
  markActive(platform: Platform, userId: string, day: string, at: number): Promise<void>;
  stats(platform: Platform, userId: string): Promise<AnswerStats>;
  /** Local days (`YYYY-MM-DD`) the user answered on, ascending. */
  activeDays(platform: Platform, userId: string): Promise<string[]>;
  board(platform: Platform, chatId: string, period: BoardPeriod): Promise<BoardEntry[]>;
  /** The questions (by version) the account has answered in quizzes, from the answers applied so far. */
  answeredQuestions(platform: Platform, userId: string): Promise<AnsweredQuestion[]>;
  /**
   * Adds one account's totals, active days and answered questions to another's and empties the first,
   * atomically (an unlink leaves the history with the person's first account).
   */
  moveHistory(from: AccountKey, to: AccountKey): Promise<void>;
}

/**
 * Answer statistics per question: how often each choice was picked, counted when an answer is applied
 * (atomically with it, exactly once), so reading them is one lookup per article, never a scan of answers.
 */
export interface QuestionStatsPort {
  /** Every counted choice of every version of the article's questions. */
  questionPicks(articleId: string): Promise<ChoicePicks[]>;
}

/** Readers' reports on questions, one record per article. */
export interface ReportsPort {
  get(articleId: string): Promise<ArticleReports | undefined>;
  /** A locked read-modify-write of the article's reports (across instances when the store is shared). */
  update<R>(
    articleId: string,
    mutate: (current: ArticleReports | undefined) => Mutation<ArticleReports, R>,
  ): Promise<R>;
  /**
   * The article's reports and the asker's pending ask in one change: a typed note is filed and its ask
   * taken together, so a failure between the two cannot drop the note and close the ask.
   */
  updateTakingAsk<R>(
    articleId: string,
    asker: { platform: Platform; userId: string },
    mutate: (
      current: ArticleReports | undefined,
      ask: PendingAsk | undefined,
    ) => { next?: ArticleReports; take: boolean; result: R },
  ): Promise<R>;
}

/** What a user was asked to type (see Response.ask), kept until they answer or it expires. */
export interface PendingAsksPort {
  put(platform: Platform, userId: string, ask: PendingAsk, ttlMs: number): Promise<void>;
  get(platform: Platform, userId: string): Promise<PendingAsk | undefined>;
  /**
   * Removes and returns the account's pending ask (only if it is for `payload`, when given),
   * atomically: of two answers, one gets it.
   */
  take(platform: Platform, userId: string, payload?: string): Promise<PendingAsk | undefined>;
}

/** Which articles each chat had as its quiz of the day. */
export interface QuizOfTheDayPort {
  update<R>(
    platform: Platform,
    chatId: string,
    mutate: (current: QuizOfTheDayHistory | undefined) => Mutation<QuizOfTheDayHistory, R>,
  ): Promise<R>;
}

/** One platform account. */
export interface AccountKey {
  platform: Platform;
  userId: string;
}

/** Linked accounts and the one-time codes that link them (see core/linking/). */
export interface LinksPort {
  get(platform: Platform, userId: string): Promise<PersonLink | undefined>;
  /** Several accounts' links in one round trip, in the order asked. */
  getMany(platform: Platform, userIds: readonly string[]): Promise<(PersonLink | undefined)[]>;
  /**
   * Reads every record of `scope`, lets `decide` (pure) say what to write, and writes it, atomically
   * across instances: a link (the code, both accounts' link records, the moved profile and cards) or
   * an unlink is one step, never interleaved with another that shares a record.
   */
  change<R>(scope: LinkScope, decide: (records: LinkRecords) => LinkChange<R>): Promise<R>;
  /** A live code, read without taking it. */
  getCode(digest: string): Promise<LinkCode | undefined>;
  /**
   * Stores a code for `ttlMs` and removes the issuer's previous one, in one step; returns the previous
   * one's digest.
   */
  putCode(code: LinkCode, ttlMs: number): Promise<string | undefined>;
  /** Removes a code and returns it, atomically: of two instances taking the same code, one gets it. */
  takeCode(digest: string): Promise<LinkCode | undefined>;
  /** Read-modify-write of a named limit record (wrong attempts, codes issued) that expires after `ttlMs`. */
  updateLimit<R>(
    name: string,
    mutate: (state: LimitState | undefined) => Mutation<LimitState, R>,
    ttlMs: number,
  ): Promise<R>;
  /** Tells every instance sharing the store, this one included, that these accounts' links changed. */
  announce(accounts: readonly AccountKey[]): Promise<void>;
  onChange(listener: (accounts: AccountKey[]) => void): void;
}

/** A message to one user, in private, sent later through the outbox (on any instance). */
export interface PrivateNotice {
  /** Unique per notice: queueing the same id twice sends it once. */
  id: string;
  to: Account;
  message: NeutralMessage;
  /** When it was queued (by the core's clock): it goes out from then on. */
  at: number;
}

export interface NoticesPort {
  queue(notice: PrivateNotice): Promise<void>;
}

/** Runs callbacks later; injected so tests drive time by hand. */
export interface Timers {
  /** Calls `run` after `ms` (by the injected clock); returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** What a read-modify-write decides: the next value (`null` deletes, omitted keeps) and what to hand back. */
export interface Mutation<T, R> {
  next?: T | null;
  result: R;
}

/** Quiz rounds, and the index of open ones (so timers can be re-armed after a restart). */
export interface RoundsPort {
  get(id: string): Promise<Round | undefined>;
  create(round: Round): Promise<void>;
  /**
   * A group round and its chat's claim on it, in one change: written only while the chat still names
   * `seen` as its group round (null: none) and that round is not open. False when another round has
   * the chat by then (started on another instance, or in the same batch).
   */
  createClaimingChat(round: Round, seen: string | null): Promise<boolean>;
  /**
   * Creates `round` (listed as open) and changes the round `from` in one change: `link` sees `from` as
   * stored now; when it leaves `from` as it is, nothing is written, the new round neither.
   */
  createLinked<R>(
    round: Round,
    from: string,
    link: (from: Round | undefined) => Mutation<Round, R>,
  ): Promise<R>;
  update<R>(id: string, mutate: (round: Round | undefined) => Mutation<Round, R>): Promise<R>;
  markEnded(id: string): Promise<void>;
  openIds(): Promise<string[]>;
}

/** What a live count message shows now, across every instance. */
export interface LiveMark {
  /** The highest count sent so far. */
  shown: number;
  /** When the last edit was sent (ms since epoch). */
  lastAt: number;
  /** The question closed: no count edit may follow the final one. */
  closed: boolean;
}

/** Live count messages: edits of one message run one at a time across instances, with their mark. */
export interface LiveMessagesPort {
  exclusive<T>(
    ref: string,
    work: (mark: LiveMark | undefined) => Promise<{ mark?: LiveMark; result: T }>,
  ): Promise<T>;
}

/** Per-chat state: the running group round, and whether the bot can still post there. */
export interface ChatsPort {
  get(platform: Platform, chatId: string): Promise<ChatState | undefined>;
  update<R>(
    platform: Platform,
    chatId: string,
    mutate: (current: ChatState | undefined) => Mutation<ChatState, R>,
  ): Promise<R>;
}

/** Languages chosen with /language, per person (platform account) and per chat; `null` clears one. */
export interface LanguagesPort {
  /** Every choice made on the platform (one read of a few records, however many people chose). */
  all(platform: Platform): Promise<LanguageChoices>;
  /** Makes or clears choices on the platform, all in one atomic change. */
  set(platform: Platform, changes: readonly LanguageChange[]): Promise<void>;
}

/** Per-user profiles: display name, time zone, articles read. */
export interface ProfilesPort {
  get(platform: Platform, userId: string): Promise<Profile | undefined>;
  /** Several users' profiles in one round trip, in the order asked. */
  getMany(platform: Platform, userIds: readonly string[]): Promise<(Profile | undefined)[]>;
  update<R>(
    platform: Platform,
    userId: string,
    mutate: (current: Profile | undefined) => Mutation<Profile, R>,
  ): Promise<R>;
}

/**
 * The store could not be reached, timed out, or refused to write (an outage, not a bug): what was
 * asked did not happen, and the user is told to try again. Every port method may reject with it.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'store-unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export const isStoreUnavailable = (error: unknown): error is StoreUnavailableError =>
  error instanceof StoreUnavailableError;

/** Store outages are expected and logged as warnings; anything else is a bug and logged as an error. */
export const failureLevel = (error: unknown): 'warn' | 'error' =>
  isStoreUnavailable(error) ? 'warn' : 'error';

/** What operators can watch (see app-metrics.ts); the default records nothing. */
export type OutboxSendResult = 'sent' | 'rate-limited' | 'retry' | 'failed' | 'skipped';

export interface MetricsPort {
  /** A button press was acknowledged to the platform after `seconds`. */
  pressAcknowledged(platform: Platform, seconds: number): void;
  answerRecorded(platform: Platform): void;
  /** The platform asked us to slow down (HTTP 429). */
  rateLimited(platform: Platform): void;
  storeError(): void;
  /** One scheduled post's send ended: sent, held back by a 429, retried later, failed for good, or skipped. */
  outboxSend(platform: Platform, result: OutboxSendResult): void;
}

export const noMetrics: MetricsPort = {
  pressAcknowledged: () => {},
  answerRecorded: () => {},
  rateLimited: () => {},
  storeError: () => {},
  outboxSend: () => {},
};

/** Each user's review cards (questions they answered wrongly, scheduled with FSRS). */
export interface ReviewCardsPort {
  get(platform: Platform, userId: string): Promise<UserCards | undefined>;
  getMany(platform: Platform, userIds: readonly string[]): Promise<(UserCards | undefined)[]>;
  update<R>(
    platform: Platform,
    userId: string,
    mutate: (current: UserCards | undefined) => Mutation<UserCards, R>,
  ): Promise<R>;
  /**
   * Several users' cards in one step (one read and one write for all, atomic as `update` is for one):
   * `mutate` returns a user's next cards, or undefined to leave them. Users sharing a record (linked
   * accounts) see each other's change, in the order given.
   */
  updateMany(
    platform: Platform,
    userIds: readonly string[],
    mutate: (current: UserCards | undefined, userId: string) => UserCards | undefined,
  ): Promise<void>;
}

/** How one scheduled run ended, as far as the store knows. */
export interface RunOutcome {
  /** When the run was due. */
  scheduledFor: number;
  /** `running`: being composed or sent; `posted`; `skipped` or `failed`, with the reason. */
  status: 'running' | 'posted' | 'skipped' | 'failed';
  reason: Reason | null;
}

/** Scheduled runs read back (the scheduler's run records and the outbox), for /subscriptions and /remind. */
export interface ScheduledRunsPort {
  /** The run of a subscription for a period (`2026-11-23`, `2026-W48`), if it ran. */
  outcome(subscriptionId: string, period: string): Promise<RunOutcome | undefined>;
}

/** Scheduled-post subscriptions, per chat. `updateChat` changes a chat's list atomically. */
export interface SubscriptionsPort {
  forChat(platform: Platform, chatId: string): Promise<Subscription[]>;
  all(): Promise<Subscription[]>;
  updateChat<R>(
    platform: Platform,
    chatId: string,
    change: (items: Subscription[]) => { items: Subscription[]; result: R },
  ): Promise<R>;
  /**
   * `updateChat` with the person's profile (kept with their first account, `owner`) as stored now, read in
   * the same change and not written: a subscription that follows the profile is set from its latest zone.
   */
  updateChatWithProfile<R>(
    owner: AccountKey,
    platform: Platform,
    chatId: string,
    change: (profile: Profile | undefined, items: Subscription[]) => { items: Subscription[]; result: R },
  ): Promise<R>;
  /**
   * A person's profile (kept with their first account, `owner`) and the subscriptions of one of their
   * private chats (same count) changed in one atomic change.
   */
  updateProfileAndChat<R>(
    owner: AccountKey,
    platform: Platform,
    chatId: string,
    change: (
      profile: Profile | undefined,
      items: Subscription[],
    ) => { profile: Profile; items: Subscription[]; result: R },
  ): Promise<R>;
}
