// Cloze questions from tagged focus sentences, with distractors of the same tag type from the whole library.
import { type Article, CONTENT_LIMITS, type EntityType, type Question } from './article-schema.ts';

/** Questions one quiz round asks at most; an article with fewer written ones is topped up. */
export const QUIZ_LENGTH = 10;
/** An article without written questions needs at least this many generated ones. */
export const MIN_GENERATED_QUIZ = 3;
/** Wrong choices next to the blanked entity. */
export const DISTRACTORS = 3;
export const BLANK = '___';

/** What question generation reads of an article: a draft that is not complete yet has these too. */
export type QuizSource = Pick<Article, 'id' | 'reading' | 'questions'>;

export interface SkippedSentence {
  /** Index of the focus sentence (`reading.N`). */
  sentence: number;
  reason: string;
}

export interface GeneratedQuestions {
  questions: Question[];
  /** The focus sentence (`reading.N`) each generated question was made from, in the same order. */
  sentences: number[];
  /** Sentences looked at that gave no question, and why. */
  skipped: SkippedSentence[];
}

/** Short words that say nothing about an entity: sharing one with the sentence is no giveaway. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'de',
  'for',
  'in',
  'its',
  'of',
  'on',
  'or',
  'the',
  'to',
]);

const words = (text: string) =>
  new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word)));

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const isWordCharacter = (character: string | undefined) =>
  character !== undefined && WORD_CHARACTER.test(character);

/**
 * The text with every whole-word occurrence of `name` (any letter case) blanked, or undefined when
 * there is none. (A case-insensitive Unicode regex per name was ~1 ms to compile: too slow for a library.)
 */
function blankName(text: string, name: string): string | undefined {
  const lower = text.toLowerCase();
  const needle = name.toLowerCase();
  // Lower-casing that changes lengths (a few scripts) would shift indices: compare as written then.
  const [haystack, target] =
    lower.length === text.length && needle.length === name.length ? [lower, needle] : [text, name];
  let result = '';
  let from = 0;
  let at = haystack.indexOf(target);
  while (at >= 0) {
    if (!isWordCharacter(text[at - 1]) && !isWordCharacter(text[at + target.length])) {
      result += `${text.slice(from, at)}${BLANK}`;
      from = at + target.length;
      at = haystack.indexOf(target, from);
    } else {
      at = haystack.indexOf(target, at + 1);
    }
  }
  return from === 0 ? undefined : result + text.slice(from);
}

/** FNV-1a: a stable order of candidates that does not depend on the order files were read in. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

interface Candidate {
  name: string;
  /** Articles that tag it: a name from the article itself is preferred as closest to its subject. */
  articles: Set<string>;
}

interface Pool {
  byType: Map<EntityType, Candidate[]>;
  /** `type:lower-case name` → its candidate. */
  byKey: Map<string, Candidate>;
}

const entityKey = (type: EntityType, name: string) => `${type}:${name.toLowerCase()}`;

