// Composes a scheduled post from content: daily brief, weekly recap, or the quiz of the day.
import type { Article } from '../content/article-schema.ts';
import { publishedMs } from '../content/published-at.ts';
import { encodeAction } from './action-payload.ts';
import { type ArticleCatalog, articleRef } from './article-catalog.ts';
import { formatDate, formatDayRange, localDay } from './calendar.ts';
import { message, type NeutralMessage } from './output.ts';
import { shortTitle } from './present-brief.ts';
import { KIND_LABELS } from './present-subscriptions.ts';
import type { Ranked } from './progress.ts';
import type { OutboxPayload } from './records/outbox.ts';
import type { Subscription } from './records/subscription.ts';

const DAILY_LIMIT = 3;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export type Composed =
  | { kind: 'post'; payload: OutboxPayload; cursor?: number }
  | { kind: 'skip'; reason: string };

export function onTopics(subscription: Subscription, articles: readonly Article[]): Article[] {
  if (subscription.topics.length === 0) return [...articles];
  return articles.filter((article) => article.topics.some((topic) => subscription.topics.includes(topic)));
}

function briefButtons(articles: readonly Article[]) {
  return [
    articles.map((article) => ({
      kind: 'action' as const,
      label: shortTitle(article.title, 28),
      payload: encodeAction({ type: 'brief', article: articleRef(article.id) }),
    })),
  ];
}

function dailyBrief(subscription: Subscription, articles: Article[], runAt: number): Composed {
  const fresh = articles.filter(
    (article) => publishedMs(article) > subscription.cursor && publishedMs(article) <= runAt,
  );
  if (fresh.length === 0) return { kind: 'skip', reason: 'no new articles since the last daily brief' };
  const shown = fresh.slice(0, DAILY_LIMIT);
  const more = fresh.length - shown.length;
  const msg: NeutralMessage = message(
    [
      {
        kind: 'title',
        text: `${KIND_LABELS['daily-brief']} · ${formatDate(localDay(runAt, subscription.timezone))}`,
      },
      ...shown.flatMap((article) => [
        { kind: 'heading' as const, text: article.title },
        { kind: 'text' as const, text: article.hook },
        { kind: 'fields' as const, fields: [{ label: 'What changed', value: article.tldr.whatChanged }] },
      ]),
      ...(more > 0 ? [{ kind: 'footer' as const, text: `${more} more in /news` }] : []),
    ],
    briefButtons(shown),
  );
  return {
    kind: 'post',
    payload: { kind: 'message', message: msg },
    cursor: Math.max(...fresh.map((article) => publishedMs(article))),
  };
}

/**
 * The recap of a week: the articles of the 7 days before `at` with their hooks, and a chat's quiz
 * standings for `weekName`; its heading names the days (in `timeZone`). Undefined when there is neither.
 */
export function weeklyRecapMessage(
  articles: readonly Article[],
  at: number,
  standings: readonly Ranked[],
  weekName: string,
  timeZone: string,
): NeutralMessage | undefined {
  const recent = articles.filter(
    (article) => publishedMs(article) > at - WEEK_MS && publishedMs(article) <= at,
  );
  if (recent.length === 0 && standings.length === 0) return undefined;
  return message(
    [
      {
        kind: 'title',
        text: `${KIND_LABELS['weekly-recap']} · ${formatDayRange(localDay(at - WEEK_MS + DAY_MS, timeZone), localDay(at, timeZone))}`,
      },
      recent.length > 0
        ? { kind: 'list', items: recent.map((article) => `${article.title}: ${article.hook}`) }
        : { kind: 'text', text: 'No new articles this week.' },
      ...(standings.length > 0
        ? [
            { kind: 'heading' as const, text: `Quiz standings, ${weekName}` },
            {
              kind: 'table' as const,
              columns: ['#', 'Player', 'Points'],
              rows: standings
                .slice(0, 5)
                .map((entry, index) => [String(index + 1), entry.name, String(entry.points)]),
            },
          ]
        : []),
    ],
    recent.length > 0 ? briefButtons(recent.slice(0, 5)) : [],
  );
}

function weeklyRecap(
  articles: Article[],
  runAt: number,
  lastWeek: readonly Ranked[],
  week: string,
  timeZone: string,
): Composed {
  const recap = weeklyRecapMessage(articles, runAt, lastWeek, week, timeZone);
  if (!recap) return { kind: 'skip', reason: 'no articles and no quiz answers in the past week' };
  return { kind: 'post', payload: { kind: 'message', message: recap } };
}

export interface ComposeInput {
  subscription: Subscription;
  runAt: number;
  catalog: ArticleCatalog;
  /** The chat's standings for the week before the run (weekly recaps). */
  lastWeek: readonly Ranked[];
  lastWeekName: string;
}

export function composePost(input: ComposeInput): Composed {
  const articles = onTopics(input.subscription, input.catalog.all());
  switch (input.subscription.kind) {
    case 'daily-brief':
      return dailyBrief(input.subscription, articles, input.runAt);
    case 'weekly-recap':
      return weeklyRecap(
        articles,
        input.runAt,
        input.lastWeek,
        input.lastWeekName,
        input.subscription.timezone,
      );
    case 'quiz-of-the-day':
      throw new Error('a quiz of the day is composed from the chat’s history (quiz-of-the-day.ts)');
    case 'review-reminder':
      throw new Error('a review reminder is composed from the user’s cards and streak (reminder-service.ts)');
  }
}
