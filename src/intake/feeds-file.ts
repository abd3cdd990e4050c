// <CONTENT_DIR>/feeds.yaml: the feeds the running bot polls, validated like an article, every problem as
// `feeds.yaml:line → field: message`.
import { join } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { duration } from '../config.ts';
import { CONTENT_LIMITS, topicSchema } from '../content/article-schema.ts';
import type { ContentError } from '../content/content-error.ts';
import { type FileRead, fsErrorCode, nodeContentFs } from '../content/content-fs.ts';
import { fileLabel } from '../content/load-content.ts';
import { frontMatterLine } from '../content/parse-article.ts';

export const FEEDS_FILE = 'feeds.yaml';
/** A feed is polled at most this often: a news feed changes in minutes, not seconds. */
export const MIN_FEED_EVERY_MS = 5 * 60_000;
export const MAX_FEED_EVERY_MS = 7 * 86_400_000;
/** Feeds one file may list. */
export const MAX_FEEDS = 100;
/** feeds.yaml is read up to this size. */
const MAX_FEEDS_FILE_BYTES = 256 * 1024;
const MAX_YAML_ALIASES = 100;

const EVERY_MESSAGE = 'expected how often to poll, from 5m to 7d, e.g. 30m, 2h or 1d';
const URL_MESSAGE = 'expected the http(s) address of a feed, e.g. https://example.org/feed.xml';

/** A schema-level message, except for a missing field. */
const expected = (message: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : message;

const feedUrl = z.string({ error: expected(URL_MESSAGE) }).refine((value) => {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}, URL_MESSAGE);

const feedSchema = z
  .object({
    url: feedUrl,
    topics: z
      .array(topicSchema, { error: 'expected a list of topics, e.g. [ai, open-source]' })
      .max(CONTENT_LIMITS.topics, `at most ${CONTENT_LIMITS.topics} topics`)
      .default([]),
    every: z
      .preprocess(
        (value) => (typeof value === 'number' ? String(value) : value),
        z.string({ error: expected(EVERY_MESSAGE) }),
      )
      .transform((value, context) => {
        const ms = duration.safeParse(value).data;
        if (ms !== undefined && ms >= MIN_FEED_EVERY_MS && ms <= MAX_FEED_EVERY_MS) return ms;
        context.addIssue({ code: 'custom', message: EVERY_MESSAGE });
        return z.NEVER;
      })
      .default(3_600_000),
    publish: z
      .enum(['review', 'auto'], { error: 'expected review (drafts wait for you) or auto' })
      .default('review'),
  })
  .strict();

const feedsFileSchema = z
  .object({
    feeds: z
      .array(feedSchema, { error: 'expected a list of feeds, each with a url' })
      .max(MAX_FEEDS, `at most ${MAX_FEEDS} feeds`)
      .default([]),
  })
  .strict();

export type FeedEntry = z.infer<typeof feedSchema>;

export type FeedsFile =
  | { kind: 'missing'; file: string }
  | { kind: 'ok'; file: string; feeds: FeedEntry[] }
  | { kind: 'invalid'; file: string; errors: ContentError[] };

const describeIssue: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

/** Parses the text of feeds.yaml; `file` names it in the problems. */
export function parseFeedsFile(file: string, text: string): FeedsFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const fail = (errors: ContentError[]): FeedsFile => ({ kind: 'invalid', file, errors });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    return fail([
      {
        file,
        path: '',
        message: `is not valid YAML: ${first?.message.split('\n')[0] ?? ''}`,
        ...(first ? { line: counter.linePos(first.pos[0]).line } : {}),
      },
    ]);
  }
  if (doc.contents === null) return { kind: 'ok', file, feeds: [] };
  if (!isMap(doc.contents)) {
    return fail([{ file, path: '', line: 1, message: 'expected "feeds:" followed by a list of feeds' }]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch {
    return fail([
      { file, path: '', message: `expands YAML aliases (*name) more than ${MAX_YAML_ALIASES} times` },
    ]);
  }
  const parsed = feedsFileSchema.safeParse(data, { error: describeIssue });
  const errors: ContentError[] = [];
  const problem = (path: (string | number)[], message: string) => {
    const line = frontMatterLine(doc, counter, path);
    errors.push({ file, path: path.join('.'), message, ...(line === undefined ? {} : { line }) });
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((part) => typeof part !== 'symbol') as (string | number)[];
      if (issue.code === 'unrecognized_keys') {
        const known = path.length === 0 ? 'feeds' : 'url, topics, every and publish';
        for (const key of issue.keys) problem([...path, key], `is not a field here; use ${known}`);
      } else problem(path, issue.message);
    }
    return fail(errors);
  }
  const seen = new Map<string, number>();
  parsed.data.feeds.forEach((feed, index) => {
    const first = seen.get(feed.url);
    if (first === undefined) seen.set(feed.url, index);
    else problem(['feeds', index, 'url'], `lists the same feed as feeds.${first}; list each feed once`);
  });
  return errors.length > 0 ? fail(errors) : { kind: 'ok', file, feeds: parsed.data.feeds };
}

/** Reads `<contentDir>/feeds.yaml`; a folder without one has no feeds. */
export async function readFeedsFile(contentDir: string): Promise<FeedsFile> {
  const path = join(contentDir, FEEDS_FILE);
  const file = fileLabel(path);
  const invalid = (message: string): FeedsFile => ({
    kind: 'invalid',
    file,
    errors: [{ file, path: '', message }],
  });
  let read: FileRead;
  try {
    read = await nodeContentFs.readFile(path, MAX_FEEDS_FILE_BYTES);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return { kind: 'missing', file };
    return invalid(`cannot be read (${fsErrorCode(error)}); check its permissions`);
  }
  if (read.kind === 'not-a-file') return invalid('is not a regular file (a FIFO, socket or device)');
  if (read.kind === 'too-large') {
    return invalid(`is larger than ${MAX_FEEDS_FILE_BYTES / 1024} KB; a list of feeds is far smaller`);
  }
  return parseFeedsFile(file, read.bytes.toString('utf8'));
}
