// Turns one article file's text into a validated Article or a list of located errors.
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Article, articleSchema } from './article-schema.ts';
import type { ContentError } from './content-error.ts';
import { parseArticleBody } from './parse-article-body.ts';

export type ParseResult =
  | { ok: true; article: Article; idLine?: number }
  | { ok: false; errors: ContentError[] };

const BODY_FIELDS = new Set(['reading', 'questions']);
const strictArticle = articleSchema.strict();

const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return `expected ${issue.expected}`;
  }
  return undefined;
};

/** The line of the field a path names: its `key:` line in a mapping, its item line in a list. */
function frontMatterLine(doc: Document, counter: LineCounter, path: (string | number)[]): number | undefined {
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

/** True when `typed` looks like a misspelling of `known` (at most two edits apart). */
function isNearMiss(typed: string, known: string): boolean {
  const a = typed.toLowerCase();
  const b = known.toLowerCase();
  if (Math.abs(a.length - b.length) > 2) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return (previous[b.length] ?? 3) <= 2;
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
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      // Only the first: later YAML errors are nearly always knock-on effects of the first one.
      errors: doc.errors.slice(0, 1).map((error) => ({
        file,
        line: counter.linePos(error.pos[0]).line + 1,
        path: '',
        message: `front matter is not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  if (!isMap(doc.contents)) return fail('front matter must be a YAML mapping of fields', 2);
  // Lines inside the YAML text are offset by the opening "---" line.
  const yamlLine = (path: (string | number)[]) => {
    const line = frontMatterLine(doc, counter, path);
    return line === undefined ? undefined : line + 1;
  };

  const data = doc.toJS() as Record<string, unknown>;
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
    const meant = new Set<string>();
    for (const { issue, path } of issues) {
      if (issue.code !== 'unrecognized_keys') continue;
      for (const key of issue.keys) {
        const guess = path.length === 0 ? missing.find((field) => isNearMiss(key, field)) : undefined;
        if (guess) meant.add(guess);
        push([...path, key], guess ? `unknown field; did you mean "${guess}"?` : 'unknown field');
      }
    }
    for (const { issue, path } of issues) {
      if (issue.code === 'unrecognized_keys') continue;
      if (path.length === 1 && meant.has(String(path[0]))) continue;
      push(path, issue.message);
    }
  }
  if (errors.length > 0 || !result.success) return { ok: false, errors };
  const idLine = yamlLine(['id']);
  return { ok: true, article: result.data, ...(idLine === undefined ? {} : { idLine }) };
}
