// Progress and leaderboards: profiles, answer totals and streak days, and how they are shown.
import type { Article } from '../content/article-schema.ts';
import type { Actor } from './actor.ts';
import { formatDayRange, isoWeek, isoWeekDays, localDay } from './calendar.ts';
import type { Clock } from './clock.ts';
import type { PersonResolver } from './linking/person-resolver.ts';
import { accountName } from './linking/present-link.ts';
import { type Response, reply } from './output.ts';
import type { AccountKey, ProfilesPort, ScoresPort } from './ports.ts';
import { leaderboardMessage, progressMessage } from './present-progress.ts';
import { emptyProfile, type Ranked, rankBoard } from './progress.ts';
import type { BoardPeriod } from './records/answer.ts';
import type { Platform } from './records/platform.ts';
import type { Profile } from './records/profile.ts';
import type { ReviewService } from './review/review-service.ts';
import type { Weekday } from './schedule-time.ts';
import { replayStreak, type Streak } from './streak.ts';
import { newestUnfinished } from './unfinished-article.ts';

const BOARD_SIZE = 10;
/** Completion days older than this cannot restore anything any more. */
const KEEP_COMPLETIONS = 14;
/** A time zone set on another instance reaches this one's streak days within this long. */
const ZONE_CACHE_MS = 60_000;

export interface ProgressDeps {
  profiles: ProfilesPort;
  scores: ScoresPort;
  reviews: ReviewService;
  /** Whose accounts are linked (profiles and scores above already answer for the person). */
  persons: PersonResolver;
  /** Applies answers recorded but not yet counted, so a reader sees their own latest answer. */
  settle(): Promise<void>;
  clock: Clock;
  defaultTimeZone: string;
}

export class ProgressService {
  readonly #zones = new Map<string, { zone: string; until: number }>();

