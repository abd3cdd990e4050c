// Watches exactly what the last load read: each real folder it listed (once, whatever links lead there)
// and, for an article linked from elsewhere, that file in its own folder. The loader decides what is
// content (loops, `_` and `.` names, the folder limit); the watcher never walks anything by itself.
import { type FSWatcher, watch } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { fsErrorCode } from './content-fs.ts';
import { type ContentSources, fileLabel, isArticleFile, isSkippedName } from './load-content.ts';

/** What matters in one watched folder: everything the loader reads there, or only some linked files. */
interface Interest {
  everything: boolean;
  names: Set<string>;
}

export class ContentWatcher {
  readonly #watchers = new Map<string, { watcher: FSWatcher; interest: Interest }>();
  /** Folders already reported as impossible to watch, so a reload does not repeat it. */
  readonly #reported = new Set<string>();
  #closed = false;

  constructor(
    private readonly onChange: () => void,
    private readonly log: Logger,
  ) {}

  /** The folders watched now, sorted. */
  get folders(): string[] {
    return [...this.#watchers.keys()].sort();
  }

  /** Watches what `sources` names and stops watching the rest. */
  update(sources: ContentSources): void {
    if (this.#closed) return;
    const wanted = new Map<string, Interest>();
    for (const folder of sources.folders) wanted.set(folder, { everything: true, names: new Set() });
    for (const file of sources.files) {
      const folder = dirname(file);
      const interest = wanted.get(folder) ?? { everything: false, names: new Set<string>() };
      interest.names.add(basename(file));
      wanted.set(folder, interest);
    }
    for (const [folder, entry] of this.#watchers) {
      if (!wanted.has(folder)) {
        entry.watcher.close();
        this.#watchers.delete(folder);
      }
    }
    for (const [folder, interest] of wanted) {
      const entry = this.#watchers.get(folder);
      if (entry) entry.interest = interest;
      else this.#watch(folder, interest);
    }
  }

  #watch(folder: string, interest: Interest): void {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: false }, (_event, name) => this.#onEvent(folder, name));
    } catch (error) {
      this.#cannotWatch(folder, error);
      return;
    }
    this.#reported.delete(folder);
    watcher.on('error', (error) => {
      // Gone or no longer readable: the folder's parent sees that, and the next load decides.
      watcher.close();
      if (this.#watchers.get(folder)?.watcher === watcher) this.#watchers.delete(folder);
      this.log.debug({ err: error, dir: fileLabel(folder) }, 'content folder watch ended');
      this.onChange();
    });
    this.#watchers.set(folder, { watcher, interest });
  }

  #cannotWatch(folder: string, error: unknown): void {
    if (this.#reported.has(folder)) return;
    this.#reported.add(folder);
    const code = fsErrorCode(error);
    const why =
      code === 'ENOSPC'
        ? 'the system allows no more watches (raise fs.inotify.max_user_watches)'
        : `it cannot be watched (${code})`;
    this.log.error(
      { dir: fileLabel(folder), code },
      `${fileLabel(folder)}: ${why}; edits there are picked up after a restart`,
    );
  }

  #onEvent(folder: string, name: string | Buffer | null): void {
    const entry = this.#watchers.get(folder);
    if (!entry || this.#closed) return;
    if (name === null) {
      this.onChange();
      return;
    }
    const file = name.toString();
    if (entry.interest.names.has(file)) {
      this.onChange();
      return;
    }
    if (!entry.interest.everything || isSkippedName(file)) return;
    if (isArticleFile(file)) {
      this.onChange();
      return;
    }
    // Anything else counts if it is (or was) a folder or a link: what it holds may be content.
    lstat(join(folder, file)).then(
      (info) => {
        if (!this.#closed && (info.isDirectory() || info.isSymbolicLink())) this.onChange();
      },
      () => {
        if (!this.#closed) this.onChange();
      },
    );
  }

  close(): void {
    this.#closed = true;
    for (const { watcher } of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }
}
