// Reads one article file from disk, guarding size and encoding, and parses it.
import { readFile, stat } from 'node:fs/promises';
import type { ContentError } from './content-error.ts';
import { type ParseResult, parseArticle } from './parse-article.ts';

/** Articles are short; anything larger is a mistake (a pasted dump, a binary). */
export const MAX_ARTICLE_BYTES = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(file: string, message: string): ParseResult {
  const error: ContentError = { file, path: '', message };
  return { ok: false, errors: [error] };
}

/** `label` is how errors name the file (a path relative to the content folder's parent). */
export async function readArticleFile(path: string, label: string): Promise<ParseResult> {
  try {
    const info = await stat(path);
    if (info.size > MAX_ARTICLE_BYTES) {
      const size = (info.size / 1024 / 1024).toFixed(1);
      return fail(label, `file is ${size} MB; an article may be at most ${MAX_ARTICLE_BYTES / 1024} KB`);
    }
    const bytes = await readFile(path);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return fail(label, 'file is not valid UTF-8 text; save it as UTF-8');
    }
    return parseArticle(label, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return fail(label, `could not read the file (${code})`);
  }
}
