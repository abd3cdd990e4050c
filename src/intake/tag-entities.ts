// Tags the names a sentence contains: names the library already tags (gazetteer), then people, places,
// organisations and technical names found by compromise, by how they are written and by the words around
// them (kind-cues.ts). Every tag's name occurs in its sentence as written (case aside), so it can become a
// generated question.
import nlp from 'compromise';
import { CONTENT_LIMITS, type Entity, type EntityType } from '../content/article-schema.ts';
import type { Gazetteer } from './gazetteer.ts';
import { kindFromContext, kindOfNoun, ORG_ENDINGS } from './kind-cues.ts';
import { inLexicon, knownWord } from './lexicon.ts';

/** A whitespace-separated word of the sentence, without the punctuation around it. */
interface Word {
  text: string;
  start: number;
  end: number;
  /** compromise's tags for the terms inside it. */
  tags: Set<string>;
  /** compromise's tags for its first term (`Mixture` of `Mixture-of-Experts`). */
  firstTags: Set<string>;
  /** Punctuation after it (a comma, a full stop, a possessive) ends the name it is part of. */
  closes: boolean;
  possessive: boolean;
  /** First word of the sentence, where a capital says nothing. */
  initial: boolean;
}

/** What the rest of the article says about words that open a sentence. */
export interface NameContext {
  /** Words (lower case) written with a capital somewhere other than at a sentence's start. */
  capitalised: ReadonlySet<string>;
  /** Words (lower case) also written in lower case. */
  lowercase: ReadonlySet<string>;
  /** Words that open a sentence in lower case and are no English word: names styled that way (`ferrobridge`). */
  styledLowercase: ReadonlySet<string>;
}

/** Acronyms and units too common to be a name of their own. */
const TOO_COMMON = new Set([
  'ai',
  'it',
  'ceo',
  'cto',
  'cfo',
  'gdp',
  'tv',
  'pc',
  'am',
  'pm',
  'ok',
  'faq',
  'km',
  'kg',
  'nm',
  'mm',
  'cm',
  'gw',
  'mw',
  'kw',
  'kwh',
  'mwh',
  'gwh',
  'wh',
  'gb',
  'mb',
  'tb',
  'kb',
  'ghz',
  'mhz',
  'usd',
  'eur',
  'ev',
  'evs',
  'gpu',
  'gpus',
  'cpu',
  'cpus',
  'npu',
  'tpu',
  'ram',
  'ssd',
  'usb',
]);
/** compromise tags that never start or continue a name. */
const NOT_NAME = [
  'Date',
  'Month',
  'WeekDay',
  'Duration',
  'Pronoun',
  'Determiner',
  'Honorific',
  'Conjunction',
  'Preposition',
];
/** Verbs that, right after a name, make it the actor of the sentence (a company, an agency). */
const ACTOR_VERB =
  /^(has|have|had|says|said|announced|launched|plans|wants|will|is\s+\w+ing|are\s+\w+ing|expects|reported|released|shipped|certified|built|ran|signed|agreed|told|confirmed|denied)\b/i;
/** A job or a verb of saying right before two or three capitalised words makes them a person's name. */
const ROLE_BEFORE =
  /\b(director|minister|mayor|chair|chairman|chairwoman|spokesperson|spokesman|spokeswoman|chief|engineer|councillor|councilor|president|professor|researcher|analyst|economist|scientist|founder|manager|secretary|governor|senator|officer|member|lawyer|judge|reporter|said|says|told)\s+$/i;
