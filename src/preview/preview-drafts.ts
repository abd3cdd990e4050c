// The drafts part of the preview: each draft with what it still needs and which checks failed, and a
// watch on the drafts folder (the library's watcher leaves `_drafts/` out, as the loader does).
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Article } from '../content/article-schema.ts';
import { formatContentError } from '../content/content-error.ts';
import { ContentWatcher } from '../content/content-watcher.ts';
import { fileLabel } from '../content/load-content.ts';
import { DRAFTS_FOLDER } from '../intake/imported-stories.ts';
import { listDrafts } from '../intake/list-drafts.ts';

export interface PreviewDraft {
  /** What the Publish button sends: the file name without `.md`. */
  name: string;
  file: string;
  title: string | undefined;
  /** Fields still empty (`audience`, `tldr.whyItMatters`). */
  needs: string[];
  /** The other failed checks, as `file:line → field: message`. */
  problems: string[];
  /** Passes every check content:check makes: Publish moves it into the library. */
  ready: boolean;
  generated: number;
}

export interface PreviewDrafts {
  draftsDir: string;
  drafts: PreviewDraft[];
  /** Older drafts not listed. */
  draftsNotShown: number;
}

/** `library` is the library's articles by file (ContentLibrary.files). */
export async function previewDrafts(
  contentDir: string,
  library: ReadonlyMap<string, Article>,
): Promise<PreviewDrafts> {
  const { drafts, notShown } = await listDrafts(contentDir, library);
  return {
    draftsDir: fileLabel(join(contentDir, DRAFTS_FOLDER)),
    drafts: drafts.map((draft) => ({
      name: draft.name,
      file: draft.file,
      title: draft.title,
      needs: draft.check.needs,
      problems: draft.check.problems.map(formatContentError),
      ready: draft.check.errors.length === 0,
      generated: draft.check.generated,
    })),
    draftsNotShown: notShown,
  };
}

/**
 * Calls `onChange` when a draft is written, edited, renamed or removed, and when the drafts folder
 * appears. Returns a function that stops watching.
 */
export function watchDrafts(contentDir: string, onChange: () => void, log: Logger): () => void {
  let closed = false;
  const watcher = new ContentWatcher(() => {
    void follow();
    onChange();
  }, log);
  // The drafts folder itself, and its name in the content folder (so its creation is noticed).
  const follow = async () => {
    const root = await realpath(contentDir).catch(() => undefined);
    if (!root || closed) return;
    const drafts = await realpath(join(root, DRAFTS_FOLDER)).catch(() => undefined);
    if (closed) return;
    watcher.update({ folders: drafts ? [drafts] : [], files: [join(root, DRAFTS_FOLDER)] });
  };
  void follow();
  return () => {
    closed = true;
    watcher.close();
  };
}
