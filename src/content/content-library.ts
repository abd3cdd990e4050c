// The live article set: loaded at start, reloaded on edits. A file that turns invalid or unreadable keeps
// its last good version, so a read error never empties a running bot.
import type { Logger } from 'pino';
import type { Article } from './article-schema.ts';
import { type ContentError, formatContentError } from './content-error.ts';
import type { ContentFs } from './content-fs.ts';
import { ContentWatcher } from './content-watcher.ts';
import { type ContentSources, isInside, loadContent } from './load-content.ts';
import { publishedMs } from './published-at.ts';

const RELOAD_DEBOUNCE_MS = 150;

export interface ContentLibraryOptions {
  /** The time now, in epoch ms: articles dated later are counted as scheduled in the report. */
  now?: () => number;
  fs?: ContentFs;
  /**
   * Write each change of the problems to the structured log (servers). The playground shows them
   * on its own screen instead (see onProblems).
   */
  logProblems?: boolean;
}

/** The state of the content after a load, as the people editing it need to know it. */
export interface ContentReport {
  dir: string;
  /** Articles readers can see now. */
  articles: number;
  /** Articles dated in the future, hidden until then. */
  scheduled: number;
  errors: readonly ContentError[];
}

const isEmpty = (report: ContentReport) => report.articles === 0 && report.scheduled === 0;

/** True when the content has errors or no articles at all. */
export function hasProblems(report: ContentReport): boolean {
  return report.errors.length > 0 || isEmpty(report);
}

/**
 * Lines for a person: every problem as `file:line → field: message` and why there is nothing to
 * read; with no problems, one line saying so.
 */
export function describeReport(report: ContentReport): string[] {
  const lines = report.errors.map(formatContentError);
  // A missing or unreadable folder already says why there is nothing.
  const folderProblem = report.errors.some((error) => error.file === '');
  if (isEmpty(report) && !folderProblem) {
    lines.push(
      `There are no articles: ${report.dir} holds none. Add Markdown files there (see content/README.md) or set CONTENT_DIR.`,
    );
  }
  if (lines.length > 0) return lines;
  const scheduled = report.scheduled > 0 ? `, ${report.scheduled} scheduled` : '';
  return [
    `Content has no problems: ${report.articles} article${report.articles === 1 ? '' : 's'}${scheduled}.`,
  ];
}

export class ContentLibrary {
  #articles: readonly Article[] = [];
  /** Last good article per file label. */
  #good = new Map<string, Article>();
  /** The lines of the last good article's questions per file label (see LoadedArticle.questionLines). */
  #lines = new Map<string, readonly (number | undefined)[]>();
  #errors: ContentError[] = [];
  /** What the problems looked like after the last load (at first: none), to report only changes. */
  #problemKey = JSON.stringify([[], false]);
  #watcher: ContentWatcher | undefined;
  /** What the last load read: what the watcher watches. */
  #sources: ContentSources = { folders: [], files: [] };
  #timer: NodeJS.Timeout | undefined;
  #reloading: Promise<void> | undefined;
  readonly #now: () => number;
  readonly #listeners = new Set<() => void>();
  readonly #problemListeners = new Set<(report: ContentReport) => void>();

  constructor(
    readonly dir: string,
    private readonly log: Logger,
    private readonly options: ContentLibraryOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
  }

  /**
   * Every valid article, scheduled (future-dated) ones included: what readers may see at a given
   * moment is the core's decision (its released catalog).
   */
  get articles(): readonly Article[] {
    return this.#articles;
  }

  /** Every article by file label, scheduled ones included (the authoring preview lists them all). */
  get files(): ReadonlyMap<string, Article> {
    return this.#good;
  }

  /** 1-based line of each question of the file's article, in the article's order. */
  questionLines(file: string): readonly (number | undefined)[] {
    return this.#lines.get(file) ?? [];
  }

  get errors(): readonly ContentError[] {
    return this.#errors;
  }

  /** The folders being watched for edits (real paths, sorted): those the last load read. */
  get watching(): string[] {
    return this.#watcher?.folders ?? [];
  }

  get report(): ContentReport {
    const now = this.#now();
    const scheduled = this.#articles.filter((article) => publishedMs(article) > now).length;
    return {
      dir: this.dir,
      articles: this.#articles.length - scheduled,
      scheduled,
      errors: this.#errors,
    };
  }

  /** Called after each reload that changed the article set. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Called after a load whose problems (errors, or an empty folder) differ from the previous load's,
   * including when they are all fixed: a reload that finds the same problems reports nothing.
   */
  onProblems(listener: (report: ContentReport) => void): () => void {
    this.#problemListeners.add(listener);
    return () => this.#problemListeners.delete(listener);
  }

  async load(): Promise<void> {
    const result = await loadContent(this.dir, {
      origin: 'CONTENT_DIR',
      ...(this.options.fs ? { fs: this.options.fs } : {}),
    });
    const next = new Map<string, Article>();
    const lines = new Map<string, readonly (number | undefined)[]>();
    for (const { file, article, questionLines } of result.articles) {
      next.set(file, article);
      lines.set(file, questionLines);
    }
    // Keep the last good version of a file that is now invalid or unreadable, or inside a folder that
    // could not be read, unless its id now belongs to another file.
    const ids = new Set([...next.values()].map((article) => article.id));
    const keep = (file: string) => {
      const previous = this.#good.get(file);
      if (previous && !next.has(file) && !ids.has(previous.id)) {
        next.set(file, previous);
        lines.set(file, this.#lines.get(file) ?? []);
        ids.add(previous.id);
      }
    };
    for (const error of result.errors) if (error.file) keep(error.file);
    for (const file of this.#good.keys()) {
      if (result.unreadable.some((folder) => isInside(file, folder))) keep(file);
    }
    const changed =
      next.size !== this.#good.size || [...next].some(([file, article]) => this.#good.get(file) !== article);
    this.#good = next;
    this.#lines = lines;
    this.#errors = result.errors;
    this.#sources = result.sources;
    this.#watcher?.update(result.sources);
    this.#articles = [...next.values()];
    this.log.info({ articles: next.size, errors: result.errors.length }, 'content loaded');
    this.#reportProblems();
    if (changed) for (const listener of this.#listeners) listener();
  }

  #reportProblems(): void {
    const report = this.report;
    const empty = isEmpty(report);
    const key = JSON.stringify([report.errors.map(formatContentError), empty]);
    if (key === this.#problemKey) return;
    this.#problemKey = key;
    if (this.options.logProblems !== false) {
      for (const error of report.errors) {
        this.log.error({ file: error.file, line: error.line, path: error.path }, formatContentError(error));
      }
      if (empty) this.log.warn({ dir: this.dir }, describeReport({ ...report, errors: [] }).join(' '));
    }
    for (const listener of this.#problemListeners) listener(report);
  }

  /**
   * Watches what the last load read (edits, saves by rename, new files, deletions, folders and links),
   * following the loader's rules: after each reload, what it read is what is watched.
   */
  async watch(): Promise<void> {
    if (this.#watcher) return;
    this.#watcher = new ContentWatcher(() => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
    }, this.log);
    this.#watcher.update(this.#sources);
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

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    const watcher = this.#watcher;
    this.#watcher = undefined;
    watcher?.close();
  }
}
