// Reads one article file from disk, guarding size and encoding, and parses it.

import type { ContentError } from './content-error.ts';
import { type ContentFs, type FileRead, fsErrorCode, nodeContentFs } from './content-fs.ts';
import { type ParseResult, parseArticle } from './parse-article.ts';

/** Articles are short; anything larger is a mistake (a pasted dump, a binary). */
export const MAX_ARTICLE_BYTES = 256 * 1024;

/** Said of an article-named FIFO, socket or device: reading one could block or never end. */
export const NOT_A_FILE = 'is not a regular file (a FIFO, socket or device); articles must be files';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An article file's text, or why it cannot be read: the size, encoding and file-type guards of the loader. */
export async function readArticleText(
  path: string,
  label: string,
  fs: ContentFs = nodeContentFs,
): Promise<{ ok: true; text: string } | { ok: false; error: ContentError }> {
  const fail = (message: string) => ({ ok: false as const, error: { file: label, path: '', message } });
  let read: FileRead;
  try {
    read = await fs.readFile(path, MAX_ARTICLE_BYTES);
  } catch (error) {
    return fail(`cannot read the file (${fsErrorCode(error)}); check its permissions`);
  }
  if (read.kind === 'not-a-file') return fail(NOT_A_FILE);
  if (read.kind === 'too-large') {
    const size = (read.size / 1024 / 1024).toFixed(1);
    return fail(`file is ${size} MB; an article may be at most ${MAX_ARTICLE_BYTES / 1024} KB`);
  }
  try {
    return { ok: true, text: utf8.decode(read.bytes) };
  } catch {
    return fail('file is not valid UTF-8 text; save it as UTF-8');
  }
}

/** `label` is how errors name the file (a path relative to the working directory). */
export async function readArticleFile(
  path: string,
  label: string,
  fs: ContentFs = nodeContentFs,
): Promise<ParseResult> {
  const read = await readArticleText(path, label, fs);
  return read.ok ? parseArticle(label, read.text) : { ok: false, errors: [read.error] };
}
