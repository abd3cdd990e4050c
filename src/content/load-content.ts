// Loads every article in a folder (recursively, following links); one bad file or folder never stops the others.
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import type { Article } from './article-schema.ts';
import type { ContentError } from './content-error.ts';
import { type ContentFs, fsErrorCode, nodeContentFs } from './content-fs.ts';
import { generateQuestions, MIN_GENERATED_QUIZ, type SkippedSentence } from './generate-questions.ts';
import { MAX_ARTICLE_BYTES, NOT_A_FILE, readArticleFile } from './read-article-file.ts';

export interface LoadedArticle {
  file: string;
  /** With its generated questions after the written ones. */
  article: Article;
  /** How many of the article's questions were generated from its focus sentences. */
  generated: number;
  /**
   * 1-based line of each question in the file, in the article's order: a written question's heading,
   * a generated one's focus sentence.
   */
  questionLines: (number | undefined)[];
}
export interface ContentLoad {
  articles: LoadedArticle[];
  errors: ContentError[];
  files: number;
  /** Labels of folders that could not be read (the content folder itself included): what they hold is unknown, not gone. */
  unreadable: string[];
  /** Where the content really is: what a watcher must watch, and nothing else. */
  sources: ContentSources;
  /** Markdown files and folders left out on purpose by their names (drafts, hidden files), with why. */
  skipped: SkippedEntry[];
}

export interface SkippedEntry {
  file: string;
  reason: string;
}

export interface ContentSources {
  /** The real path of every folder read, each once. */
  folders: string[];
  /** Real paths of article files read through a link whose folder is not among `folders`. */
  files: string[];
}

export interface LoadOptions {
  fs?: ContentFs;
  /** Where the folder's path came from, so a missing folder names the right thing to fix. */
  origin?: 'CONTENT_DIR' | 'argument';
}

const READ_CONCURRENCY = 64;
/** Folders read at most, links included: a link to a home folder or to / must not read the machine. */
export const MAX_CONTENT_FOLDERS = 1_000;

/** Names that hold no articles: drafts and hidden files or folders (`_draft.md`, `.git/`). */
export const isSkippedName = (name: string) => name.startsWith('_') || name.startsWith('.');
const isReadme = (name: string) => /^readme\.md$/i.test(name);

/** Markdown files that hold articles: not READMEs, not drafts or hidden files starting with `_` or `.`. */
export function isArticleFile(name: string): boolean {
  return name.endsWith('.md') && !isReadme(name) && !isSkippedName(name);
}

/** Why a Markdown file of this name is not read as an article, or undefined when it is. */
export function skipReason(name: string, kind: 'file' | 'folder' = 'file'): string | undefined {
  if (kind === 'folder') {
    return name.startsWith('_')
      ? 'a folder of drafts: its name starts with _ (drop the _ to publish what it holds)'
      : undefined;
  }
  if (!name.endsWith('.md')) return undefined;
  if (name.startsWith('.')) return 'hidden: its name starts with a dot';
  if (name.startsWith('_')) return 'a draft: its name starts with _ (drop the _ to publish it)';
  if (isReadme(name)) return 'a file named README holds notes about the folder, not an article';
  return undefined;
}

