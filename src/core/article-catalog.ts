// The set of articles the core works on: newest first, looked up by id or by short reference.
import type { Article } from '../content/article-schema.ts';
import { publishedMs } from '../content/published-at.ts';

export interface ArticleCatalog {
  /** Newest first. */
  all(): readonly Article[];
  byId(id: string): Article | undefined;
  /** By the short reference buttons carry (see articleRef). */
  byRef(ref: string): Article | undefined;
  /** Topic → number of articles, most used first. */
  topics(): readonly { topic: string; count: number }[];
}

/** A short, stable reference to an article that fits in a 64-byte button payload. */
export function articleRef(id: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export class ArticleIndex implements ArticleCatalog {
  readonly #sorted: Article[];
  readonly #byId = new Map<string, Article>();
  readonly #byRef = new Map<string, Article>();
  readonly #topics: { topic: string; count: number }[];

  constructor(articles: Iterable<Article>) {
    this.#sorted = [...articles].sort((a, b) => publishedMs(b) - publishedMs(a) || a.id.localeCompare(b.id));
    const counts = new Map<string, number>();
    for (const article of this.#sorted) {
      this.#byId.set(article.id, article);
      this.#byRef.set(articleRef(article.id), article);
      for (const topic of article.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    }
    this.#topics = [...counts]
      .map(([topic, count]) => ({ topic, count }))
      .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic));
  }

  all(): readonly Article[] {
    return this.#sorted;
  }
  byId(id: string): Article | undefined {
    return this.#byId.get(id);
  }
  byRef(ref: string): Article | undefined {
    return this.#byRef.get(ref);
  }
  topics(): readonly { topic: string; count: number }[] {
    return this.#topics;
  }
}
