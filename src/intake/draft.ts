// A draft article and the Drafter seam: the built-in drafter implements it, a language-model drafter can too.
import type {
  Article,
  Comparison,
  FocusSentence,
  Implication,
  Question,
  TimelineEntry,
} from '../content/article-schema.ts';
import type { ExtractedArticle } from './extract-article.ts';
import type { Gazetteer } from './gazetteer.ts';
import type { FeedItem } from './parse-feed.ts';

/** Fields a drafter may leave for the author, each rendered with a `# TODO:` comment saying what it needs. */
export const DRAFT_FIELDS = [
  'title',
  'source.name',
  'source.url',
  'published',
  'topics',
  'audience',
  'hook',
  'tldr.whatChanged',
  'tldr.whyItMatters',
  'tldr.whatToDoNext',
  'takeaways',
  'comparison',
  'deepDive',
  'implications',
  'timeline',
  'reading',
  'questions',
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** An article as far as a drafter could write it: what it could not fill is empty. */
export interface DraftArticle {
  /** Proposed from the title; the draft writer makes it unique. */
  id: string;
  title: string;
  source: { name: string; url: string };
  published: string;
  topics: string[];
  audience: string[];
  image: string | undefined;
  hook: string;
  tldr: { whatChanged: string; whyItMatters: string; whatToDoNext: string };
  takeaways: string[];
  comparison: Comparison | undefined;
  deepDive: string[];
  implications: Implication[];
  timeline: TimelineEntry[];
  reading: FocusSentence[];
  /** Written questions; the built-in drafter writes none and leaves the quiz to generated questions. */
  questions: Question[];
}

export interface Draft {
  article: DraftArticle;
  /** What the author still has to do in a field, for each field the drafter left empty or wants checked. */
  todo: Partial<Record<DraftField, string>>;
  /** Which drafter wrote it (`built-in`, or a model's name), said in the draft's header. */
  drafter: string;
  /** One line to say about it when it is written: what a model wrote, or why the built-in draft stands. */
  note?: string | undefined;
}

/** What a drafter reads: the extracted page and, when the page came from a feed, the feed item. */
export interface DraftSource {
  page: ExtractedArticle;
  /** The story's canonical address: its `source.url`. */
  storyUrl: string;
  item?: FeedItem | undefined;
  feedTitle?: string | undefined;
}

/** What a drafter may know of the library: its articles (for topics and tag kinds) and their tags. */
export interface LibraryView {
  articles: readonly Article[];
  gazetteer: Gazetteer;
  /** Every topic slug the library uses. */
  topics: ReadonlySet<string>;
}

export interface Drafter {
  readonly name: string;
  draft(source: DraftSource, library: LibraryView): Promise<Draft>;
}

/** The story's text as a drafter (or a model) reads it and as every quote is checked against: paragraphs, blank-line separated. */
export const articleText = (page: ExtractedArticle) => page.paragraphs.join('\n\n');
