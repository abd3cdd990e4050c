// Reads one article file from disk, guarding size and encoding, and parses it.

import type { ContentError } from './content-error.ts';
import { type ContentFs, type FileRead, fsErrorCode, nodeContentFs } from './content-fs.ts';
import { type ParseResult, parseArticle } from './parse-article.ts';

/** Articles are short; anything larger is a mistake (a pasted dump, a binary). */
export const MAX_ARTICLE_BYTES = 256 * 1024;

/** Said of an article-named FIFO, socket or device: reading one could block or never end. */
export const NOT_A_FILE = 'is not a regular file (a FIFO, socket or device); articles must be files';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(file: string, message: string): ParseResult {
  const error: ContentError = { file, path: '', message };
  return { ok: false, errors: [error] };
}

/** `label` is how errors name the file (a path relative to the working directory). */
export async function readArticleFile(
  path: string,
  label: string,
  fs: ContentFs = nodeContentFs,
): Promise<ParseResult> {
  let read: FileRead;
  try {
    read = await fs.readFile(path, MAX_ARTICLE_BYTES);
  } catch (error) {
    return fail(label, `cannot read the file (${fsErrorCode(error)}); check its permissions`);
  }
  if (read.kind === 'not-a-file') return fail(label, NOT_A_FILE);
  if (read.kind === 'too-large') {
    const size = (read.size / 1024 / 1024).toFixed(1);
    return fail(label, `file is ${size} MB; an article may be at most ${MAX_ARTICLE_BYTES / 1024} KB`);
  }
  const bytes = read.bytes;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(label, 'file is not valid UTF-8 text; save it as UTF-8');
  }
  return parseArticle(label, text);
}
