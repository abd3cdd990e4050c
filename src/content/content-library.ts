// The live article set: loaded at start, reloaded on edits; a file that turns invalid keeps its last good version.
import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from 'pino';
import { ArticleIndex } from '../core/article-catalog.ts';
import type { Article } from './article-schema.ts';
import { type ContentError, formatContentError } from './content-error.ts';
import { fileLabel, isArticleFile, loadContent } from './load-content.ts';

const RELOAD_DEBOUNCE_MS = 150;

export class ContentLibrary {
  #index = new ArticleIndex([]);
  /** Last good article per file label. */
  #good = new Map<string, Article>();
  #errors: ContentError[] = [];
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #reloading: Promise<void> | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(
    readonly dir: string,
    private readonly log: Logger,
  ) {}

  get catalog(): ArticleIndex {
    return this.#index;
  }

  get errors(): readonly ContentError[] {
    return this.#errors;
  }

  /** Called after each reload that changed the article set. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async load(): Promise<void> {
    const result = await loadContent(this.dir);
    const next = new Map<string, Article>();
    for (const { file, article } of result.articles) next.set(file, article);
    const badFiles = new Set(result.errors.map((error) => error.file));
    // A file that is now invalid keeps its last good version, unless its id now belongs to another file.
    const ids = new Set([...next.values()].map((article) => article.id));
    for (const file of badFiles) {
      const previous = this.#good.get(file);
      if (previous && !ids.has(previous.id)) {
        next.set(file, previous);
        ids.add(previous.id);
      }
    }
    for (const error of result.errors) {
      this.log.error({ file: error.file, line: error.line, path: error.path }, formatContentError(error));
    }
    const changed =
      next.size !== this.#good.size || [...next].some(([file, article]) => this.#good.get(file) !== article);
    this.#good = next;
    this.#errors = result.errors;
    this.#index = new ArticleIndex(next.values());
    this.log.info({ articles: next.size, errors: result.errors.length }, 'content loaded');
    if (changed) for (const listener of this.#listeners) listener();
  }

  /** Watches the folder; edits, new files and deletions are picked up without a restart. */
  watch(): void {
    if (this.#watcher) return;
    this.#watcher = watch(this.dir, { recursive: true }, (_event, name) => {
      if (name && !isArticleFile(name.toString().split(/[\\/]/).pop() ?? '')) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
    });
    this.#watcher.on('error', (error) =>
      this.log.error({ err: error, dir: fileLabel(this.dir) }, 'content watch failed'),
    );
  }

  /** Reloads now; concurrent calls share one reload, and one more runs if edits came in meanwhile. */
  async reload(): Promise<void> {
    if (this.#reloading) {
      await this.#reloading;
      return this.reload();
    }
    this.#reloading = this.load().catch((error: unknown) =>
      this.log.error({ err: error }, 'content reload failed'),
    );
    try {
      await this.#reloading;
    } finally {
      this.#reloading = undefined;
    }
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
  }
}
