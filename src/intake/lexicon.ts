// What compromise's lexicon says of a word: whether English knows it, and whether it knows it as a name.
import nlp from 'compromise';

const LEXICON = (nlp.world() as { model: { one: { lexicon: Record<string, string | string[]> } } }).model.one
  .lexicon;
/** Lexicon tags of proper names (`berlin` → City, `ruiz` → LastName). */
const NAME_TAGS = new Set([
  'Person',
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Place',
  'City',
  'Country',
  'Region',
  'Organization',
  'Company',
  'ProperNoun',
  'SportsTeam',
]);
/** Endings of inflected English words: `generates` is `generate`, not a name. */
const INFLECTED = /(?:s|ed|ing|ly|er|est)$/;

/** The lexicon's tags for `word` (any case); none when it does not know it. */
export function lexiconTags(word: string): string[] {
  const lower = word.toLowerCase();
  if (!Object.hasOwn(LEXICON, lower)) return [];
  const tags = LEXICON[lower];
  return Array.isArray(tags) ? tags : tags ? [tags] : [];
}

/** The lexicon knows `word` itself. */
export const inLexicon = (word: string) => lexiconTags(word).length > 0;

/** The lexicon knows `word` or, for an inflected form, its stem (`generates` → `generate`). */
export function knownWord(word: string): boolean {
  if (inLexicon(word)) return true;
  const stem = word.toLowerCase().replace(INFLECTED, '');
  return stem !== word.toLowerCase() && (inLexicon(stem) || inLexicon(`${stem}e`));
}

/** The lexicon knows `word` as a proper name. */
export const isKnownName = (word: string) => lexiconTags(word).some((tag) => NAME_TAGS.has(tag));
