// The articles readers may see: those published by now. A scheduled (future-dated) article stays
// hidden from every list, lookup and post until its moment, then appears without a reload.
import type { Article } from '../content/article-schema.ts';
import { publishedMs } from '../content/published-at.ts';
import { type ArticleCatalog, ArticleIndex } from './article-catalog.ts';
import type { Clock } from './clock.ts';

export class ReleasedCatalog implements ArticleCatalog {
  /** Scheduled articles, soonest first. */
  #pending: Article[];
  #released: Article[];
  #index: ArticleIndex;

  constructor(
    articles: Iterable<Article>,
    private readonly clock: Clock,
  ) {
    const now = clock.now();
    const all = [...articles];
    this.#released = all.filter((article) => publishedMs(article) <= now);
    this.#pending = all
      .filter((article) => publishedMs(article) > now)
      .sort((a, b) => publishedMs(a) - publishedMs(b));
    this.#index = new ArticleIndex(this.#released);
  }

  /** The index as of now: rebuilt only when a scheduled article's moment has passed. */
  #current(): ArticleIndex {
    const now = this.clock.now();
    const next = this.#pending[0];
    if (next && publishedMs(next) <= now) {
      const due = this.#pending.filter((article) => publishedMs(article) <= now);
      this.#pending = this.#pending.slice(due.length);
      this.#released = [...this.#released, ...due];
      this.#index = new ArticleIndex(this.#released);
    }
    return this.#index;
  }

  /** Articles not yet published, soonest first. */
  scheduled(): readonly Article[] {
    this.#current();
    return this.#pending;
  }

  all(): readonly Article[] {
    return this.#current().all();
  }
  byId(id: string): Article | undefined {
    return this.#current().byId(id);
  }
  byRef(ref: string): Article | undefined {
    return this.#current().byRef(ref);
  }
  topics(): readonly { topic: string; count: number }[] {
    return this.#current().topics();
  }
}
