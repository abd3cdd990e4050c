// Turns one article file's text into a validated Article or a list of located errors.
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { type Article, articleSchema } from './article-schema.ts';
import type { ContentError } from './content-error.ts';
import { parseArticleBody } from './parse-article-body.ts';
import { yamlErrorPlace } from './yaml-error-place.ts';

export type ParseResult =
  | {
      ok: true;
      article: Article;
      idLine?: number;
      quizLine?: number;
      /** 1-based lines of each written question's heading and each focus sentence, in order. */
      lines: { questions: (number | undefined)[]; reading: (number | undefined)[] };
    }
  | { ok: false; errors: ContentError[] };

const BODY_FIELDS = new Set(['reading', 'questions']);
/** More alias expansions than this is a YAML "billion laughs" bomb, not an article. */
const MAX_YAML_ALIASES = 100;
/** Problems reported per file; past that, one line says how many more there are. */
export const MAX_ERRORS_PER_FILE = 20;
const strictArticle = articleSchema.strict();

const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return `expected ${issue.expected}`;
  }
  return undefined;
};

/** The line of the field a path names: its `key:` line in a mapping, its item line in a list. */
export function frontMatterLine(
  doc: Document,
  counter: LineCounter,
  path: (string | number)[],
): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const parent = length === 1 ? doc.contents : doc.getIn(path.slice(0, length - 1), true);
    const key = path[length - 1];
    const node = isMap(parent)
      ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key
      : isSeq(parent) && typeof key === 'number'
        ? parent.items[key]
        : undefined;
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  const root = doc.contents;
  return isNode(root) && root.range ? counter.linePos(root.range[0]).line : undefined;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? Number.POSITIVE_INFINITY;
}

/** How far `typed` is from `known` when it looks like a misspelling of it (one slip in a short name, two in a long one). */
function nearMiss(typed: string, known: string): number | undefined {
  const a = typed.toLowerCase();
  const b = known.toLowerCase();
  const allowed = b.length <= 4 ? 1 : 2;
  if (Math.abs(a.length - b.length) > allowed) return undefined;
  const distance = editDistance(a, b);
  return distance <= allowed && distance < Math.min(a.length, b.length) ? distance : undefined;
}

