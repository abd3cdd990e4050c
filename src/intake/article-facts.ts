// The words, numbers and dates an article states, and the names, numbers and dates a text (a model's
// brief, a question) states that the article does not: what grounding a model's draft checks.
import { findDates } from './find-dates.ts';
import { isKnownName, knownWord } from './lexicon.ts';
import { splitSentences } from './split-sentences.ts';

export interface ArticleFacts {
  /** Every word of the article in lower case, hyphenated words also by their parts. */
  words: ReadonlySet<string>;
  /** Every number it states, in digits (`31,000` → `31000`, `ten` → `10`). */
  numbers: ReadonlySet<string>;
  /** Every date it states, as `2026-05-14` or `2025-09`. */
  dates: readonly string[];
}

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  sixty: '60',
  seventy: '70',
  eighty: '80',
  ninety: '90',
  hundred: '100',
  thousand: '1000',
  dozen: '12',
};
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’+-]*/gu;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const ISO_DATE = /\b\d{4}-\d{2}(?:-\d{2})?\b/g;
/** Endings that make a capitalised word at a sentence's start an English word (`Construction`), not a name. */
const ENGLISH_ENDING =
  /(?:tion|sion|ment|ness|ity|ance|ence|ism|ists?|ings?|ers|ies|ous|ive|able|ible|ally|ful|less)$/i;
const INNER_CAPITAL = /\p{Ll}\p{Lu}|\p{Lu}{2}/u;
const DIGIT_AND_CAPITAL = /(?=.*\d)(?=.*\p{Lu})/u;

/** `31,000` → `31000`, `05` → `5`; decimals and versions as written. */
function normalNumber(raw: string): string {
  const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw) ? raw.replace(/,/g, '') : raw;
  return plain.replace(/^0+(?=\d)/, '');
}

const bareWord = (word: string) => word.replace(/['’]s$/, '').toLowerCase();

export function articleFacts(text: string): ArticleFacts {
  const words = new Set<string>();
  const numbers = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const word = bareWord(match[0]);
    words.add(word);
    for (const part of word.split('-')) words.add(part);
    const spelled = NUMBER_WORDS[word];
    if (spelled) numbers.add(spelled);
  }
  for (const match of text.matchAll(NUMBER)) numbers.add(normalNumber(match[0]));
  return { words, numbers, dates: findDates(text) };
}

/** A date (`2026-05-14`, `2025-09`) the article states, or a month it states a day of. */
export const statesDate = (date: string, facts: ArticleFacts) =>
  facts.dates.some((stated) => stated.startsWith(date));

/** A word read as a name: capitals inside it (`DeepSeek`, `EU`), digits with capitals (`V4`), or a capital that is not just a sentence's first letter. */
function isName(word: string, opensSentence: boolean): boolean {
  if (word === 'I' || !/\p{L}/u.test(word)) return false;
  if (INNER_CAPITAL.test(word) || DIGIT_AND_CAPITAL.test(word)) return true;
  if (!/^\p{Lu}/u.test(word)) return false;
  if (!opensSentence) return true;
  return isKnownName(word) || !(knownWord(word) || ENGLISH_ENDING.test(word));
}

/**
 * The names, numbers and dates `text` states that the article does not, as `text` writes them: a name's
 * every word must occur in the article (any case), a number in digits or words, a date as a date.
 */
export function unsupportedClaims(text: string, facts: ArticleFacts): string[] {
  const claims = new Set<string>();
  for (const match of text.matchAll(ISO_DATE)) if (!statesDate(match[0], facts)) claims.add(match[0]);
  const rest = text.replace(ISO_DATE, ' ');
  for (const match of rest.matchAll(NUMBER)) {
    if (!facts.numbers.has(normalNumber(match[0]))) claims.add(match[0]);
  }
  for (const sentence of splitSentences(rest)) {
    let opens = true;
    let previous = 0;
    for (const match of sentence.matchAll(WORD)) {
      // A word after a colon or an opening quote opens a sentence too (`Why it matters: Cities …`).
      if (/(?::\s*|(?:^|\s)["“‘'(])$/.test(sentence.slice(previous, match.index))) opens = true;
      previous = match.index + match[0].length;
      const word = match[0].replace(/['’]s$/, '');
      const parts = word.includes('-') && !facts.words.has(word.toLowerCase()) ? word.split('-') : [word];
      for (const part of parts) {
        if (isName(part, opens && part === parts[0]) && !facts.words.has(part.toLowerCase()))
          claims.add(part);
      }
      opens = false;
    }
  }
  return [...claims];
}
