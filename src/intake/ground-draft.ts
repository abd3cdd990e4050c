// Grounds a model's draft in the article it was given, on top of the built-in draft: every focus sentence is
// one of the article's sentences as written, every tag occurs in its sentence, every name, number and date
// in the brief and the questions occurs in the article, and each question's answer is stated in a focus
// sentence. What fails is dropped; where that leaves a field short, the built-in draft's value stays or the
// field is left empty, and a `# TODO:` note tells the author what the model wrote and why it was dropped.
import type {
  Comparison,
  Entity,
  FocusSentence,
  Implication,
  Question,
  TimelineEntry,
} from '../content/article-schema.ts';
import { type ArticleFacts, articleFacts, statesDate, unsupportedClaims } from './article-facts.ts';
import { MIN_FOCUS } from './built-in-drafter.ts';
import type { Draft, DraftField, LibraryView } from './draft.ts';
import type { ModelDraft } from './model-draft-schema.ts';
import type { ModelInput } from './model-prompt.ts';
import { articleSentences } from './select-sentences.ts';

export interface GroundedDraft {
  draft: Draft;
  /** Items of the model's draft that were dropped (a takeaway, a tag, a question…). */
  dropped: number;
}

/** Words too common to show that a focus sentence states an answer. */
const STOPWORDS = new Set(
  'a an the of in on at to for by from with and or but is are was were be been its it this that these those than as per about into over under after before their there which who'.split(
    ' ',
  ),
);
const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,+-]*[\p{L}\p{N}+]|[\p{L}\p{N}]/gu;
/** Longer quotes in notes are cut, so a note stays one readable line. */
const NOTE_QUOTE = 120;

const quote = (text: string) => `"${text.length > NOTE_QUOTE ? `${text.slice(0, NOTE_QUOTE - 1)}…` : text}"`;
const listOf = (claims: readonly string[]) => claims.map((claim) => `"${claim}"`).join(', ');
/** Quotes compared as the same character whatever their style; runs of spaces as one. */
const plainQuotes = (text: string) =>
  text
    .replace(/[“”„″]/g, '"')
    .replace(/[‘’‚′]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** A word as an answer is compared: lower case, a number in digits, a plural's `s` dropped. */
function comparable(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  const spelled = NUMBER_WORDS.indexOf(lower);
  if (spelled >= 0) return String(spelled);
  const digits = /^\d{1,3}(?:,\d{3})+$/.test(lower) ? lower.replace(/,/g, '') : lower;
  return digits.length > 3 && digits.endsWith('s') && !digits.endsWith('ss') ? digits.slice(0, -1) : digits;
}
const contentWords = (text: string) =>
  [...text.matchAll(WORD)].map((match) => comparable(match[0])).filter((word) => !STOPWORDS.has(word));

/** A focus sentence states `answer` when it holds every content word of it. */
function statesAnswer(sentence: string, answer: string): boolean {
  const wanted = contentWords(answer);
  if (wanted.length === 0) return false;
  const words = new Set(contentWords(sentence));
  return wanted.every((word) => words.has(word));
}

/** Where `name` occurs in `sentence` as whole words, any case: its spelling there, or undefined. */
function spellingIn(sentence: string, name: string): string | undefined {
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!escaped || name.includes('`')) return undefined;
  const match = new RegExp(`(?:^|[^\\p{L}\\p{N}])(${escaped})(?=$|[^\\p{L}\\p{N}])`, 'iu').exec(sentence);
  return match?.[1];
}

