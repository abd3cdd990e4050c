// Turns one article file's text into a validated Article or a list of located errors.
import { type Document, isMap, LineCounter, parseDocument } from 'yaml';
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
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  }
  return undefined;
};

function frontMatterLine(doc: Document, counter: LineCounter, path: (string | number)[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
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
      errors: doc.errors.map((error) => ({
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
    for (const issue of result.error.issues) {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      const top = path[0];
      const line =
        typeof top === 'string' && BODY_FIELDS.has(top)
          ? (bodyLine(body.lines, path) ?? body.lines.get(top))
          : yamlLine(path);
      errors.push({
        file,
        path: path.join('.'),
        message: issue.message,
        ...(line === undefined ? {} : { line }),
      });
    }
  }
  if (errors.length > 0 || !result.success) return { ok: false, errors };
  const idLine = yamlLine(['id']);
  return { ok: true, article: result.data, ...(idLine === undefined ? {} : { idLine }) };
}
