// The no-repeat choice of the quiz of the day: an article the chat has not had as its quiz of the day,
// while one of the last 14 days is left; then the one it had longest ago, and the post says so.

import type { Article } from '../../content/article-schema.ts';
import { publishedMs } from '../../content/published-at.ts';
import { t } from '../../i18n/current-locale.ts';
import type { ArticleCatalog } from '../article-catalog.ts';
import { formatDate, localDay } from '../calendar.ts';
import type { QuizOfTheDayPort } from '../ports.ts';
import type { QuizOfTheDayEntry, QuizOfTheDayHistory } from '../records/quiz-of-the-day.ts';
import { because } from '../records/reason.ts';
import type { Subscription } from '../records/subscription.ts';
import type { Composed } from './define-post-kind.ts';
import { onTopics } from './subscribed-articles.ts';

const DAY_MS = 86_400_000;
/** Articles published this long before a run are the ones it picks from. */
export const QUIZ_WINDOW_MS = 14 * DAY_MS;
/** History older than this no longer decides anything (the window is far shorter). */
const KEEP_HISTORY_MS = 90 * DAY_MS;

export interface QuizOfTheDayPick {
  article: Article;
  /** When the chat last had it, if every candidate was had before (a repeat). */
  repeatOf?: number;
}

/**
 * The article for a run at `runAt`, from `articles` (newest first): the newest of the last 14 days
 * the chat has not had; when it has had them all, the one it had longest ago. With no article of the
 * last 14 days, the same rule over every article published by then.
 */
export function pickQuizOfTheDay(
  articles: readonly Article[],
  had: readonly QuizOfTheDayEntry[],
  runAt: number,
): QuizOfTheDayPick | undefined {
  const published = articles.filter((article) => publishedMs(article) <= runAt);
  const recent = published.filter((article) => publishedMs(article) > runAt - QUIZ_WINDOW_MS);
  const pool = recent.length > 0 ? recent : published;
  const last = new Map<string, number>();
  for (const entry of had) last.set(entry.articleId, Math.max(last.get(entry.articleId) ?? 0, entry.at));
  const fresh = pool.find((article) => !last.has(article.id));
  if (fresh) return { article: fresh };
  let oldest: Article | undefined;
  for (const article of pool) {
    if (oldest === undefined || (last.get(article.id) ?? 0) < (last.get(oldest.id) ?? 0)) oldest = article;
  }
  return oldest && { article: oldest, repeatOf: last.get(oldest.id) ?? 0 };
}

/** Said in the post of a repeat. */
export function repeatNote(lastAt: number, timezone: string): string {
  return t('qotd-repeat', { date: formatDate(localDay(lastAt, timezone)) });
}

export class QuizOfTheDay {
  constructor(
    private readonly history: QuizOfTheDayPort,
    private readonly catalog: () => ArticleCatalog,
  ) {}

  /**
   * Picks the run's article and records it in the chat's history, in one locked step: a run composed
   * again (taken over, retried) gets the article it was given the first time.
   */
  async compose(subscription: Subscription, period: string, runAt: number): Promise<Composed> {
    const run = `${subscription.id}:${period}`;
    const articles = onTopics(subscription, this.catalog().all());
    const pick = await this.history.update(subscription.platform, subscription.chatId, (current) => {
      const history: QuizOfTheDayHistory = current ?? { v: 1, had: [] };
      const earlier = history.had.find((entry) => entry.run === run);
      if (earlier) {
        const article = articles.find((entry) => entry.id === earlier.articleId);
        const before = history.had.filter(
          (entry) => entry.articleId === earlier.articleId && entry.at < earlier.at,
        );
        const repeatOf = before.length > 0 ? Math.max(...before.map((entry) => entry.at)) : undefined;
        return { result: article && { article, ...(repeatOf === undefined ? {} : { repeatOf }) } };
      }
      const chosen = pickQuizOfTheDay(articles, history.had, runAt);
      if (!chosen) return { result: undefined };
      const had = [...history.had, { run, articleId: chosen.article.id, at: runAt }].filter(
        (entry) => entry.at > runAt - KEEP_HISTORY_MS,
      );
      return { next: { v: 1, had }, result: chosen };
    });
    if (!pick) return { kind: 'skip', reason: because('post-skip-no-articles') };
    return {
      kind: 'post',
      payload: {
        kind: 'quiz',
        articleId: pick.article.id,
        ...(pick.repeatOf === undefined ? {} : { note: repeatNote(pick.repeatOf, subscription.timezone) }),
      },
    };
  }
}