/** The first key that repeats within one mapping, and its line. */
function firstDuplicateKey(doc: Document, counter: LineCounter): { key: string; line: number } | undefined {
  let found: { key: string; line: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          const range = isNode(pair.key) ? pair.key.range : undefined;
          found = { key: String(key), line: range ? counter.linePos(range[0]).line : 1 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** The line of the first alias (`*name`) in the front matter. */
function firstAliasLine(doc: Document, counter: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) line = counter.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

function bodyLine(lines: Map<string, number>, path: (string | number)[]): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const line = lines.get(path.slice(0, length).join('.'));
    if (line !== undefined) return line;
  }
  return undefined;
}

export function parseArticle(file: string, source: string): ParseResult {
  const fail = (message: string, line?: number, path = ''): ParseResult => ({
    ok: false,
    errors: [{ file, path, message, ...(line === undefined ? {} : { line }) }],
  });

  if (source.trim() === '') return fail('file is empty; an article starts with a "---" front matter block');
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return fail('expected the file to start with a "---" front matter line', 1);
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (closing < 0) return fail('front matter is not closed; add a "---" line after it', 1);

  const counter = new LineCounter();
  const yamlText = lines.slice(1, closing).join('\n');
  // yaml's own duplicate-key check compares every key with every other; ours is linear.
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    // Only the first: later YAML errors are nearly always knock-on effects of the first one.
    const [error] = doc.errors;
    const place = yamlErrorPlace(yamlText, error?.pos[0] ?? 0, counter);
    // Lines inside the YAML text are offset by the opening "---" line.
    return fail(
      `front matter is not valid YAML: ${error?.message.split('\n')[0] ?? ''}`,
      place.line + 1,
      place.field ?? '',
    );
  }
  if (!isMap(doc.contents)) return fail('front matter must be a YAML mapping of fields', 2);
  const duplicate = firstDuplicateKey(doc, counter);
  if (duplicate) {
    return fail(
      `front matter has the field "${duplicate.key}" twice in one place; keep one`,
      duplicate.line + 1,
    );
  }
  // Lines inside the YAML text are offset by the opening "---" line.
  const yamlLine = (path: (string | number)[]) => {
    const line = frontMatterLine(doc, counter, path);
    return line === undefined ? undefined : line + 1;
  };

  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const line = firstAliasLine(doc, counter);
    return fail(
      `front matter expands YAML aliases (*name) more than ${MAX_YAML_ALIASES} times; write the values out instead of repeating aliases`,
      line === undefined ? undefined : line + 1,
    );
  }
  const errors: ContentError[] = [];
  for (const field of BODY_FIELDS) {
    if (field in data) {
      const line = yamlLine([field]);
      errors.push({
        file,
        path: field,
        message: `belongs in the body under "## ${field === 'reading' ? 'Reading' : 'Questions'}", not in the front matter`,
        ...(line === undefined ? {} : { line }),
      });
      delete data[field];
    }
  }

  let hidden = 0;
  const body = parseArticleBody(lines.slice(closing + 1).join('\n'), closing + 2);
  for (const problem of body.problems) errors.push({ file, ...problem });

  const result = strictArticle.safeParse(
    { ...data, reading: body.reading, questions: body.questions },
    { error: describeIssue },
  );
  if (!result.success) {
    const locate = (path: (string | number)[]) => {
      const top = path[0];
      return typeof top === 'string' && BODY_FIELDS.has(top)
        ? (bodyLine(body.lines, path) ?? body.lines.get(top))
        : yamlLine(path);
    };
    const push = (path: (string | number)[], message: string) => {
      // Past the cap only the count matters; locating thousands of keys would be slow for nothing.
      if (errors.length >= MAX_ERRORS_PER_FILE) {
        hidden += 1;
        return;
      }
      const line = locate(path);
      errors.push({ file, path: path.join('.'), message, ...(line === undefined ? {} : { line }) });
    };
    const issues = result.error.issues.map((issue) => ({
      issue,
      path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    }));
    // A misspelt field is one mistake: report the unknown key with a hint, not also the missing field.
    const missing = issues
      .filter(
        ({ issue, path }) =>
          issue.code === 'invalid_type' && path.length === 1 && data[String(path[0])] === undefined,
      )
      .map(({ path }) => String(path[0]));
    // Each missing field is suggested once, for the unknown key closest to it. Typos come a few at a
    // time; past the first keys shown, a hint would not be read anyway.
    const unknownTopKeys = issues
      .flatMap(({ issue, path }) =>
        issue.code === 'unrecognized_keys' && path.length === 0 ? issue.keys : [],
      )
      .slice(0, MAX_ERRORS_PER_FILE);
    const guesses = new Map<string, string>();
    for (const field of missing) {
      let best: { key: string; distance: number } | undefined;
      for (const key of unknownTopKeys) {
        const distance = nearMiss(key, field);
        if (distance !== undefined && (!best || distance < best.distance)) best = { key, distance };
      }
      if (best && !guesses.has(best.key)) guesses.set(best.key, field);
    }
    const meant = new Set(guesses.values());
    for (const { issue, path } of issues) {
      if (issue.code !== 'unrecognized_keys') continue;
      for (const key of issue.keys) {
        const guess = path.length === 0 ? guesses.get(key) : undefined;
        push([...path, key], guess ? `unknown field; did you mean "${guess}"?` : 'unknown field');
      }
    }
    for (const { issue, path } of issues) {
      if (issue.code === 'unrecognized_keys') continue;
      if (path.length === 1 && meant.has(String(path[0]))) continue;
      push(path, issue.message);
    }
  }
  const more = hidden + Math.max(0, errors.length - MAX_ERRORS_PER_FILE);
  if (more > 0) {
    errors.splice(MAX_ERRORS_PER_FILE, errors.length, {
      file,
      path: '',
      message: `… and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} in this file; fix the ones above first`,
    });
  }
  if (errors.length > 0 || !result.success) return { ok: false, errors };
  const idLine = yamlLine(['id']);
  // Where a missing quiz is reported: the questions section, else the reading it would come from.
  const quizLine = body.lines.get('questions') ?? body.lines.get('reading');
  return {
    ok: true,
    article: result.data,
    ...(idLine === undefined ? {} : { idLine }),
    ...(quizLine === undefined ? {} : { quizLine }),
    lines: {
      questions: result.data.questions.map((_, index) => body.lines.get(`questions.${index}`)),
      reading: result.data.reading.map((_, index) => body.lines.get(`reading.${index}`)),
    },
  };
}
