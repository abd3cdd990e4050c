// The drafts waiting in <CONTENT_DIR>/_drafts/, newest first, each checked as content:check would check it
// inside the library: what the preview lists beside its Publish buttons.
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Article, slugSchema } from '../content/article-schema.ts';
import type { ContentError } from '../content/content-error.ts';
import { fsErrorCode } from '../content/content-fs.ts';
import { fileLabel, isArticleFile } from '../content/load-content.ts';
import { NOT_A_FILE, readArticleText } from '../content/read-article-file.ts';
import { clipText } from '../core/clip-text.ts';
import { checkDraft, type DraftCheck, takenIdProblem } from './check-draft.ts';
import { DRAFTS_FOLDER } from './imported-stories.ts';

/** Drafts checked and listed at most (the newest); a feed running for months can leave many more. */
export const MAX_LISTED_DRAFTS = 100;

export interface ListedDraft {
  /** The file name without `.md`: what content:publish and the Publish button take. */
  name: string;
  /** The file as content:check names it. */
  file: string;
  /** The front matter's title, when it has one. */
  title: string | undefined;
  modifiedMs: number;
  check: DraftCheck;
}

export interface DraftList {
  drafts: ListedDraft[];
  /** Older drafts past MAX_LISTED_DRAFTS, not checked. */
  notShown: number;
}

/** The title a draft's front matter gives, read leniently (the draft may not be valid yet). */
function frontMatterTitle(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return undefined;
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (closing < 0) return undefined;
  try {
    const data: unknown = parse(lines.slice(1, closing).join('\n'), { maxAliasCount: 100 });
    const title = (data as { title?: unknown } | null)?.title;
    return typeof title === 'string' && title.trim() !== '' ? clipText(title.trim(), 200) : undefined;
  } catch {
    return undefined;
  }
}

/** A check that failed before the draft could be read. */
const unreadable = (error: ContentError): DraftCheck => ({
  errors: [error],
  needs: [],
  problems: [error],
  generated: 0,
});

async function checkOne(
  dir: string,
  entry: Dirent,
  modifiedMs: number,
  library: ReadonlyMap<string, Article>,
): Promise<ListedDraft> {
  const path = join(dir, entry.name);
  const file = fileLabel(path);
  const name = entry.name.slice(0, -'.md'.length);
  const listed = (check: DraftCheck, title?: string): ListedDraft => ({
    name,
    file,
    title,
    modifiedMs,
    check,
  });
  if (!entry.isFile()) {
    const message = entry.isSymbolicLink()
      ? 'is a link; only a draft file is moved into the library'
      : NOT_A_FILE;
    return listed(unreadable({ file, path: '', message }));
  }
  const read = await readArticleText(path, file);
  if (!read.ok) return listed(unreadable(read.error));
  const { text } = read;
  const check = checkDraft(file, text, name, [...library.values()]);
  const taken = takenIdProblem(file, text, library);
  if (taken) {
    check.errors.push(taken);
    check.problems.push(taken);
  }
  if (!slugSchema.safeParse(name).success) {
    const error: ContentError = {
      file,
      path: '',
      message:
        'the file name is not an id: rename it to lower-case letters, digits and single hyphens, then .md',
    };
    check.errors.push(error);
    check.problems.push(error);
  }
  return listed(check, frontMatterTitle(text));
}

/** `library` is the library's articles by file, for the ids and the generated questions each draft would get. */
export async function listDrafts(
  contentDir: string,
  library: ReadonlyMap<string, Article>,
): Promise<DraftList> {
  const dir = join(contentDir, DRAFTS_FOLDER);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT' || fsErrorCode(error) === 'ENOTDIR')
      return { drafts: [], notShown: 0 };
    throw error;
  }
  const candidates = await Promise.all(
    entries
      .filter((entry) => isArticleFile(entry.name))
      .map(async (entry) => ({
        entry,
        modifiedMs: await lstat(join(dir, entry.name)).then(
          (info) => info.mtimeMs,
          () => 0,
        ),
      })),
  );
  candidates.sort((a, b) => b.modifiedMs - a.modifiedMs || (a.entry.name < b.entry.name ? -1 : 1));
  const shown = candidates.slice(0, MAX_LISTED_DRAFTS);
  const drafts = await Promise.all(
    shown.map(({ entry, modifiedMs }) => checkOne(dir, entry, modifiedMs, library)),
  );
  return { drafts, notShown: candidates.length - shown.length };
}
