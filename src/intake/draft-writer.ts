// Writes a draft into <CONTENT_DIR>/_drafts/ and records its story, as one step under the drafts folder's
// lock: two imports of the same story at once (two terminals, a feed poll beside a command) make one draft.
import { mkdir, open, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fsErrorCode } from '../content/content-fs.ts';
import type { Draft } from './draft.ts';
import {
  appendImportRecord,
  DRAFTS_FOLDER,
  type ImportedWhere,
  readImportedStories,
} from './imported-stories.ts';

/** A lock file older than this was left by an import that died; it is taken over. */
const STALE_LOCK_MS = 30_000;
/** How long a writer waits for another import to finish its write. */
const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 25;
const LOCK_FILE = '.import.lock';

export type WriteResult =
  | { written: true; id: string; path: string; text: string }
  | { written: false; existing: ImportedWhere };

export interface DraftWriter {
  readonly draftsDir: string;
  /**
   * Writes `draft` (rendered by `render` once its id is final) unless a story with one of `keys` was
   * imported meanwhile, and records the import.
   */
  write(
    draft: Draft,
    keys: readonly string[],
    url: string,
    render: (id: string) => string,
  ): Promise<WriteResult>;
  /**
   * Records keys a story was found under again (a feed item id for a page imported by its address), so
   * the next poll knows the item without fetching its page.
   */
  remember(keys: readonly string[], id: string, url: string): Promise<void>;
}

export interface DraftWriterOptions {
  contentDir: string;
  /** Ids of the library's articles: a draft never takes one. */
  libraryIds: ReadonlySet<string>;
  /** Published articles by story key. */
  published: ReadonlyMap<string, string>;
  now?: () => Date;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const path = join(dir, LOCK_FILE);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if (fsErrorCode(error) !== 'EEXIST') throw error;
      const since = await stat(path).then(
        (info) => info.mtimeMs,
        () => undefined,
      );
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS)
        await unlink(path).catch(() => undefined);
      else if (Date.now() > deadline) {
        throw new Error(
          `${path} has been held for more than ${LOCK_WAIT_MS / 1000} s by another import; if none is running, delete the file and run again`,
        );
      } else await sleep(LOCK_POLL_MS);
    }
  }
  try {
    return await work();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

/** `base`, or `base-2`, `base-3`… the first that no article, draft or record holds. */
function freeId(base: string, taken: (id: string) => boolean): string {
  const stem = base || 'story';
  if (!taken(stem)) return stem;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${stem.slice(0, 64 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken(id)) return id;
  }
}

export function createDraftWriter(options: DraftWriterOptions): DraftWriter {
  const draftsDir = join(options.contentDir, DRAFTS_FOLDER);
  const now = options.now ?? (() => new Date());
  return {
    draftsDir,
    async write(draft, keys, url, render) {
      await mkdir(draftsDir, { recursive: true });
      return withLock(draftsDir, async () => {
        const imported = await readImportedStories(draftsDir, options.published);
        const existing = imported.find(keys);
        if (existing) return { written: false, existing };
        const id = freeId(
          draft.article.id,
          (candidate) => options.libraryIds.has(candidate) || imported.draftIds.has(candidate),
        );
        const path = join(draftsDir, `${id}.md`);
        const text = render(id);
        // The draft first: its header names the story's keys, so even a crash before the record keeps it imported once.
        await writeFile(path, text, { flag: 'wx' });
        await appendImportRecord(draftsDir, { keys: [...keys], id, url, at: now().toISOString() });
        return { written: true, id, path, text };
      });
    },
    async remember(keys, id, url) {
      await mkdir(draftsDir, { recursive: true });
      await withLock(draftsDir, async () => {
        const imported = await readImportedStories(draftsDir, new Map());
        const fresh = keys.filter((key) => !imported.find([key]));
        if (fresh.length > 0)
          await appendImportRecord(draftsDir, { keys: fresh, id, url, at: now().toISOString() });
      });
    },
  };
}
