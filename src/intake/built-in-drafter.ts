// The built-in drafter: fills what the page itself states (no model, no network) and leaves what needs
// judgment to the author, each with a note. Every sentence it writes is quoted from the article as is.
import { CONTENT_LIMITS, type TimelineEntry } from '../content/article-schema.ts';
import { slugFromTitle } from '../content/article-template.ts';
import { httpUrlProblem, MAX_IMAGE_URL } from '../content/http-url.ts';
import type { Draft, Drafter, DraftField, DraftSource, LibraryView } from './draft.ts';
import { findDates } from './find-dates.ts';
import { mapTopics } from './map-topics.ts';
import { type ArticleSentence, articleSentences, isQuotable } from './select-sentences.ts';
import { splitSentences } from './split-sentences.ts';
import { keepFirstMentions, nameContext, tagEach } from './tag-entities.ts';

/** Focus sentences a draft gets: enough for a reading and a quiz, few enough to read in a minute or two. */
export const MIN_FOCUS = 5;
export const MAX_FOCUS = 12;
/** Takeaways quoted from the article. */
const TAKEAWAYS = 4;
/** Sentences looked at for focus sentences (tagging every sentence of a very long article is slow for nothing). */
const CANDIDATES = 40;
/** A sentence this short can also become a generated question (the explanation's limit). */
const QUESTION_SIZED = CONTENT_LIMITS.explanation;

const JUDGMENT: Partial<Record<DraftField, string>> = {
  audience: `who should care: 1–${CONTENT_LIMITS.audience} entries of at most ${CONTENT_LIMITS.audienceEntry} characters, e.g. [City engineers, IoT developers]`,
  'tldr.whyItMatters': `why it matters to your readers, at most ${CONTENT_LIMITS.line} characters (needs judgment: the article does not say it for them)`,
  'tldr.whatToDoNext': `what a reader can do next, at most ${CONTENT_LIMITS.line} characters (needs judgment)`,
  comparison: `a small table: 2–${CONTENT_LIMITS.tableColumns} columns and 1–${CONTENT_LIMITS.tableRows} rows of cells of at most ${CONTENT_LIMITS.tableCell} characters, comparing what changed (needs judgment)`,
  deepDive: `1–${CONTENT_LIMITS.deepDive} paragraphs in your own words explaining how it works, at most ${CONTENT_LIMITS.paragraph} characters each (quoting the article at length would republish it)`,
  implications: `1–${CONTENT_LIMITS.implications} claims with their rationale (needs judgment)`,
};

/** The longest run of whole sentences from the start of `text` that fits `max`, or undefined. */
function leadingSentences(text: string, max: number): string | undefined {
  if (text.length <= max) return text;
  let kept = '';
  for (const sentence of splitSentences(text)) {
    const next = kept ? `${kept} ${sentence}` : sentence;
    if (next.length > max) break;
    kept = next;
  }
  return kept || undefined;
}

function publisherName(source: DraftSource): { name: string; fromAddress: boolean } {
  const named = source.page.metadata.publisher ?? source.feedTitle;
  if (named) return { name: named, fromAddress: false };
  return { name: new URL(source.storyUrl).hostname.replace(/^www\./, ''), fromAddress: true };
}

/** Focus sentences: tagged, question-sized sentences first, kept in reading order. */
function focusSentences(sentences: readonly ArticleSentence[], library: LibraryView) {
  const candidates = sentences.filter((sentence) => isQuotable(sentence.text)).slice(0, CANDIDATES);
  const context = nameContext(sentences.map((sentence) => sentence.text));
  const tags = tagEach(
    candidates.map((sentence) => sentence.text),
    library.gazetteer,
    context,
  );
  const scored = candidates.map((sentence, position) => {
    const count = tags[position]?.length ?? 0;
    const score =
      Math.min(count, 3) * 2 +
      (count > 0 && sentence.text.length <= QUESTION_SIZED ? 2 : 0) +
      (sentence.index === 0 ? 1 : 0);
    return { sentence, position, score };
  });
  const chosen = [...scored]
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, MAX_FOCUS)
    .sort((a, b) => a.position - b.position);
  const kept = keepFirstMentions(chosen.map(({ position }) => tags[position] ?? []));
  return chosen.map(({ sentence }, index) => ({ text: sentence.text, entities: kept[index] ?? [] }));
}

