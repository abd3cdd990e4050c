// Publishes a draft: moves <CONTENT_DIR>/_drafts/<name>.md into the library when it passes every check
// content:check makes, against the library as it is at that moment, and refuses with the problems
// otherwise. content:publish, the preview's Publish button and feeds with `publish: auto` share it.
import { constants } from 'node:fs';
import { copyFile, link, lstat, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { slugSchema } from '../content/article-schema.ts';
import type { ContentError } from '../content/content-error.ts';
import { fsErrorCode } from '../content/content-fs.ts';
import { fileLabel, isArticleFile, loadContent } from '../content/load-content.ts';
import { parseArticle } from '../content/parse-article.ts';
import { readArticleText } from '../content/read-article-file.ts';
import { echoTyped } from '../core/clip-text.ts';
import { checkDraft, takenIdProblem } from './check-draft.ts';
import { withDraftsLock } from './draft-writer.ts';
import { appendImportRecord, DRAFTS_FOLDER, headerKeys } from './imported-stories.ts';
import { urlKey } from './story-identity.ts';

export type PublishRefusalCode =
  /** The name is not a draft's (a path, upper case, `../x`): nothing was looked up. */
  | 'bad-name'
  | 'no-draft'
  /** A link, FIFO or device named like a draft. */
  | 'not-a-file'
  /** The draft does not pass content:check; `problems` says where. */
  | 'problems'
  /** Another article of the library has the draft's id. */
  | 'id-taken'
  /** A file of the draft's name is in the library folder already; it is never overwritten. */
  | 'file-exists';

export type PublishResult =
  | { published: true; id: string; from: string; to: string }
  | { published: false; code: PublishRefusalCode; message: string; problems: ContentError[] };

export interface PublishOptions {
  now?: () => Date;
}

const refuse = (code: PublishRefusalCode, message: string, problems: ContentError[] = []): PublishResult => ({
  published: false,
  code,
  message,
  problems,
});

/** Whether two paths are one file (a move that stopped between its link and its unlink). */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [one, two] = await Promise.all([stat(a), stat(b)]);
    return one.dev === two.dev && one.ino === two.ino;
  } catch {
    return false;
  }
}

/** Where the file system has no hard links at all: a check, then a rename (both under the drafts lock). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS']);

/** Links `from` at `to`, refusing to replace a file there; `no-links` when this file system has none. */
async function linkNoReplace(from: string, to: string): Promise<'linked' | 'exists' | 'no-links'> {
  try {
    await link(from, to);
    return 'linked';
  } catch (error) {
    const code = fsErrorCode(error);
    if (code === 'EEXIST') return 'exists';
    if (NO_HARD_LINKS.has(code)) return 'no-links';
    throw error;
  }
}

/**
 * Puts `from` at `to` without ever replacing a file at `to`: a hard link (atomic, and refused when `to`
 * exists), then the draft's name removed. A drafts folder on another file system (a link to elsewhere)
 * is copied beside the target first, under a name the loader skips.
 */
async function moveNoReplace(from: string, to: string): Promise<'moved' | 'exists'> {
  let source = from;
  let linked: Awaited<ReturnType<typeof linkNoReplace>>;
  try {
    linked = await linkNoReplace(from, to);
  } catch (error) {
    if (fsErrorCode(error) !== 'EXDEV') throw error;
    source = join(dirname(to), `.${basename(to)}.publishing`);
    await rm(source, { force: true });
    await copyFile(from, source, constants.COPYFILE_EXCL);
    linked = await linkNoReplace(source, to);
  }
  try {
    if (linked === 'exists') return 'exists';
    if (linked === 'no-links') {
      const taken = await lstat(to).then(
        () => true,
        (error: unknown) => {
          if (fsErrorCode(error) === 'ENOENT') return false;
          throw error;
        },
      );
      if (taken) return 'exists';
      await rename(source, to);
    }
  } finally {
    if (source !== from) await rm(source, { force: true });
  }
  // Renamed, the draft's name is gone already.
  if (!(linked === 'no-links' && source === from)) await unlink(from);
  return 'moved';
}

/** `name` is the draft's file name without `.md` (its id as imported). */
export async function publishDraft(
  contentDir: string,
  name: string,
  options: PublishOptions = {},
): Promise<PublishResult> {
  if (!slugSchema.safeParse(name).success) {
    return refuse(
      'bad-name',
      `${echoTyped(name, 80)} is not a draft's name: give the draft's file name without .md, lower-case letters, digits and single hyphens, e.g. harbor-bridge-sensors`,
    );
  }
  const draftsDir = join(contentDir, DRAFTS_FOLDER);
  const draftPath = join(draftsDir, `${name}.md`);
  const label = fileLabel(draftPath);
  if (!isArticleFile(`${name}.md`)) {
    return refuse('problems', `${label} cannot be published under its name`, [
      {
        file: label,
        path: '',
        message: `${name}.md would be skipped in the library (a file named README holds notes, not an article); rename the draft, e.g. ${name}-article.md`,
      },
    ]);
  }
  const missing = () =>
    refuse('no-draft', `There is no draft ${name}: ${label} does not exist (published or deleted already?)`);
  const folder = await stat(draftsDir).catch(() => undefined);
  if (!folder?.isDirectory()) return missing();

  return withDraftsLock(draftsDir, async () => {
    const target = join(contentDir, `${name}.md`);
    const info = await lstat(draftPath).catch((error: unknown) => {
      if (fsErrorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) return missing();
    if (!info.isFile()) {
      return refuse(
        'not-a-file',
        `${label} is ${info.isSymbolicLink() ? 'a link' : 'not a regular file'}; only a draft file is moved into the library`,
      );
    }
    const read = await readArticleText(draftPath, label);
    if (!read.ok) return refuse('problems', `${label} does not pass content:check`, [read.error]);
    const { text } = read;

    // The library as it is now: another article may have taken the id since the draft was written.
    const loaded = await loadContent(contentDir);
    const library = loaded.articles.map((entry) => entry.article);
    const check = checkDraft(label, text, name, library);
    const parsed = parseArticle(label, text);
    if (check.errors.length > 0 || !parsed.ok) {
      return refuse('problems', `${label} does not pass content:check`, check.errors);
    }
    const taken = takenIdProblem(
      label,
      text,
      new Map(loaded.articles.map((entry) => [entry.file, entry.article])),
    );
    // The library's article with this id may be the draft itself, linked there by a move that stopped.
    if (taken && !(await sameFile(target, draftPath))) {
      return refuse('id-taken', `${label} cannot be published: its id is taken`, [taken]);
    }
    const { article } = parsed;
    // A move that stopped after its link (a crash) is finished here rather than refused.
    const resumed = await sameFile(target, draftPath);
    if (resumed) await unlink(draftPath);
    else if ((await moveNoReplace(draftPath, target)) === 'exists') {
      return refuse(
        'file-exists',
        `${fileLabel(target)} already exists, and a draft is never moved over a file; rename the draft or the other file`,
      );
    }
    // The import record names the published article, so the story is known as published by every key.
    const keys = [...new Set([...headerKeys(text), urlKey(article.source.url)])].filter(
      (key): key is string => key !== undefined,
    );
    if (keys.length > 0) {
      const at = (options.now?.() ?? new Date()).toISOString();
      await appendImportRecord(draftsDir, { keys, id: article.id, url: article.source.url, at });
    }
    return { published: true, id: article.id, from: label, to: fileLabel(target) };
  });
}
