// When an article is published, as epoch milliseconds (a bare date means midnight UTC).
import type { Article } from './article-schema.ts';

export function publishedMs(article: Pick<Article, 'published'>): number {
  const date = article.published;
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}
