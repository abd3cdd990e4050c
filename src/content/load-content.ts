// Loads every article in a folder (recursively); one bad file never stops the others.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Article } from './article-schema.ts';
import type { ContentError } from './content-error.ts';
import { readArticleFile } from './read-article-file.ts';

export interface LoadedArticle {
  file: string;
  article: Article;
}
export interface ContentLoad {
  articles: LoadedArticle[];
  errors: ContentError[];
  files: number;
}

const READ_CONCURRENCY = 64;

/** Markdown files that hold articles: not READMEs, not drafts or hidden files starting with `_` or `.`. */
export function isArticleFile(name: string): boolean {
  return (
    name.endsWith('.md') && !/^readme\.md$/i.test(name) && !name.startsWith('_') && !name.startsWith('.')
  );
}

export async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return (
    entries
      .filter((entry) => entry.isFile() && isArticleFile(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      // Folders starting with `_` or `.` (`_drafts/`, `.git/`) hold no articles either.
      .filter(
        (path) =>
          !relative(dir, path)
            .split(/[\\/]/)
            .some((part) => part.startsWith('.') || part.startsWith('_')),
      )
      .sort()
  );
}

/** Labels name files relative to the working directory, as editors and terminals show them. */
export function fileLabel(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export async function loadContent(dir: string): Promise<ContentLoad> {
  let files: string[];
  try {
    files = await listArticleFiles(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return {
      articles: [],
      files: 0,
      errors: [{ file: dir, path: '', message: `cannot read the folder (${code})` }],
    };
  }
  const results = new Array<Awaited<ReturnType<typeof readArticleFile>>>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index] as string;
      results[index] = await readArticleFile(file, fileLabel(file));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));

  const articles: LoadedArticle[] = [];
  const errors: ContentError[] = [];
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
    articles.push({ file, article: result.article });
  });
  return { articles, errors, files: files.length };
}