/** Every tagged entity name of the library by tag type, each name once (case-insensitive). */
function entityPool(library: readonly QuizSource[]): Pool {
  const byKey = new Map<string, Candidate & { type: EntityType }>();
  for (const article of library) {
    for (const sentence of article.reading) {
      for (const entity of sentence.entities) {
        const key = entityKey(entity.type, entity.name);
        const known = byKey.get(key);
        if (!known) {
          byKey.set(key, { type: entity.type, name: entity.name, articles: new Set([article.id]) });
          continue;
        }
        known.articles.add(article.id);
        // One spelling whatever order the files were read in.
        if (entity.name < known.name) known.name = entity.name;
      }
    }
  }
  const pool = new Map<EntityType, Candidate[]>();
  for (const { type, ...candidate } of byKey.values()) {
    const list = pool.get(type) ?? [];
    list.push(candidate);
    pool.set(type, list);
  }
  // One order whatever order the files were read in.
  const key = (candidate: Candidate) => candidate.name.toLowerCase();
  for (const list of pool.values()) {
    list.sort((a, b) => hash(key(a)) - hash(key(b)) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return { byType: pool, byKey };
}

/**
 * Candidates for one question: names this article tags first (closest to its subject), then the rest
 * of the library from a place that depends on the question, so questions do not all share the same
 * distractors. Lazy: a large library is scanned only as far as the first good names.
 */
function* candidateOrder(
  pool: readonly Candidate[],
  own: readonly Candidate[],
  articleId: string,
  salt: string,
): Generator<Candidate> {
  yield* own
    .map((candidate) => ({ candidate, rank: hash(`${salt}#${candidate.name.toLowerCase()}`) }))
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.candidate);
  if (pool.length === 0) return;
  const start = hash(salt) % pool.length;
  for (let step = 0; step < pool.length; step++) {
    const candidate = pool[(start + step) % pool.length] as Candidate;
    if (!candidate.articles.has(articleId)) yield candidate;
  }
}

type Attempt = { ok: true; question: Question } | { ok: false; reason: string };

/** The names of one tag kind this article itself tags, each once. */
function ownCandidates(article: QuizSource, type: EntityType, pool: Pool): Candidate[] {
  const own = new Set<Candidate>();
  for (const sentence of article.reading) {
    for (const entity of sentence.entities) {
      const candidate = entity.type === type ? pool.byKey.get(entityKey(type, entity.name)) : undefined;
      if (candidate) own.add(candidate);
    }
  }
  return [...own];
}

function clozeQuestion(
  article: QuizSource,
  index: number,
  pool: Pool,
  own: (type: EntityType) => Candidate[],
): Attempt {
  const sentence = article.reading[index];
  if (!sentence) return { ok: false, reason: 'no such sentence' };
  if (sentence.entities.length === 0) return { ok: false, reason: 'has no tags' };
  if (sentence.text.length > CONTENT_LIMITS.explanation) {
    return {
      ok: false,
      reason: `is ${sentence.text.length} characters; the explanation of a question may be at most ${CONTENT_LIMITS.explanation}`,
    };
  }
  const reasons: string[] = [];
  for (const entity of sentence.entities) {
    const prompt = blankName(sentence.text, entity.name);
    if (prompt === undefined) {
      reasons.push(`"${entity.name}" does not appear in the sentence`);
      continue;
    }
    if (prompt.length > CONTENT_LIMITS.questionPrompt) {
      reasons.push(`the blanked sentence is longer than ${CONTENT_LIMITS.questionPrompt} characters`);
      continue;
    }
    const inSentence = words(prompt);
    const answer = entity.name.toLowerCase();
    const answerWords = words(entity.name);
    const candidates = candidateOrder(
      pool.byType.get(entity.type) ?? [],
      own(entity.type),
      article.id,
      `${article.id}#${index}`,
    );
    const picked: string[] = [];
    for (const candidate of candidates) {
      const name = candidate.name.toLowerCase();
      const own = [...words(candidate.name)];
      if (name === answer || own.length === 0) continue;
      // A word of the sentence or of the answer would give the answer away or make two choices alike.
      if (own.some((word) => inSentence.has(word) || answerWords.has(word))) continue;
      if (picked.some((other) => other.toLowerCase() === name)) continue;
      picked.push(candidate.name);
      if (picked.length === DISTRACTORS) break;
    }
    if (picked.length < DISTRACTORS) {
      reasons.push(
        `${entity.type} "${entity.name}" has ${picked.length} of ${DISTRACTORS} distractors (other ${entity.type} tags in the library)`,
      );
      continue;
    }
    return {
      ok: true,
      question: {
        prompt,
        choices: [{ text: entity.name, correct: true }, ...picked.map((text) => ({ text, correct: false }))],
        explanation: sentence.text,
        generated: true,
      },
    };
  }
  return { ok: false, reason: reasons.join('; ') };
}

/**
 * The generated questions of every article, by id: one cloze question per suitable focus sentence, in
 * reading order, until the article's written and generated questions fill a quiz. Pure: the same
 * library always gives the same questions.
 */
export function generateQuestions(library: readonly QuizSource[]): Map<string, GeneratedQuestions> {
  const pool = entityPool(library);
  const result = new Map<string, GeneratedQuestions>();
  for (const article of library) {
    const wanted = QUIZ_LENGTH - article.questions.length;
    const generated: GeneratedQuestions = { questions: [], sentences: [], skipped: [] };
    const prompts = new Set(article.questions.map((question) => question.prompt.toLowerCase()));
    const owned = new Map<EntityType, Candidate[]>();
    const own = (type: EntityType) => {
      const known = owned.get(type) ?? ownCandidates(article, type, pool);
      owned.set(type, known);
      return known;
    };
    for (let index = 0; index < article.reading.length && generated.questions.length < wanted; index++) {
      const attempt = clozeQuestion(article, index, pool, own);
      if (!attempt.ok) {
        generated.skipped.push({ sentence: index, reason: attempt.reason });
      } else if (prompts.has(attempt.question.prompt.toLowerCase())) {
        generated.skipped.push({ sentence: index, reason: 'gives the same question as another sentence' });
      } else {
        prompts.add(attempt.question.prompt.toLowerCase());
        generated.questions.push(attempt.question);
        generated.sentences.push(index);
      }
    }
    result.set(article.id, generated);
  }
  return result;
}
