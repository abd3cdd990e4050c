// What has been imported already, by story key: the drafts folder's index of imports (kept when a draft
// is deleted or published, so a rejected story does not come back), the keys each draft names in its
// header, and the library's published articles (by their source link). Feed polling asks the same index.
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Article } from '../content/article-schema.ts';
import { fsErrorCode } from '../content/content-fs.ts';
import { urlKey } from './story-identity.ts';

/** Drafts live here, inside the content folder; the loader skips folders starting with `_`. */
export const DRAFTS_FOLDER = '_drafts';
/** One JSON record per imported story, appended under the drafts folder's lock. */
export const IMPORT_INDEX = 'imported.jsonl';
/** The draft header line that names the story's keys (render-draft writes it). */
export const KEYS_LINE = '# Story keys: ';
/** How much of a draft is read to find its keys line. */
const HEADER_BYTES = 4096;

export const importRecordSchema = z.object({
  keys: z.array(z.string().min(1)).min(1),
  id: z.string().min(1),
  url: z.string(),
  at: z.string(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;

export type ImportedWhere = { id: string; where: 'draft' | 'library' };

export interface ImportedStories {
  /** Where a story with any of these keys went already, if it did. */
  find(keys: readonly string[]): ImportedWhere | undefined;
  /** Ids taken by drafts and records (a new draft picks another). */
  readonly draftIds: ReadonlySet<string>;
  /** Lines of the index that could not be read (a damaged file); they are skipped. */
  readonly unreadableLines: number;
}

/** The keys a published article is known by: its source link. */
export function libraryKeys(articles: readonly Article[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const article of articles) {
    const key = urlKey(article.source.url);
    if (key) keys.set(key, article.id);
  }
  return keys;
}

async function readIndex(draftsDir: string): Promise<{ records: ImportRecord[]; unreadable: number }> {
  let text: string;
  try {
    text = await readFile(join(draftsDir, IMPORT_INDEX), 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return { records: [], unreadable: 0 };
    throw error;
  }
  const records: ImportRecord[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record = importRecordSchema.safeParse(JSON.parse(line));
      if (record.success) records.push(record.data);
      else unreadable += 1;
    } catch {
      unreadable += 1;
    }
  }
  return { records, unreadable };
}

/**
 * Keys named in the header of each draft the index does not list (one written just before a crash, one
 * written by hand); the others are known from their records, so a large drafts folder is not re-read.
 */
async function draftHeaders(
  draftsDir: string,
  recorded: ReadonlySet<string>,
): Promise<{ id: string; keys: string[] }[]> {
  let names: string[];
  try {
    names = (await readdir(draftsDir)).filter((name) => name.endsWith('.md'));
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const unrecorded = names.filter((name) => !recorded.has(name.slice(0, -'.md'.length)));
  const listed = names
    .filter((name) => recorded.has(name.slice(0, -'.md'.length)))
    .map((name) => ({ id: name.slice(0, -'.md'.length), keys: [] }));
  return [
    ...listed,
    ...(await Promise.all(
      unrecorded.map(async (name) => {
        const head = (await readFile(join(draftsDir, name))).subarray(0, HEADER_BYTES).toString('utf8');
        const line = head.split('\n').find((entry) => entry.startsWith(KEYS_LINE));
        const keys = line ? line.slice(KEYS_LINE.length).split(' ').filter(Boolean) : [];
        return { id: name.slice(0, -'.md'.length), keys };
      }),
    )),
  ];
}

export async function readImportedStories(
  draftsDir: string,
  published: ReadonlyMap<string, string>,
): Promise<ImportedStories> {
  const { records, unreadable } = await readIndex(draftsDir);
  const headers = await draftHeaders(draftsDir, new Set(records.map((record) => record.id)));
  const drafts = new Map<string, string>();
  for (const { id, keys } of [...records, ...headers]) for (const key of keys) drafts.set(key, id);
  const draftIds = new Set([...records.map((record) => record.id), ...headers.map((header) => header.id)]);
  return {
    draftIds,
    unreadableLines: unreadable,
    find(keys) {
      for (const key of keys) {
        const id = published.get(key);
        if (id) return { id, where: 'library' };
      }
      for (const key of keys) {
        const id = drafts.get(key);
        if (id) return { id, where: 'draft' };
      }
      return undefined;
    },
  };
}

export async function appendImportRecord(draftsDir: string, record: ImportRecord): Promise<void> {
  await appendFile(join(draftsDir, IMPORT_INDEX), `${JSON.stringify(record)}\n`, 'utf8');
}
