// `/quiz` with no article: the newest article the person has not finished (every question answered).

import type { Article } from '../content/article-schema.ts';
import { t } from '../i18n/current-locale.ts';
import { questionVersion } from './quality/question-version.ts';
import type { AnsweredQuestion } from './records/question-picks.ts';

/** Said when every article is finished and the newest comes again. */
export const allFinished = (): string => t('quiz-all-finished');

/**
 * The newest of `articles` (newest first) with a question the person has not answered in a quiz (as it
 * is now: an edited question counts as new), or undefined when they have answered them all.
 */
export function newestUnfinished(
  articles: readonly Article[],
  answered: readonly AnsweredQuestion[],
): Article | undefined {
  const done = new Set(answered.map((entry) => `${entry.articleId}\u0000${entry.version}`));
  return articles.find((article) =>
    article.questions.some((question) => !done.has(`${article.id}\u0000${questionVersion(question)}`)),
  );
}