export function groundDraft(
  model: ModelDraft,
  sent: ModelInput,
  base: Draft,
  library: LibraryView,
): GroundedDraft {
  const facts: ArticleFacts = articleFacts(sent.text);
  const todo: Draft['todo'] = {};
  for (const field of ['title', 'source.name', 'source.url', 'published', 'topics'] as const) {
    if (base.todo[field]) todo[field] = base.todo[field];
  }
  let dropped = 0;
  const claimsOf = (...texts: string[]) => [
    ...new Set(texts.flatMap((text) => unsupportedClaims(text, facts))),
  ];
  const why = (claims: readonly string[]) => `states ${listOf(claims)}, which the article does not`;

  /** A one-line field: the model's when grounded, else the built-in draft's (or empty), with a note. */
  const line = (field: DraftField, value: string, fallback: string): string => {
    const claims = claimsOf(value);
    if (claims.length === 0) return value;
    dropped += 1;
    const mine = `the model's ${quote(value)} was dropped: it ${why(claims)}`;
    todo[field] = fallback
      ? `kept the page's own; ${mine}`
      : `${base.todo[field] ? `${base.todo[field]}; ` : 'write it; '}${mine}`;
    return fallback;
  };

  /** A list: the model's grounded items, else the built-in draft's; a note names what was dropped. */
  const list = <T>(
    field: DraftField,
    items: readonly T[],
    check: (item: T) => { text: string; claims: string[] },
    fallback: T[],
    noun: string,
  ): T[] => {
    const kept: T[] = [];
    const notes: string[] = [];
    for (const item of items) {
      const { text, claims } = check(item);
      if (claims.length === 0) kept.push(item);
      else notes.push(`${quote(text)} (it ${why(claims)})`);
    }
    dropped += notes.length;
    const result = kept.length > 0 ? kept : fallback;
    if (notes.length > 0) {
      const lead =
        kept.length > 0
          ? ''
          : result.length > 0
            ? "kept the page's own; "
            : `${base.todo[field] ?? 'write them'}; `;
      todo[field] = `${lead}dropped the model's ${noun}: ${notes.join('; ')}`;
    } else if (result.length === 0 && base.todo[field]) {
      todo[field] = base.todo[field];
    }
    return result;
  };
  const plain = (text: string) => ({ text, claims: claimsOf(text) });

  const audience = list('audience', model.audience, plain, [], 'audience');
  const hook = line('hook', model.hook, base.article.hook);
  const whatChanged = line('tldr.whatChanged', model.tldr.whatChanged, base.article.tldr.whatChanged);
  const whyItMatters = line('tldr.whyItMatters', model.tldr.whyItMatters, '');
  const whatToDoNext = line('tldr.whatToDoNext', model.tldr.whatToDoNext, '');
  const takeaways = list('takeaways', model.takeaways, plain, base.article.takeaways, 'takeaways');
  const deepDive = list('deepDive', model.deepDive, plain, [], 'paragraphs');
  const implications = list<Implication>(
    'implications',
    model.implications,
    (entry) => ({ text: entry.claim, claims: claimsOf(entry.claim, entry.rationale) }),
    [],
    'implications',
  );
  const timeline = list<TimelineEntry>(
    'timeline',
    model.timeline,
    (entry) => ({
      text: `${entry.date}: ${entry.event}`,
      claims: [...(statesDate(entry.date, facts) ? [] : [entry.date]), ...claimsOf(entry.event)],
    }),
    base.article.timeline,
    'events',
  );

  const comparison = groundComparison(model.comparison);
  function groundComparison(table: Comparison): Comparison | undefined {
    const columnClaims = claimsOf(...table.columns);
    const rows = table.rows.filter((row) => claimsOf(...row).length === 0);
    const droppedRows = table.rows.length - rows.length;
    dropped += droppedRows + (columnClaims.length > 0 ? 1 : 0);
    if (columnClaims.length > 0 || rows.length === 0) {
      todo.comparison = `${base.todo.comparison ?? 'write it'}; the model's table was dropped: ${
        columnClaims.length > 0
          ? `its columns ${why(columnClaims)}`
          : 'every row states something the article does not'
      }`;
      return undefined;
    }
    if (droppedRows > 0)
      todo.comparison = `dropped ${droppedRows} of the model's rows: they state names or numbers the article does not`;
    return { columns: table.columns, rows };
  }

  const reading = groundReading();
  function groundReading(): FocusSentence[] {
    const sentences = new Map(
      articleSentences(sent.paragraphs).map((sentence) => [plainQuotes(sentence.text), sentence.text]),
    );
    const kept: FocusSentence[] = [];
    const notes: string[] = [];
    let droppedTags = 0;
    for (const sentence of model.reading) {
      const text = sentences.get(plainQuotes(sentence.text));
      if (!text || kept.some((other) => other.text === text)) {
        notes.push(quote(sentence.text));
        continue;
      }
      const seen = new Set<string>();
      const entities: Entity[] = [];
      for (const entity of sentence.entities) {
        const name = spellingIn(text, entity.name);
        if (!name || seen.has(name.toLowerCase())) {
          droppedTags += name ? 0 : 1;
          continue;
        }
        seen.add(name.toLowerCase());
        // A name the library already tags keeps the library's kind, so generated questions find like distractors.
        entities.push({ type: library.gazetteer.get(name)?.type ?? entity.type, name });
      }
      kept.push({ text, entities });
    }
    dropped += notes.length + droppedTags;
    const tagNote =
      droppedTags > 0
        ? `; dropped ${droppedTags} of the model's tags whose names are not in their sentence`
        : '';
    if (kept.length < MIN_FOCUS) {
      todo.reading = `the model quoted ${kept.length} of its ${model.reading.length} focus sentences as the article writes them, fewer than ${MIN_FOCUS}: these are the built-in drafter's`;
      if (base.todo.reading) todo.reading = `${todo.reading}; ${base.todo.reading}`;
      return base.article.reading;
    }
    if (notes.length > 0 || droppedTags > 0)
      todo.reading =
        notes.length > 0
          ? `dropped the model's sentences that are not the article's as written: ${notes.join('; ')}${tagNote}`
          : tagNote.slice(2);
    return kept;
  }

  const questions = groundQuestions();
  function groundQuestions(): Question[] {
    const kept: Question[] = [];
    const notes: string[] = [];
    for (const question of model.questions) {
      const claims = claimsOf(question.prompt, question.explanation);
      const answer = question.choices.find((choice) => choice.correct)?.text ?? '';
      if (claims.length > 0) notes.push(`${quote(question.prompt)} (it ${why(claims)})`);
      else if (!reading.some((sentence) => statesAnswer(sentence.text, answer)))
        notes.push(`${quote(question.prompt)} (its answer ${quote(answer)} is in no focus sentence)`);
      else kept.push(question);
    }
    dropped += notes.length;
    if (notes.length > 0) todo.questions = `dropped the model's questions ${notes.join('; ')}`;
    return kept;
  }

  return {
    dropped,
    draft: {
      drafter: base.drafter,
      todo,
      article: {
        ...base.article,
        audience,
        hook,
        tldr: { whatChanged, whyItMatters, whatToDoNext },
        takeaways,
        comparison,
        deepDive,
        implications,
        timeline,
        reading,
        questions,
      },
    },
  };
}
