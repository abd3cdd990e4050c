// Picks the article's sentences a drafter may quote: whole, prose, from the story's own paragraphs.
import { CONTENT_LIMITS } from '../content/article-schema.ts';
import { splitSentences } from './split-sentences.ts';

export interface ArticleSentence {
  text: string;
  paragraph: number;
  /** Position within its paragraph (0 = first). */
  index: number;
}

/** Shorter than this is a fragment (a dateline, a caption), not a sentence worth reading on its own. */
const MIN_SENTENCE = 40;
/** Longer than this makes a poor reading step and no generated question (the explanation's limit is 200). */
export const MAX_QUOTE = 300;
/** Furniture that slipped into the text: calls to action, credits, links. */
const NOT_STORY =
  /\b(click|subscribe|sign up|newsletter|cookies?|advertisement|all rights reserved|follow us|read more|share this|log in|download the app)\b|©|https?:\/\/|www\./i;

/** Every sentence of the story, as written, with where it stands. */
export function articleSentences(paragraphs: readonly string[]): ArticleSentence[] {
  return paragraphs.flatMap((paragraph, index) =>
    splitSentences(paragraph).map((text, position) => ({ text, paragraph: index, index: position })),
  );
}

/** A sentence fit to quote: a whole sentence of prose, not too short or long, no furniture. */
export function isQuotable(text: string, max = MAX_QUOTE): boolean {
  if (text.length < MIN_SENTENCE || text.length > Math.min(max, CONTENT_LIMITS.focusSentence)) return false;
  if (!/^["'“‘(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  if (!/[.!?]["'”’)]?$/u.test(text)) return false;
  if (NOT_STORY.test(text)) return false;
  // Mostly words, not a list of numbers or symbols.
  return (text.match(/\p{L}/gu)?.length ?? 0) >= text.length * 0.6;
}