  constructor(private readonly deps: ProgressDeps) {
    // A link or unlink changes whose time zone an account's days count in.
    deps.persons.onForget(() => this.#zones.clear());
  }

  /** The ISO week leaderboards count in (the bot's default time zone). */
  week(now: number): string {
    return isoWeek(now, this.deps.defaultTimeZone);
  }

  /** A chat's ranking for one week (`2026-W48`) or all time. */
  async ranking(platform: Platform, chatId: string, period: BoardPeriod): Promise<Ranked[]> {
    await this.deps.settle();
    return rankBoard(await this.deps.scores.board(platform, chatId, period));
  }

  /** The time zone a user's days are counted in (their own, else the bot's default). */
  async timeZoneOf(platform: Platform, userId: string): Promise<string> {
    const [zone] = await this.timeZonesOf(platform, [userId]);
    return zone ?? this.deps.defaultTimeZone;
  }

  /** The account the person's profile is kept with (their first account). */
  async profileOwner(platform: Platform, userId: string): Promise<AccountKey> {
    return (await this.deps.persons.of(platform, userId)).first;
  }

  /** The zone the user set with /timezone, or undefined when they set none (the bot's default applies). */
  async ownTimeZone(platform: Platform, userId: string): Promise<string | undefined> {
    return (await this.deps.profiles.get(platform, userId))?.timezone ?? undefined;
  }

  /** Several users' time zones, with one read for all those not known here yet. */
  async timeZonesOf(platform: Platform, userIds: readonly string[]): Promise<string[]> {
    const now = this.deps.clock.now();
    const known = (userId: string) => {
      const cached = this.#zones.get(`${platform}:${userId}`);
      return cached && cached.until > now ? cached.zone : undefined;
    };
    const missing = [...new Set(userIds.filter((userId) => known(userId) === undefined))];
    if (missing.length > 0) {
      const profiles = await this.deps.profiles.getMany(platform, missing);
      missing.forEach((userId, index) => {
        const zone = profiles[index]?.timezone ?? this.deps.defaultTimeZone;
        this.#zones.set(`${platform}:${userId}`, { zone, until: now + ZONE_CACHE_MS });
      });
    }
    return userIds.map((userId) => known(userId) ?? this.deps.defaultTimeZone);
  }

  /** Counts the article as read (the end of reading mode, or a finished solo quiz) and the day as active. */
  async recordRead(actor: Actor, articleId: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const first = await this.deps.profiles.update(actor.platform, actor.userId, (current) => {
      const profile = current ?? emptyProfile(actor.name);
      profile.name = actor.name;
      if (profile.articlesRead.includes(articleId)) return { result: false };
      profile.articlesRead.push(articleId);
      return { next: profile, result: true };
    });
    const zone = await this.timeZoneOf(actor.platform, actor.userId);
    await this.deps.scores.markActive(actor.platform, actor.userId, localDay(now, zone), now);
    return first;
  }

  /**
   * The newest of `articles` (newest first) the person has not finished, counting every account of
   * theirs and every answer given so far; undefined when they have finished them all.
   */
  async newestUnfinished(actor: Actor, articles: readonly Article[]): Promise<Article | undefined> {
    await this.deps.settle();
    return newestUnfinished(articles, await this.deps.scores.answeredQuestions(actor.platform, actor.userId));
  }

  /**
   * Sets the person's time zone. `write` stores the changed profile of the person's first account
   * (`owner`, where the profile lives): by default alone; the reminder service passes one that moves the
   * user's reminder in the same change.
   */
  async setTimezone(
    actor: Actor,
    timezone: string,
    write: (profile: (current: Profile | undefined) => Profile, owner: AccountKey) => Promise<void> = (
      profile,
    ) =>
      this.deps.profiles.update(actor.platform, actor.userId, (current) => ({
        next: profile(current),
        result: undefined,
      })),
  ): Promise<void> {
    // Answers given so far count in the zone they were given in.
    await this.deps.settle();
    const person = await this.deps.persons.of(actor.platform, actor.userId);
    await write((current) => ({ ...(current ?? emptyProfile(actor.name)), timezone }), person.first);
    for (const account of person.accounts) {
      this.#zones.set(`${account.platform}:${account.userId}`, {
        zone: timezone,
        until: this.deps.clock.now() + ZONE_CACHE_MS,
      });
    }
  }

  /** The user's streak as of now, in their own time zone. */
  async streak(actor: Actor): Promise<{ streak: Streak; timezone: string; restDays: readonly Weekday[] }> {
    await this.deps.settle();
    const [profile, days] = await Promise.all([
      this.deps.profiles.get(actor.platform, actor.userId),
      this.deps.scores.activeDays(actor.platform, actor.userId),
    ]);
    const timezone = profile?.timezone ?? this.deps.defaultTimeZone;
    const restDays = profile?.restDays ?? [];
    const streak = replayStreak(
      { activeDays: days, restDays, completedDays: profile?.completedDays ?? [] },
      localDay(this.deps.clock.now(), timezone),
    );
    return { streak, timezone, restDays };
  }

  /** Finishing a solo quiz or a review: the day counts as active, and it can restore yesterday's miss. */
  async recordCompletion(actor: Actor): Promise<void> {
    const now = this.deps.clock.now();
    const zone = await this.timeZoneOf(actor.platform, actor.userId);
    const today = localDay(now, zone);
    await this.deps.profiles.update(actor.platform, actor.userId, (current) => {
      const profile = current ?? emptyProfile(actor.name);
      if (profile.completedDays.includes(today)) return { result: undefined };
      profile.completedDays = [...profile.completedDays, today].sort().slice(-KEEP_COMPLETIONS);
      return { next: profile, result: undefined };
    });
    await this.deps.scores.markActive(actor.platform, actor.userId, today, now);
  }

  async setRestDays(actor: Actor, restDays: readonly Weekday[]): Promise<void> {
    await this.deps.profiles.update(actor.platform, actor.userId, (current) => {
      const profile = current ?? emptyProfile(actor.name);
      profile.restDays = [...new Set(restDays)];
      return { next: profile, result: undefined };
    });
  }

  async show(actor: Actor): Promise<Response> {
    await this.deps.settle();
    const now = this.deps.clock.now();
    const { platform, userId } = actor;
    const [profile, stats, { streak, timezone, restDays }, reviews, person] = await Promise.all([
      this.deps.profiles.get(platform, userId),
      this.deps.scores.stats(platform, userId),
      this.streak(actor),
      this.deps.reviews.due(platform, userId, now),
      this.deps.persons.of(platform, userId),
    ]);
    return reply(
      progressMessage({
        name: actor.name,
        articlesRead: profile?.articlesRead.length ?? 0,
        stats,
        streak,
        restDays,
        reviewsDue: reviews.due.length,
        nextReview: reviews.next,
        timezone,
        now,
        linked: person.accounts.length > 1 ? person.accounts.map(accountName) : [],
      }),
    );
  }

  async leaderboard(actor: Actor, period: 'week' | 'all'): Promise<Response> {
    const now = this.deps.clock.now();
    const week = this.week(now);
    const ranking = await this.ranking(actor.platform, actor.chatId, period === 'all' ? 'all' : { week });
    const { first, last } = isoWeekDays(now, this.deps.defaultTimeZone);
    return reply(leaderboardMessage(ranking.slice(0, BOARD_SIZE), period, formatDayRange(first, last)));
  }
}
