// What the preview page shows: every article with its views rendered by the production renderers.
import { type DiscordMessage, renderMessage } from '../adapters/discord/render-embeds.ts';
import { renderHtml, type TelegramMessage } from '../adapters/telegram/render-html.ts';
import type { Article } from '../content/article-schema.ts';
import { type ContentError, formatContentError } from '../content/content-error.ts';
import { publishedMs } from '../content/published-at.ts';
import { BRIEF_SECTIONS } from '../core/action-payload.ts';
import { ArticleIndex } from '../core/article-catalog.ts';
import type { NeutralMessage } from '../core/output.ts';
import { briefCard, briefSection, sectionLabel } from '../core/present-brief.ts';
import { readingStep, readingSteps } from '../core/present-reading.ts';
import { questionMessage } from '../core/quiz/present-quiz.ts';
import { newRound } from '../core/quiz/round-rules.ts';
import { type Counter, discordCounters, telegramCounters } from './limit-counters.ts';

export interface PreviewView {
  group: 'card' | 'section' | 'reading' | 'quiz';
  name: string;
  telegram: { messages: TelegramMessage[]; counters: Counter[] };
  discord: { messages: DiscordMessage[]; counters: Counter[] };
  /** Quiz views: the explanation shown after an answer, and whether the question was generated. */
  explanation?: string;
  generated?: boolean;
  /** Quiz views: the question's index in the article, its line in the file, and its choices in file order. */
  question?: { index: number; line?: number; choices: { text: string; correct: boolean }[] };
}

export interface PreviewArticle {
  id: string;
  file: string;
  title: string;
  /** `scheduled` articles are hidden from readers until `published`. */
  status: 'ok' | 'scheduled';
  published: string;
  written: number;
  generated: number;
  /** Over any limit in any view: the count of red counters. */
  overLimits: number;
  views: PreviewView[];
}

export interface PreviewState {
  dir: string;
  /** Changes with every reload, so the page knows when to fetch again. */
  version: number;
  articles: PreviewArticle[];
  /** Every problem as `file:line → field: message`. */
  errors: { file: string; text: string }[];
}

function view(
  group: PreviewView['group'],
  name: string,
  message: NeutralMessage,
  extra: Partial<PreviewView> = {},
): PreviewView {
  const telegram = renderHtml(message);
  const discord = renderMessage(message);
  return {
    group,
    name,
    telegram: { messages: telegram, counters: telegramCounters(message, telegram) },
    discord: { messages: discord, counters: discordCounters(message, discord) },
    ...extra,
  };
}

/** Every question of the article in file order (written, then generated), each at its own position. */
function quizViews(article: Article, now: number, lines: readonly (number | undefined)[]): PreviewView[] {
  const round = {
    ...newRound({
      id: 'preview',
      platform: 'console',
      chatId: 'preview',
      mode: 'solo',
      ownerId: 'preview',
      article,
      seed: 1,
      now,
    }),
    questions: article.questions.map((_, index) => index),
  };
  return article.questions.map((question, index) =>
    view(
      'quiz',
      `Question ${index + 1}${question.generated ? ' (from the text)' : ''}`,
      questionMessage(round, article, index),
      {
        explanation: question.explanation,
        generated: question.generated === true,
        question: {
          index,
          ...(lines[index] === undefined ? {} : { line: lines[index] }),
          choices: question.choices.map((choice) => ({ text: choice.text, correct: choice.correct })),
        },
      },
    ),
  );
}

export function articleViews(
  catalog: ArticleIndex,
  article: Article,
  now: number,
  lines: readonly (number | undefined)[] = [],
): PreviewView[] {
  return [
    view('card', 'Card', briefCard(article, now)),
    ...BRIEF_SECTIONS.map((section) =>
      view('section', sectionLabel(section), briefSection(catalog, article, section)),
    ),
    ...Array.from({ length: readingSteps(article) }, (_, step) =>
      view(
        'reading',
        step < article.reading.length ? `Step ${step + 1}` : 'End card',
        readingStep(article, step),
      ),
    ),
    ...quizViews(article, now, lines),
  ];
}

export function previewState(
  dir: string,
  version: number,
  files: ReadonlyMap<string, Article>,
  errors: readonly ContentError[],
  now: number,
  /** Lines of each file's questions (see ContentLibrary.questionLines). */
  questionLines: (file: string) => readonly (number | undefined)[] = () => [],
): PreviewState {
  const catalog = new ArticleIndex(files.values());
  const articles = [...files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, article]): PreviewArticle => {
      const views = articleViews(catalog, article, now, questionLines(file));
      const generated = article.questions.filter((question) => question.generated).length;
      return {
        id: article.id,
        file,
        title: article.title,
        status: publishedMs(article) > now ? 'scheduled' : 'ok',
        published: new Date(publishedMs(article)).toISOString(),
        written: article.questions.length - generated,
        generated,
        overLimits: views.reduce(
          (sum, entry) =>
            sum + [...entry.telegram.counters, ...entry.discord.counters].filter((c) => c.over).length,
          0,
        ),
        views,
      };
    });
  return {
    dir,
    version,
    articles,
    errors: errors.map((error) => ({ file: error.file, text: formatContentError(error) })),
  };
}
