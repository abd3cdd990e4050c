// Resolves what a user typed (an id or words of a title) to an article, or suggests the closest.

import type { Article } from '../content/article-schema.ts';
import { t } from '../i18n/current-locale.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import { echoTyped } from './clip-text.ts';
import { isTypoOf } from './edit-distance.ts';
import { USER_ERRORS, UserError } from './user-error.ts';

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/[\s-]+/)
    .filter((word) => word.length > 0);

/** Share of the query's words found in the article's id, title and topics (prefixes count). */
function matchScore(query: string[], article: Article): number {
  if (query.length === 0) return 0;
  const haystack = new Set([...words(article.title), ...words(article.id), ...article.topics]);
  let hits = 0;
  for (const word of query) {
    if (haystack.has(word)) hits += 1;
    else if (word.length >= 3 && [...haystack].some((candidate) => candidate.startsWith(word))) hits += 0.75;
    else if ([...haystack].some((candidate) => isTypoOf(word, candidate))) hits += 0.5;
  }
  return hits / query.length;
}

export function suggestArticles(catalog: ArticleCatalog, query: string, limit = 3): Article[] {
  const queryWords = words(query);
  const scored = catalog
    .all()
    .map((article) => ({ article, score: matchScore(queryWords, article) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
  const picked = scored.slice(0, limit).map((entry) => entry.article);
  return picked.length > 0 ? picked : catalog.all().slice(0, limit);
}

/** The article a non-empty query names (an exact id, a short reference, or a clear best title match). */
export function matchArticle(catalog: ArticleCatalog, query: string): Article | undefined {
  const trimmed = query.trim();
  const exact = catalog.byId(trimmed.toLowerCase()) ?? catalog.byRef(trimmed);
  if (exact) return exact;
  const queryWords = words(trimmed);
  const scored = catalog
    .all()
    .map((article) => ({ article, score: matchScore(queryWords, article) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (best && best.score >= 0.6 && (!second || best.score > second.score || second.score < 0.6))
    return best.article;
  return undefined;
}

/** No query: the newest article. Otherwise the article the query names, or an error with suggestions. */
export function findArticle(catalog: ArticleCatalog, query?: string): Article {
  const newest = catalog.all()[0];
  if (!newest) {
    throw new UserError(USER_ERRORS.noArticles, t('article-none-yet'));
  }
  const trimmed = query?.trim() ?? '';
  if (trimmed === '') return newest;
  const found = matchArticle(catalog, trimmed);
  if (found) return found;
  const suggestions = suggestArticles(catalog, trimmed).map((article) => article.id);
  throw new UserError(
    USER_ERRORS.unknownArticle,
    t('article-no-match', { typed: echoTyped(trimmed) }),
    suggestions,
  );
}