function timeline(sentences: readonly ArticleSentence[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const { text } of sentences) {
    if (text.length > CONTENT_LIMITS.line || !isQuotable(text, CONTENT_LIMITS.line)) continue;
    const [date] = findDates(text);
    if (date) entries.push({ date, event: text });
  }
  return entries
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .slice(0, CONTENT_LIMITS.timeline);
}

export function builtInDraft(source: DraftSource, library: LibraryView): Draft {
  const { page, item } = source;
  const todo: Draft['todo'] = { ...JUDGMENT };
  const sentences = articleSentences(page.paragraphs);
  const quotable = sentences.filter((sentence) => isQuotable(sentence.text, CONTENT_LIMITS.line));

  const title = page.title ?? item?.title ?? '';
  if (!title) todo.title = `the headline, at most ${CONTENT_LIMITS.title} characters (the page gave none)`;
  const publisher = publisherName(source);
  if (publisher.fromAddress)
    todo['source.name'] = "the publisher's name (the page gave none; this is its address)";
  const published = page.metadata.published ?? item?.published ?? '';
  if (!published) todo.published = 'when the story was published, e.g. 2026-05-14 (the page gave no date)';

  const keywords = [...(item?.categories ?? []), ...page.metadata.keywords];
  const { topics, unmatched } = mapTopics(keywords, library.topics);
  if (topics.length === 0) {
    const known = [...library.topics].sort().slice(0, 12).join(', ');
    const theirs =
      unmatched.length > 0 ? `; the page's keywords were: ${unmatched.slice(0, 8).join(', ')}` : '';
    todo.topics = `1–${CONTENT_LIMITS.topics} topic slugs${known ? ` such as ${known}` : ''}${theirs}`;
  }

  const description = page.metadata.description ?? item?.summary;
  const hook = description ? leadingSentences(description, CONTENT_LIMITS.hook) : undefined;
  if (!hook)
    todo.hook = `one line that makes a reader open the brief, at most ${CONTENT_LIMITS.hook} characters (the page has no short description)`;

  const lead = quotable[0];
  if (!lead)
    todo['tldr.whatChanged'] =
      `what changed, at most ${CONTENT_LIMITS.line} characters (no sentence of the article fits)`;
  const takeaways = quotable
    .filter((sentence) => sentence !== lead && sentence.index === 0 && !/^["'“‘]/.test(sentence.text))
    .slice(0, TAKEAWAYS)
    .map((sentence) => sentence.text);
  if (takeaways.length === 0)
    todo.takeaways = `1–${CONTENT_LIMITS.takeaways} key takeaways, at most ${CONTENT_LIMITS.paragraph} characters each`;

  const events = timeline(sentences);
  if (events.length === 0) {
    todo.timeline = `1–${CONTENT_LIMITS.timeline} events, oldest first, each with a date such as 2026-05 or 2026-05-14 (the article states no full dates)`;
  }

  const reading = focusSentences(sentences, library);
  if (reading.length < MIN_FOCUS) {
    todo.reading = `${MIN_FOCUS}–${MAX_FOCUS} focus sentences quoted from the article; only ${reading.length} of its sentences could be quoted as they are`;
  }

  const image =
    page.metadata.image && !httpUrlProblem(page.metadata.image, MAX_IMAGE_URL)
      ? page.metadata.image
      : undefined;
  return {
    drafter: 'built-in',
    todo,
    article: {
      id: slugFromTitle(title),
      title,
      source: { name: publisher.name, url: source.storyUrl },
      published,
      topics,
      audience: [],
      image,
      hook: hook ?? '',
      tldr: { whatChanged: lead?.text ?? '', whyItMatters: '', whatToDoNext: '' },
      takeaways,
      comparison: undefined,
      deepDive: [],
      implications: [],
      timeline: events,
      reading,
      questions: [],
    },
  };
}

export const builtInDrafter: Drafter = {
  name: 'built-in',
  draft: async (source, library) => builtInDraft(source, library),
};
