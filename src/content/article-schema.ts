// The article content model: one zod schema per part, types inferred from it.
import { z } from 'zod';
import { httpUrl, MAX_IMAGE_URL, MAX_LINK_URL } from './http-url.ts';

/** Lengths both platforms can show without truncation (see shared/platform-limits.md). */
export const CONTENT_LIMITS = {
  /** Telegram quiz question: 1–300 characters. */
  questionPrompt: 300,
  /** Discord button label: 80 characters. */
  choiceText: 80,
  /** Telegram quiz explanation: 0–200 characters. */
  explanation: 200,
  /** Discord embed title: 256 characters. */
  title: 200,
  /** Telegram toast / one-line hook. */
  hook: 280,
  line: 400,
  paragraph: 900,
  tableCell: 60,
  tableColumns: 6,
  tableRows: 12,
  entityName: 60,
  focusSentence: 500,
  minChoices: 2,
  /** Discord: at most 5 buttons in one row. */
  maxChoices: 5,
  sourceName: 80,
  audienceEntry: 60,
  // How many items a list may hold: the card, a reading step and a quiz question stay one message,
  // a section a few; a reading step number must fit a button payload (≤ 99).
  topics: 8,
  audience: 8,
  takeaways: 10,
  deepDive: 10,
  implications: 8,
  timeline: 20,
  reading: 40,
  tagsPerSentence: 10,
  questions: 30,
} as const;

/** An array of at most `max` items, with a message naming the limit ("allows at most 10 takeaways"). */
const upTo = <T extends z.ZodType>(item: T, max: number, noun: string) =>
  z.array(item).max(max, `allows at most ${max} ${noun}`);

/** Entity kinds a focus sentence can be tagged with. Add a kind here to extend the model. */
export const ENTITY_TYPES = ['org', 'tech', 'location', 'concept', 'person', 'event'] as const;
export const entityTypeSchema = z.enum(ENTITY_TYPES, {
  error: () => `expected one of ${ENTITY_TYPES.join(', ')}`,
});
export type EntityType = z.infer<typeof entityTypeSchema>;

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'expected text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** An article id: a slug. */
export const slugSchema = z
  .string({ error: 'expected a slug such as "deepseek-v4-delay"' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lower-case letters, digits and single hyphens')
  .max(64, 'must be at most 64 characters');

/** A topic slug. */
export const topicSchema = z
  .string({ error: 'expected a topic such as "ai" or "open-source"' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case topic such as "ai" or "open-source"')
  .max(32, 'must be at most 32 characters');

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar day, `YYYY-MM-DD`, or an ISO date-time with an offset. */
const publishedDate = z.string({ error: 'expected a date such as 2026-03-02' }).refine((value) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  if (!match) return false;
  return isRealDay(Number(match[1]), Number(match[2]), Number(match[3])) && !Number.isNaN(Date.parse(value));
}, 'expected a real date such as 2026-03-02 or 2026-03-02T08:30:00Z');

/** A timeline date with month (`2024-01`) or day (`2024-01-15`) precision. */
const timelineDate = z.string({ error: 'expected a date such as 2024-01 or 2024-01-15' }).refine((value) => {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return false;
  return isRealDay(Number(match[1]), Number(match[2]), match[3] === undefined ? 1 : Number(match[3]));
}, 'expected a real date such as 2024-01 or 2024-01-15');

export const entitySchema = z.object({
  type: entityTypeSchema,
  name: text(CONTENT_LIMITS.entityName),
});
export type Entity = z.infer<typeof entitySchema>;

export const focusSentenceSchema = z.object({
  text: text(CONTENT_LIMITS.focusSentence),
  entities: upTo(entitySchema, CONTENT_LIMITS.tagsPerSentence, 'tags on one focus sentence'),
});
export type FocusSentence = z.infer<typeof focusSentenceSchema>;

export const choiceSchema = z.object({
  text: text(CONTENT_LIMITS.choiceText),
  correct: z.boolean(),
});
export type Choice = z.infer<typeof choiceSchema>;

/** Exactly one correct choice, and no two choices alike in any letter case. */
function checkChoices(question: { choices: Choice[] }, ctx: z.RefinementCtx): void {
  const correct = question.choices.filter((choice) => choice.correct).length;
  if (correct !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['choices'],
      message: `needs exactly one correct choice, found ${correct}`,
    });
  }
  const seen = new Map<string, number>();
  question.choices.forEach((choice, index) => {
    const key = choice.text.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices', index, 'text'],
        message: `repeats choices.${first} ("${choice.text}"); every choice must differ`,
      });
    } else {
      seen.set(key, index);
    }
  });
}

const questionShape = {
  prompt: text(CONTENT_LIMITS.questionPrompt),
  choices: z
    .array(choiceSchema)
    .min(CONTENT_LIMITS.minChoices, `needs at least ${CONTENT_LIMITS.minChoices} choices`)
    .max(CONTENT_LIMITS.maxChoices, `allows at most ${CONTENT_LIMITS.maxChoices} choices`),
  explanation: text(CONTENT_LIMITS.explanation),
};

