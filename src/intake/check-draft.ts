// Checks a draft file as content:check checks an article, with the library's tags for its generated
// questions, and sums up what it still needs.
import { type Article, focusSentenceSchema } from '../content/article-schema.ts';
import type { ContentError } from '../content/content-error.ts';
import { generateQuestions, MIN_GENERATED_QUIZ, QUIZ_LENGTH } from '../content/generate-questions.ts';
import { noQuizMessage } from '../content/load-content.ts';
import { parseArticle } from '../content/parse-article.ts';
import { parseArticleBody } from '../content/parse-article-body.ts';

export interface DraftCheck {
  /** Every problem, worded and located as content:check prints them. */
  errors: ContentError[];
  /** Fields still empty or missing (`audience`, `tldr.whyItMatters`), for a one-line summary. */
  needs: string[];
  /** Problems that are not a missing field, to print in full. */
  problems: ContentError[];
  /** Questions the quiz will generate from the focus sentences. */
  generated: number;
}

const MISSING = /^(is required|must not be empty|needs at least|expected a real date)/;

/** The field an empty-field problem is about: `comparison.columns` → `comparison`. */
const fieldOf = (path: string) =>
  /^(tldr|source)\./.test(path) ? path.split('.').slice(0, 2).join('.') : (path.split('.')[0] ?? path);

/** `id` is the draft's id (its file may not parse yet); `library` the articles already published. */
export function checkDraft(file: string, text: string, id: string, library: readonly Article[]): DraftCheck {
  const parsed = parseArticle(file, text);
  const errors = parsed.ok ? [] : [...parsed.errors];

  // The reading and written questions as the body gives them, so a draft with empty fields still says how big its quiz is.
  const lines = text.split(/\r?\n/);
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  const body = parseArticleBody(lines.slice(closing + 1).join('\n'), closing + 2);
  const reading = parsed.ok
    ? parsed.article.reading
    : body.reading.flatMap((sentence) => {
        const valid = focusSentenceSchema.safeParse(sentence);
        return valid.success ? [valid.data] : [];
      });
  const written = parsed.ok ? parsed.article.questions.length : body.questions.length;
  const others = library.filter((article) => article.id !== id);
  const result = generateQuestions([...others, { id, reading, questions: [] }]).get(id) ?? {
    questions: [],
    skipped: [],
  };
  if (written === 0 && result.questions.length < MIN_GENERATED_QUIZ) {
    errors.push({ file, path: 'questions', message: noQuizMessage(result.questions.length, result.skipped) });
  }

  const needs: string[] = [];
  const problems: ContentError[] = [];
  for (const error of errors) {
    if (error.path && MISSING.test(error.message)) {
      const field = fieldOf(error.path);
      if (!needs.includes(field)) needs.push(field);
    } else {
      problems.push(error);
    }
  }
  return { errors, needs, problems, generated: Math.min(result.questions.length, QUIZ_LENGTH - written) };
}
