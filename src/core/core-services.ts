// The core, assembled: what commands, actions and timers work with. No platform SDK in here.
import type { Logger } from 'pino';
import { AnswerEffects } from './answer-effects.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import type { Clock } from './clock.ts';
import { LanguageService } from './language-service.ts';
import { LinkService } from './linking/link-service.ts';
import { personProfiles, personReviewCards, personScores } from './linking/person-ports.ts';
import { PersonResolver } from './linking/person-resolver.ts';
import type {
  AnswersPort,
  ChatsPort,
  LanguagesPort,
  LinksPort,
  LiveMessagesPort,
  MetricsPort,
  NoticesPort,
  PendingAsksPort,
  ProfilesPort,
  QuestionStatsPort,
  QuizOfTheDayPort,
  ReportsPort,
  ReviewCardsPort,
  RoundsPort,
  ScheduledRunsPort,
  ScoresPort,
  SubscriptionsPort,
  Timers,
} from './ports.ts';
import { noMetrics } from './ports.ts';
import { postKinds } from './post-kinds/index.ts';
import type { PostKinds } from './post-kinds/post-kind-list.ts';
import { QuizOfTheDay } from './post-kinds/quiz-of-the-day-choice.ts';
import { ProgressService } from './progress-service.ts';
import { ReportService } from './quality/report-service.ts';
import { QuizService } from './quiz/quiz-service.ts';
import { isReviewRoundId } from './quiz/round-rules.ts';
import { ReminderService } from './reminder-service.ts';
import { ReviewService } from './review/review-service.ts';
import { SubscriptionService } from './subscription-service.ts';

/** The store as the core sees it. */
export interface CorePorts {
  rounds: RoundsPort;
  answers: AnswersPort;
  scores: ScoresPort;
  profiles: ProfilesPort;
  chats: ChatsPort;
  /** Languages chosen with /language. */
  languages: LanguagesPort;
  liveMessages: LiveMessagesPort;
  reviewCards: ReviewCardsPort;
  subscriptions: SubscriptionsPort;
  /** How scheduled runs ended (skipped, with why), read back for /subscriptions and /remind. */
  runs: ScheduledRunsPort;
  links: LinksPort;
  /** Private messages sent later through the outbox. */
  notices: NoticesPort;
  questionStats: QuestionStatsPort;
  reports: ReportsPort;
  /** What users were asked to type (a report's note). */
  asks: PendingAsksPort;
  quizOfTheDay: QuizOfTheDayPort;
}

export interface CoreServices {
  catalog: () => ArticleCatalog;
  quiz: QuizService;
  progress: ProgressService;
  reviews: ReviewService;
  subscriptions: SubscriptionService;
  reminders: ReminderService;
  links: LinkService;
  /** Readers' reports on questions. */
  reports: ReportService;
  /** Which language to speak to a person and in a chat. */
  languages: LanguageService;
  /** Picks each chat's quiz of the day. */
  quizOfTheDay: QuizOfTheDay;
  /** The kinds of scheduled post: the scheduler composes runs and the outbox sends items through them. */
  posts: PostKinds;
  /** Applies recorded answers to totals and boards after the reply. */
  effects: AnswerEffects;
  chats: ChatsPort;
  liveMessages: LiveMessagesPort;
  clock: Clock;
  timers: Timers;
  defaultTimeZone: string;
  log: Logger;
  metrics: MetricsPort;
}

export interface CoreDeps {
  catalog: () => ArticleCatalog;
  ports: CorePorts;
  clock: Clock;
  timers: Timers;
  random: () => number;
  defaultTimeZone: string;
  log: Logger;
  metrics?: MetricsPort;
}

export function createCore(deps: CoreDeps): CoreServices {
  const { ports, clock } = deps;
  const metrics = deps.metrics ?? noMetrics;
  const settle = (): Promise<void> => effects.flush();
  // Everything per user is about the person the account belongs to (see linking/person-ports.ts).
  const persons = new PersonResolver(ports.links, clock);
  const reviews = new ReviewService({
    cards: personReviewCards(ports.reviewCards, persons),
    catalog: deps.catalog,
  });
  const progress: ProgressService = new ProgressService({
    profiles: personProfiles(ports.profiles, persons),
    scores: personScores(ports.scores, persons),
    persons,
    reviews,
    settle,
    clock,
    defaultTimeZone: deps.defaultTimeZone,
  });
  const effects: AnswerEffects = new AnswerEffects({
    answers: ports.answers,
    scores: ports.scores,
    timeZonesOf: (platform, userIds): Promise<string[]> => progress.timeZonesOf(platform, userIds),
    boardTimeZone: deps.defaultTimeZone,
    // Wrong answers become review cards; right ones review the cards they have.
    beforeApply: (answers) =>
      reviews.grade(answers, (answer) => (isReviewRoundId(answer.roundId) ? 'review' : 'quiz')),
    clock,
    timers: deps.timers,
    log: deps.log.child({ module: 'answer-effects' }),
  });
  const languages = new LanguageService(ports.languages, clock, deps.timers);
  const quiz = new QuizService({
    catalog: deps.catalog,
    rounds: ports.rounds,
    chats: ports.chats,
    answers: ports.answers,
    onRecorded: (answer) => {
      effects.add(answer);
      metrics.answerRecorded(answer.platform);
    },
    onSoloCompleted: async (actor, articleId) => {
      await progress.recordRead(actor, articleId);
      await progress.recordCompletion(actor);
    },
    reviewQueue: async (platform, userId) => {
      await settle();
      return reviews.due(platform, userId, clock.now());
    },
    onReviewCompleted: (actor) => progress.recordCompletion(actor),
    nextArticle: async (actor) => {
      const read = new Set((await ports.profiles.get(actor.platform, actor.userId))?.articlesRead ?? []);
      return deps
        .catalog()
        .all()
        .find((article) => !read.has(article.id));
    },
    clock,
    random: deps.random,
    log: deps.log.child({ module: 'quiz' }),
    chatLocale: (platform, chatId) => languages.chatLocale(platform, chatId),
  });
  const subscriptions = new SubscriptionService(ports.subscriptions, deps.catalog, clock, {
    zones: {
      own: (platform, userId) => progress.ownTimeZone(platform, userId),
      fallback: deps.defaultTimeZone,
    },
    runs: ports.runs,
    kinds: postKinds,
  });
  const reminders = new ReminderService({ subscriptions, progress, clock });
  const links = new LinkService({
    links: ports.links,
    profiles: ports.profiles,
    cards: ports.reviewCards,
    scores: ports.scores,
    resolver: persons,
    settle,
    clock,
  });
  const reports = new ReportService({
    rounds: ports.rounds,
    answers: ports.answers,
    reports: ports.reports,
    asks: ports.asks,
    persons,
    catalog: deps.catalog,
    clock,
  });
  return {
    catalog: deps.catalog,
    quiz,
    progress,
    reviews,
    subscriptions,
    reminders,
    links,
    reports,
    languages,
    quizOfTheDay: new QuizOfTheDay(ports.quizOfTheDay, deps.catalog),
    posts: postKinds,
    effects,
    chats: ports.chats,
    liveMessages: ports.liveMessages,
    clock,
    timers: deps.timers,
    defaultTimeZone: deps.defaultTimeZone,
    log: deps.log,
    metrics,
  };
}