const CODE_LIKE = /::|^&|[<>#]|\+\+|\[\]|\(\)/;
/** A reference with a lifetime (`&'a`, `&'static`): the type after it belongs to it. */
const LIFETIME = /^&'\p{L}+$/u;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_:<>[\]]*$/u;
/** An identifier in capitals (`RISC-V`, `GPU`, `LTE`). */
const IDENTIFIER_CAPS = /^\p{Lu}[\p{Lu}\p{N}]*(?:-\p{Lu}[\p{Lu}\p{N}]*)*$/u;
/** Parts of a document, which a number or letter after them makes a reference, not a name. */
const DOCUMENT_PARTS = new Set([
  'annex',
  'article',
  'section',
  'chapter',
  'title',
  'clause',
  'schedule',
  'part',
  'paragraph',
  'appendix',
  'table',
  'figure',
]);
const PART_NUMBER = /^(?:[IVXLC]+|\d+[a-z]?|[A-Z])$/;
const DIGIT_AND_LETTER = /(?=.*\d)(?=.*\p{L})/u;
const INNER_CAPITAL = /\p{Ll}\p{Lu}|^\p{Ll}+\p{Lu}/u;
const UPPER = /\p{Lu}/u;
const LEADING = /^["'“‘(]+/;
const TRAILING = /[.,;:!?"'’”)]+$/;

/** A sentence that opens in lower case opens with a name styled that way (`ferrobridge`, `npm`), unless it is an English word. */
function isStyledLowercase(word: string, at: number): boolean {
  if (at !== 0 || word.length < 3 || !/^\p{Ll}[\p{Ll}\p{N}-]*$/u.test(word)) return false;
  return !knownWord(word);
}

interface Term {
  tags: string[];
  start: number;
  end: number;
}

/** compromise's terms of `text` with their places in it; one call for many sentences is much cheaper than one each. */
function compromiseTerms(text: string): Term[] {
  // The parsed document itself, not .json(): building the JSON costs as much as the parse.
  const { document } = nlp(text) as unknown as { document: { text: string; tags: Set<string> }[][] };
  const terms: Term[] = [];
  let cursor = 0;
  for (const term of document.flat()) {
    if (!term.text) continue;
    const start = text.indexOf(term.text, cursor);
    if (start < 0) continue;
    cursor = start + term.text.length;
    terms.push({ tags: [...term.tags], start, end: cursor });
  }
  return terms;
}

/** The words of `sentence` with compromise's tags (`terms` located in the sentence). */
function words(sentence: string, terms: readonly Term[]): Word[] {
  const found: Word[] = [];
  for (const match of sentence.matchAll(/\S+/g)) {
    let text = match[0];
    let start = match.index;
    const lead = LEADING.exec(text)?.[0] ?? '';
    text = text.slice(lead.length);
    start += lead.length;
    let tail = '';
    // Keep what belongs to a name: `C++`, `Vec<T>`, `fb::Slice<T>`, `U.S.`, a closing bracket that opened inside.
    const trailing = TRAILING.exec(text)?.[0] ?? '';
    if (trailing) {
      let keep = 0;
      if (trailing.startsWith(')') && text.includes('(')) keep = 1;
      if (trailing.startsWith('.') && /\p{L}\.\p{L}/u.test(text)) keep = 1;
      tail = trailing.slice(keep);
      text = text.slice(0, text.length - tail.length);
    }
    const possessive = /['’]s$/.test(text);
    if (possessive) {
      tail = `${text.slice(-2)}${tail}`;
      text = text.slice(0, -2);
    }
    if (!text) continue;
    const end = start + text.length;
    const inside = terms.filter((term) => term.start < end && start < term.end);
    const tags = new Set(inside.flatMap((term) => term.tags));
    found.push({
      text,
      start,
      end,
      tags,
      firstTags: new Set(inside[0]?.tags),
      closes: tail !== '',
      possessive,
      initial: found.length === 0,
    });
  }
  return found;
}

function isCapitalisedPart(part: string): boolean {
  return UPPER.test(part[0] ?? '') || (/\d/.test(part) && /\p{L}/u.test(part));
}

const PLAIN_NOUN = (word: Word) =>
  [...word.tags].every((tag) => ['Noun', 'Singular', 'ProperNoun', 'Acronym'].includes(tag)) &&
  word.tags.has('Noun');

function isNameLike(word: Word, context: NameContext | undefined, continuing: boolean): boolean {
  const { text, tags } = word;
  if (CODE_LIKE.test(text) && /\p{L}/u.test(text)) return true;
  if (context?.styledLowercase.has(text)) return true;
  if (NOT_NAME.some((tag) => word.firstTags.has(tag))) return false;
  if (DIGIT_AND_LETTER.test(text) && (UPPER.test(text) || INNER_CAPITAL.test(text))) return true;
  if (INNER_CAPITAL.test(text)) return true;
  const parts = text.split('-');
  // A hyphenated name is capitalised at both ends (`Qwen-Max`, `Mixture-of-Experts`), not `Chinese-made`.
  if (
    parts.length > 1 &&
    !(isCapitalisedPart(parts[0] ?? '') && (continuing || isCapitalisedPart(parts.at(-1) ?? '')))
  )
    return false;
  if (!UPPER.test(text[0] ?? '')) return false;
  if (!word.initial) return true;
  const lower = text.toLowerCase();
  // The article writes it in lower case elsewhere: here it is capitalised only because it comes first.
  if (context?.lowercase.has(lower)) return false;
  if (['ProperNoun', 'Person', 'Place', 'Organization'].some((tag) => tags.has(tag))) return true;
  return context?.capitalised.has(lower) === true;
}

/**
 * A sentence's first word, capitalised only because it comes first, is still a name when it opens a
 * longer name (`Westmark Grid has…`) or is a word compromise does not know that acts (`Orbitlink says…`).
 */
function opensName(word: Word, next: Word | undefined, after: string): boolean {
  if (!word.initial || !UPPER.test(word.text[0] ?? '') || !PLAIN_NOUN(word)) return false;
  // The words compromise knows tell `Orbitlink` (a name) from `Engineers` (a word) at a sentence's start.
  const unknown = !inLexicon(word.text);
  // `Bluefin, a popular library, …`: an appositive says what it is.
  if (word.closes) return unknown && kindFromContext(after) !== undefined;
  if (next && !next.initial && UPPER.test(next.text[0] ?? '') && !NOT_NAME.some((tag) => next.tags.has(tag)))
    return true;
  return unknown && ACTOR_VERB.test(after);
}

interface Span {
  words: Word[];
  start: number;
  end: number;
  /** Ends in a common noun that names what the name is (`Doppler shift`). */
  headNoun: boolean;
}

/**
 * Runs of name-like words. A small number right after a one-word name belongs to it (`Llama 4`); so do
 * the singular nouns right after a capitalised word that is no person, place or organisation (`Doppler shift`).
 */
function nameSpans(sentence: string, all: Word[], context: NameContext | undefined): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  const extend = (span: Span, word: Word) => {
    span.words.push(word);
    span.end = word.end;
  };
  all.forEach((word, index) => {
    const last = current?.words.at(-1);
    const open =
      current !== undefined &&
      last !== undefined &&
      !last.closes &&
      sentence.slice(current.end, word.start) === ' ';
    // A small number right after a one-word name (`Llama 4`); the type a lifetime qualifies (`&'static str`).
    const joins =
      (current?.words.length === 1 && /^\d{1,2}$/.test(word.text)) ||
      (last !== undefined && LIFETIME.test(last.text) && IDENTIFIER.test(word.text));
    if (open && current && joins) {
      extend(current, word);
      if (word.closes) current = undefined;
      return;
    }
    const nameLike =
      isNameLike(word, context, open) ||
      opensName(word, all[index + 1], sentence.slice(word.end).trimStart());
    if (!nameLike) {
      const head = current?.words[0];
      const canTakeNoun =
        open &&
        current &&
        head &&
        !['Person', 'Place', 'Organization'].some((tag) => head.tags.has(tag)) &&
        /^\p{Lu}\p{Ll}+$/u.test(head.text);
      const noun =
        /^\p{Ll}[\p{Ll}-]*$/u.test(word.text) && PLAIN_NOUN(word) && !all[index + 1]?.tags.has('Noun');
      if (canTakeNoun && current && noun && current.words.length === 1) {
        extend(current, word);
        current.headNoun = true;
      } else if (!(canTakeNoun && current?.headNoun && noun)) {
        current = undefined;
        return;
      } else {
        extend(current, word);
      }
      if (word.closes) current = undefined;
      return;
    }
    // A model number and an identifier after it are two names (`M1 RISC-V`, `H100 GPU`).
    const twoNames = last !== undefined && /\d/.test(last.text) && IDENTIFIER_CAPS.test(word.text);
    if (open && current && !current.headNoun && !twoNames) extend(current, word);
    else {
      current = { words: [word], start: word.start, end: word.end, headNoun: false };
      spans.push(current);
    }
    if (word.closes) current = undefined;
  });
  // A name made only of words too common to mean anything alone (`AI`, `GW`) is dropped; `AI Office` stays.
  // So is a reference to a part of a document (`Annex III`, `Article 5`): it names no one and nothing,
  // and a nationality alone (`French` of `a French court`).
  return spans.filter(
    (span) =>
      !span.words.every((word) => TOO_COMMON.has(word.text.toLowerCase())) &&
      !(span.words.length === 1 && span.words[0]?.tags.has('Demonym')) &&
      !(
        span.words.length === 2 &&
        DOCUMENT_PARTS.has(span.words[0]?.text.toLowerCase() ?? '') &&
        PART_NUMBER.test(span.words[1]?.text ?? '')
      ),
  );
}

function spanType(
  span: Span,
  name: string,
  before: string,
  after: string,
  next: Word | undefined,
): EntityType {
  // compromise reads `Raft group` as an organisation: a lower-case word after the name says nothing of the name.
  const some = (tag: string) =>
    span.words.some((word) => word.tags.has(tag)) &&
    !(tag === 'Organization' && next && /^\p{Ll}/u.test(next.text) && next.tags.has(tag));
  const last = span.words.at(-1);
  const lastWord =
    name
      .split(/[\s-]+/)
      .at(-1)
      ?.toLowerCase() ?? '';
  const fullName =
    span.words.length >= 2 &&
    span.words.length <= 3 &&
    span.words.every((word) => /^\p{Lu}\p{Ll}+$/u.test(word.text));
  if (fullName && !ORG_ENDINGS.has(lastWord) && (some('Person') || ROLE_BEFORE.test(before))) return 'person';
  const said = kindFromContext(after);
  if (said && (said !== 'person' || span.words.length <= 3)) return said;
  // A capitalised compound with a small word inside (`Mixture-of-Experts`) names an idea.
  if (/^\p{Lu}[\p{L}]*(-\p{Ll}+)+-\p{Lu}/u.test(name)) return 'concept';
  if (ORG_ENDINGS.has(lastWord) || some('Organization')) return 'org';
  if (some('Place')) return 'location';
  if (CODE_LIKE.test(name) || DIGIT_AND_LETTER.test(name) || /^\p{Lu}{2,}$/u.test(name)) return 'tech';
  // `Doppler shift` names an idea, `Velox chip` a thing: the noun says which.
  if (span.headNoun) return kindOfNoun(lastWord) ?? 'concept';
  // A name that acts (`Orbitlink says`, `DeepSeek has pushed`) or owns (`Huawei's chips`) is an organisation.
  if (last?.possessive || ACTOR_VERB.test(after)) return 'org';
  if (span.words.length > 1) return /-/.test(name) ? 'concept' : 'org';
  return 'tech';
}

/** Words an article writes with a capital mid-sentence, and those it writes in lower case, to judge its sentence openers. */
export function nameContext(sentences: readonly string[]): NameContext {
  const capitalised = new Set<string>();
  const lowercase = new Set<string>();
  const styledLowercase = new Set<string>();
  for (const sentence of sentences) {
    let first = true;
    for (const match of sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
      const word = match[0].replace(/['’]s$/, '');
      if (first && isStyledLowercase(word, match.index)) styledLowercase.add(word);
      else if (/^\p{Ll}/u.test(word)) lowercase.add(word);
      else if (!first && UPPER.test(word[0] ?? '')) capitalised.add(word.toLowerCase());
      first = false;
    }
  }
  return { capitalised, lowercase, styledLowercase };
}

/** Tags for one sentence in the order their names appear, at most CONTENT_LIMITS.tagsPerSentence. */
export function tagSentence(
  sentence: string,
  gazetteer: Gazetteer,
  context?: NameContext,
  terms: readonly Term[] = compromiseTerms(sentence),
): Entity[] {
  const found = gazetteer.find(sentence).map((match) => ({
    entity: { type: match.entity.type, name: sentence.slice(match.start, match.end) },
    start: match.start,
    end: match.end,
  }));
  const overlaps = (start: number, end: number) =>
    found.some((other) => start < other.end && other.start < end);

  const all = words(sentence, terms);
  for (const span of nameSpans(sentence, all, context)) {
    const name = sentence.slice(span.start, span.end);
    if (name.length < 2 || name.length > CONTENT_LIMITS.entityName || name.includes('`')) continue;
    if (overlaps(span.start, span.end)) continue;
    const known = gazetteer.get(name);
    const after = sentence
      .slice(span.end)
      .replace(/^['’]s/, '')
      .trimStart();
    const next = all.find((word) => word.start >= span.end);
    const type = known?.type ?? spanType(span, name, sentence.slice(0, span.start), after, next);
    found.push({ entity: { type, name }, start: span.start, end: span.end });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.start - b.start)
    .map((entry) => entry.entity)
    .filter((entity) => {
      const key = entity.name.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, CONTENT_LIMITS.tagsPerSentence);
}

/** Tags for each sentence on its own (one compromise pass for all of them). */
export function tagEach(
  sentences: readonly string[],
  gazetteer: Gazetteer,
  context = nameContext(sentences),
): Entity[][] {
  const allTerms = compromiseTerms(sentences.join('\n'));
  let offset = 0;
  let next = 0;
  return sentences.map((sentence) => {
    const base = offset;
    offset += sentence.length + 1;
    const terms: Term[] = [];
    while (next < allTerms.length && (allTerms[next]?.start ?? 0) < base + sentence.length) {
      const term = allTerms[next++] as Term;
      if (term.start >= base) terms.push({ ...term, start: term.start - base, end: term.end - base });
    }
    return tagSentence(sentence, gazetteer, context, terms);
  });
}

/**
 * A name is tagged where it first appears; a later sentence repeats it only when it would have no tag
 * otherwise (as the library's authors tag).
 */
export function keepFirstMentions(tagsPerSentence: readonly Entity[][]): Entity[][] {
  const tagged = new Set<string>();
  return tagsPerSentence.map((tags) => {
    const fresh = tags.filter((tag) => !tagged.has(tag.name.toLowerCase()));
    const kept = fresh.length > 0 ? fresh : tags.slice(0, 1);
    for (const tag of kept) tagged.add(tag.name.toLowerCase());
    return kept;
  });
}

/** Tags for an article's sentences, in order, each name tagged where it first appears. */
export const tagSentences = (
  sentences: readonly string[],
  gazetteer: Gazetteer,
  context = nameContext(sentences),
) => keepFirstMentions(tagEach(sentences, gazetteer, context));
