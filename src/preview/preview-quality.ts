// What the preview shows under each question: its answer statistics, readers' reports and flags.
import type { Article } from '../content/article-schema.ts';
import type { ContentLibrary } from '../content/content-library.ts';
import { flagLines, reportsLine, statsLine } from '../core/quality/describe-quality.ts';
import { percent, readArticleQuality } from '../core/quality/question-quality.ts';
import type { QualityReader } from '../store/quality-reader.ts';

export interface PreviewQuestionQuality {
  index: number;
  stats: string;
  reports: string;
  notes: string[];
  flags: string[];
  /** Per choice, in the article's order. */
  choices: { picks: number; share: string }[];
}

export interface PreviewQuality {
  /** Why there are no statistics to show (the store could not be opened or read). */
  unavailable?: string;
  note?: string;
  /** By article id. */
  articles: Record<string, PreviewQuestionQuality[]>;
}

/** Reads every article's statistics and reports (two lookups per article). */
export async function previewQuality(
  reader: QualityReader,
  files: ReadonlyMap<string, Article>,
  questionLines: (file: string) => readonly (number | undefined)[],
): Promise<PreviewQuality> {
  const articles: PreviewQuality['articles'] = {};
  for (const [file, article] of files) {
    const qualities = await readArticleQuality(reader.ports, article, questionLines(file));
    articles[article.id] = qualities.map((quality) => ({
      index: quality.index,
      stats: statsLine(quality),
      reports: reportsLine(quality),
      notes: quality.reports.notes,
      flags: flagLines(quality),
      choices: quality.stats.choices.map((choice) => ({ picks: choice.picks, share: percent(choice.share) })),
    }));
  }
  return { ...(reader.note ? { note: reader.note } : {}), articles };
}

/**
 * The statistics of a library's articles, from a reader opened on the first look (not at start, so
 * the page is up at once); an attempt that failed is forgotten, so the next look tries again.
 */
export function lazyQuality(
  library: Pick<ContentLibrary, 'files' | 'questionLines'>,
  open: () => Promise<QualityReader>,
): { read: () => Promise<PreviewQuality>; close: () => Promise<void> } {
  let opening: Promise<QualityReader> | undefined;
  const reader = () => {
    if (!opening) {
      const attempt = open();
      attempt.catch(() => {
        if (opening === attempt) opening = undefined;
      });
      opening = attempt;
    }
    return opening;
  };
  return {
    read: async () => previewQuality(await reader(), library.files, (file) => library.questionLines(file)),
    close: async () => {
      const opened = await opening?.catch(() => undefined);
      await opened?.close();
    },
  };
}