export const questionSchema = z
  .object({
    ...questionShape,
    /** Made from a focus sentence by the loader (generate-questions.ts), never written in a file. */
    generated: z.literal(true).optional(),
  })
  .superRefine(checkChoices);
/** A question as an author (or a model) writes it: the same rules, nothing else. */
export const writtenQuestionSchema = z.strictObject(questionShape).superRefine(checkChoices);
export type Question = z.infer<typeof questionSchema>;

export const comparisonSchema = z
  .strictObject({
    columns: z
      .array(text(CONTENT_LIMITS.tableCell))
      .min(2, 'needs at least 2 columns')
      .max(CONTENT_LIMITS.tableColumns, `allows at most ${CONTENT_LIMITS.tableColumns} columns`),
    rows: z
      .array(z.array(text(CONTENT_LIMITS.tableCell)))
      .min(1, 'needs at least 1 row')
      .max(CONTENT_LIMITS.tableRows, `allows at most ${CONTENT_LIMITS.tableRows} rows`),
  })
  .superRefine((table, ctx) => {
    table.rows.forEach((row, index) => {
      if (row.length !== table.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', index],
          message: `has ${row.length} cells but the table has ${table.columns.length} columns`,
        });
      }
    });
  });
export type Comparison = z.infer<typeof comparisonSchema>;

export const timelineEntrySchema = z.strictObject({ date: timelineDate, event: text(CONTENT_LIMITS.line) });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const implicationSchema = z.strictObject({
  claim: text(CONTENT_LIMITS.line),
  rationale: text(CONTENT_LIMITS.paragraph),
});
export type Implication = z.infer<typeof implicationSchema>;

export const briefSchema = z.object({
  hook: text(CONTENT_LIMITS.hook),
  tldr: z.strictObject({
    whatChanged: text(CONTENT_LIMITS.line),
    whyItMatters: text(CONTENT_LIMITS.line),
    whatToDoNext: text(CONTENT_LIMITS.line),
  }),
  takeaways: upTo(text(CONTENT_LIMITS.paragraph), CONTENT_LIMITS.takeaways, 'takeaways').min(
    1,
    'needs at least 1 takeaway',
  ),
  comparison: comparisonSchema,
  deepDive: upTo(text(CONTENT_LIMITS.paragraph), CONTENT_LIMITS.deepDive, 'paragraphs').min(
    1,
    'needs at least 1 paragraph',
  ),
  implications: upTo(implicationSchema, CONTENT_LIMITS.implications, 'implications').min(
    1,
    'needs at least 1 implication',
  ),
  timeline: upTo(timelineEntrySchema, CONTENT_LIMITS.timeline, 'timeline entries')
    .min(1, 'needs at least 1 entry')
    .superRefine((entries, ctx) => {
      for (let index = 1; index < entries.length; index++) {
        const previous = entries[index - 1];
        const current = entries[index];
        if (previous && current && current.date < previous.date) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'date'],
            message: `${current.date} comes before ${previous.date}; list the timeline oldest first`,
          });
        }
      }
    }),
});

export const audienceSchema = upTo(
  text(CONTENT_LIMITS.audienceEntry),
  CONTENT_LIMITS.audience,
  'audiences',
).min(1, 'needs at least 1 audience, e.g. "City engineers, IoT developers"');

/** A BCP 47 language tag as Intl knows it, in its canonical spelling (`zh-hans` → `zh-Hans`). */
const languageTag = z
  .string()
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag.trim());
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: `"${tag}" is not a language tag; write one such as en, de or zh-Hans`,
    });
    return z.NEVER;
  });

export const articleSchema = z.object({
  id: slugSchema,
  title: text(CONTENT_LIMITS.title),
  source: z.strictObject({ name: text(CONTENT_LIMITS.sourceName), url: httpUrl(MAX_LINK_URL) }),
  published: publishedDate,
  topics: upTo(topicSchema, CONTENT_LIMITS.topics, 'topics').min(1, 'needs at least 1 topic'),
  /** A list, or one line separated by commas: `City engineers, IoT developers`. */
  audience: z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((entry) => entry.trim())
            .filter((entry) => entry !== '')
        : value,
    audienceSchema,
  ),
  image: httpUrl(MAX_IMAGE_URL).optional(),
  /** The language the article is written in (BCP 47, e.g. `de` or `zh-Hans`); unset means English. */
  lang: languageTag.optional(),
  ...briefSchema.shape,
  reading: upTo(focusSentenceSchema, CONTENT_LIMITS.reading, 'focus sentences').min(
    1,
    'needs at least 1 focus sentence',
  ),
  // None written is fine when enough can be generated from the focus sentences (load-content.ts checks).
  questions: upTo(questionSchema, CONTENT_LIMITS.questions, 'questions'),
});
export type Article = z.infer<typeof articleSchema>;