/** Labels name files relative to the working directory, as editors and terminals show them. */
export function fileLabel(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** True when `label` is `folder` or lies inside it. */
export function isInside(label: string, folder: string): boolean {
  // The working directory itself is labelled '' and holds everything.
  if (folder === '') return true;
  return label === folder || label.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

function rootProblem(dir: string, code: string, origin: LoadOptions['origin']): string {
  if (origin === 'argument') {
    const fix = 'pass the folder that holds your articles, e.g. npm run content:check content';
    if (code === 'ENOENT') return `${dir} does not exist; ${fix}`;
    if (code === 'ENOTDIR') return `${dir} is a file, not a folder; ${fix}`;
    return `${dir} cannot be read (${code}); check its permissions`;
  }
  const fix = 'create it or set CONTENT_DIR to the folder that holds your articles (default ./content)';
  if (code === 'ENOENT') return `CONTENT_DIR points to ${dir}, which does not exist; ${fix}`;
  if (code === 'ENOTDIR') return `CONTENT_DIR points to ${dir}, which is a file, not a folder; ${fix}`;
  return `CONTENT_DIR points to ${dir}, which cannot be read (${code}); check its permissions`;
}

interface Listing {
  /** Article files, each read once even when links lead to it twice. */
  files: string[];
  errors: ContentError[];
  unreadable: string[];
  sources: ContentSources;
  skipped: SkippedEntry[];
  /** READMEs, which are notes unless they were written as articles. */
  readmes: string[];
}

/**
 * Walks the folder depth-first, following links to files and folders inside or outside it. Each real
 * folder is read once: a link back to a folder it is inside is reported (it would loop), a second way to
 * a folder already read is skipped without a word.
 */
async function listArticleFiles(
  root: string,
  fs: ContentFs,
  origin: LoadOptions['origin'],
): Promise<Listing> {
  const listing: Listing = {
    files: [],
    errors: [],
    unreadable: [],
    sources: { folders: [], files: [] },
    skipped: [],
    readmes: [],
  };
  const found: { path: string; real: string }[] = [];
  const read = new Set<string>();
  let stoppedAt: string | undefined;
  const problem = (path: string, message: string) =>
    listing.errors.push({ file: fileLabel(path), path: '', message });

  const walk = async (dir: string, ancestors: readonly string[]): Promise<void> => {
    let real: string;
    let entries: Awaited<ReturnType<ContentFs['readdir']>>;
    try {
      real = await fs.realpath(dir);
      entries = await fs.readdir(dir);
    } catch (error) {
      const code = fsErrorCode(error);
      listing.unreadable.push(fileLabel(dir));
      if (dir === root) listing.errors.push({ file: '', path: '', message: rootProblem(root, code, origin) });
      else
        problem(
          dir,
          `cannot read this folder (${code}); the articles in it are skipped. Check its permissions`,
        );
      return;
    }
    if (ancestors.includes(real)) {
      problem(
        dir,
        `links back to ${fileLabel(real)}, a folder it is inside; skipped so reading does not loop`,
      );
      return;
    }
    if (read.has(real)) return;
    read.add(real);
    listing.sources.folders.push(real);
    const inside = [...ancestors, real];
    for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (isSkippedName(entry.name)) {
        // Left out on purpose, but said: an author looking for a file learns where it went.
        const reason = skipReason(entry.name, entry.isDirectory() ? 'folder' : 'file');
        if (reason) listing.skipped.push({ file: fileLabel(path), reason });
        continue;
      }
      let kind: 'file' | 'folder' | 'other' = entry.isDirectory()
        ? 'folder'
        : entry.isFile()
          ? 'file'
          : 'other';
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.stat(path);
          kind = target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
        } catch (error) {
          // A dangling link is only worth a word when it looks like an article.
          if (isArticleFile(entry.name))
            problem(path, `is a link to a file that cannot be read (${fsErrorCode(error)})`);
          continue;
        }
      }
      if (kind === 'folder') {
        if (stoppedAt !== undefined) continue;
        if (read.size >= MAX_CONTENT_FOLDERS) {
          stoppedAt = dir;
          problem(
            dir,
            `reading stopped after ${MAX_CONTENT_FOLDERS} folders (links included); the rest is skipped. Does a link point at a large folder such as a home folder or /?`,
          );
          continue;
        }
        await walk(path, inside);
      } else if (kind === 'other' && isArticleFile(entry.name)) problem(path, NOT_A_FILE);
      else if (kind === 'file' && isReadme(entry.name)) listing.readmes.push(path);
      else if (kind === 'file' && isArticleFile(entry.name)) {
        found.push({
          path,
          real: entry.isSymbolicLink() ? await fs.realpath(path).catch(() => path) : join(real, entry.name),
        });
      }
    }
  };
  await walk(root, []);
  listing.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const path of listing.readmes) {
    // A README that opens with front matter was written as an article: say why it is not one.
    const head = await fs.readFile(path, MAX_ARTICLE_BYTES).then(
      (read) => (read.kind === 'bytes' ? read.bytes.subarray(0, 8).toString('utf8') : ''),
      () => '',
    );
    if (/^(\uFEFF)?---\r?\n/.test(head)) {
      const renamed = `${basename(path, extname(path)).toLowerCase()}-article.md`;
      problem(
        path,
        `is an article named README, and files named README hold notes about the folder, so it is not loaded; rename it (e.g. ${renamed}) to publish it`,
      );
    }
  }

  const seen = new Set<string>();
  for (const { path, real } of found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (seen.has(real)) continue;
    seen.add(real);
    listing.files.push(path);
    if (!read.has(dirname(real))) listing.sources.files.push(real);
  }
  return listing;
}

/** Why an article without written questions has no quiz, and what to do about it. */
export function noQuizMessage(count: number, skipped: readonly SkippedSentence[]): string {
  const why = skipped.map((entry) => `reading.${entry.sentence} ${entry.reason}`).join('; ');
  return (
    `has no written questions and only ${count} can be generated from the focus sentences` +
    `${why ? ` (${why})` : ''}; a quiz needs at least ${MIN_GENERATED_QUIZ}: write questions under "## Questions",` +
    ' or tag more focus sentences with entities that appear in their text'
  );
}

export async function loadContent(dir: string, options: LoadOptions = {}): Promise<ContentLoad> {
  const fs = options.fs ?? nodeContentFs;
  const { files, errors, unreadable, sources, skipped } = await listArticleFiles(dir, fs, options.origin);
  const results = new Array<Awaited<ReturnType<typeof readArticleFile>>>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index] as string;
      results[index] = await readArticleFile(file, fileLabel(file), fs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));

  const parsed: {
    file: string;
    article: Article;
    quizLine: number | undefined;
    lines: { questions: (number | undefined)[]; reading: (number | undefined)[] };
  }[] = [];
  const owners = new Map<string, string>();
  results.forEach((result, index) => {
    const file = fileLabel(files[index] as string);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    const owner = owners.get(result.article.id);
    if (owner) {
      errors.push({
        file,
        path: 'id',
        message: `"${result.article.id}" is already used by ${owner}; ids must be unique`,
        ...(result.idLine === undefined ? {} : { line: result.idLine }),
      });
      return;
    }
    owners.set(result.article.id, file);
    parsed.push({ file, article: result.article, quizLine: result.quizLine, lines: result.lines });
  });

  // Distractors come from every article read, so generation waits for the whole folder.
  const generated = generateQuestions(parsed.map((entry) => entry.article));
  const articles: LoadedArticle[] = [];
  for (const { file, article, quizLine, lines } of parsed) {
    const extra = generated.get(article.id) ?? { questions: [], sentences: [], skipped: [] };
    if (article.questions.length === 0 && extra.questions.length < MIN_GENERATED_QUIZ) {
      errors.push({
        file,
        path: 'questions',
        message: noQuizMessage(extra.questions.length, extra.skipped),
        ...(quizLine === undefined ? {} : { line: quizLine }),
      });
      continue;
    }
    articles.push({
      file,
      article: { ...article, questions: [...article.questions, ...extra.questions] },
      generated: extra.questions.length,
      questionLines: [...lines.questions, ...extra.sentences.map((sentence) => lines.reading[sentence])],
    });
  }
  return { articles, errors, files: files.length, unreadable, sources, skipped };
}
