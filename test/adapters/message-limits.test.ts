// Every view of every article content:check accepts fits Telegram's and Discord's message limits.

import { validateMessage } from '@newsquiz/emulators/discord';
import { parseTelegramHtml, readReplyMarkup } from '@newsquiz/emulators/telegram';
import { describe, expect, test } from 'vitest';
import {
  type DiscordMessage,
  renderMessage,
  renderNotice,
} from '../../src/adapters/discord/render-embeds.ts';
import { renderHtml } from '../../src/adapters/telegram/render-html.ts';
import { type Article, CONTENT_LIMITS } from '../../src/content/article-schema.ts';
import { formatContentError } from '../../src/content/content-error.ts';
import { parseArticle } from '../../src/content/parse-article.ts';
import { BRIEF_SECTIONS } from '../../src/core/action-payload.ts';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { graphemePrefix } from '../../src/core/clip-text.ts';
import { NEWS_PAGE } from '../../src/core/news-page.ts';
import type { NeutralMessage } from '../../src/core/output.ts';
import { composeDailyBrief } from '../../src/core/post-kinds/daily-brief.ts';
import { weeklyRecapMessage } from '../../src/core/post-kinds/weekly-recap.ts';
import { briefCard, briefSection, newsList, topicsList } from '../../src/core/present-brief.ts';
import { readingStep } from '../../src/core/present-reading.ts';
import {
  groupCloseMessage,
  questionMessage,
  soloFeedbackMessage,
  summaryMessage,
} from '../../src/core/quiz/present-quiz.ts';
import { newRound } from '../../src/core/quiz/round-rules.ts';
import type { AnswerRecord } from '../../src/core/records/answer.ts';
import type { Round } from '../../src/core/records/round.ts';
import type { Subscription } from '../../src/core/records/subscription.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { type ArticleParts, renderArticle } from '../content/fixtures.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const L = CONTENT_LIMITS;

// ---- articles at the schema's maxima -------------------------------------------------------------

/** Kinds of text that stress a renderer differently: plain words, markup to escape, emoji, no spaces. */
const PATTERNS = {
  words: 'lorem ipsum dolor sit amet, consectetur adipiscing elit. ',
  markup: '*_~|[x](y) <b>&amp; #1 @everyone > - \\ + ',
  emoji: '😀 👍🏽 🇩🇪 👨\u200d👩\u200d👧 ',
  solid: 'x',
} as const;
type Style = keyof typeof PATTERNS;
const STYLES = Object.keys(PATTERNS) as Style[];

/** Exactly `length` UTF-16 units of `style` text starting with `prefix`, with no outer whitespace. */
function fill(length: number, style: Style, prefix: string): string {
  let text = prefix;
  while (text.length < length) text += PATTERNS[style];
  text = graphemePrefix(text, length).trimEnd();
  return text.padEnd(length, 'x');
}

interface Shape {
  style: (field: string) => Style;
  /** A text length for a field whose schema maximum is `max`. */
  length: (max: number) => number;
  /** A list length between `min` and `max`. */
  count: (max: number, min?: number) => number;
}

const atMaxima = (style: Style): Shape => ({ style: () => style, length: (max) => max, count: (max) => max });

/** Mostly maxima, sometimes shorter, every field in a style of its own. */
function randomMix(seed: number): Shape {
  const random = seededRandom(seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    style: () => STYLES[between(0, STYLES.length - 1)] as Style,
    length: (max) => (random() < 0.7 ? max : between(1, max)),
    count: (max, min = 1) => (random() < 0.7 ? max : between(min, max)),
  };
}

function maximalParts(n: number, shape: Shape): ArticleParts {
  const text = (field: string, max: number, prefix = `${n}`) =>
    fill(shape.length(max), shape.style(field), prefix);
  const list = <T>(max: number, make: (index: number) => T, min = 1) =>
    Array.from({ length: shape.count(max, min) }, (_, index) => make(index));
  const columns = list(L.tableColumns, (index) => text('cell', L.tableCell, `c${index}`), 2);
  return {
    frontMatter: {
      id: `${'a'.repeat(58)}-${String(n).padStart(5, '0')}`,
      title: text('title', L.title),
      source: {
        name: text('source', L.sourceName),
        url: `https://example.org/${'p'.repeat(480)}/${n}`,
      },
      published: `2026-03-${String(1 + (n % 28)).padStart(2, '0')}`,
      // Shared topics make every other article related to this one.
      topics: list(L.topics, (index) => `${'t'.repeat(30)}${index}`),
      audience: list(L.audience, (index) => text('audience', L.audienceEntry, `${index}`)),
      image: `https://example.org/${'i'.repeat(1900)}.png`,
      hook: text('hook', L.hook),
      tldr: {
        whatChanged: text('tldr', L.line),
        whyItMatters: text('tldr', L.line),
        whatToDoNext: text('tldr', L.line),
      },
      takeaways: list(L.takeaways, (index) => text('takeaway', L.paragraph, `${index}`)),
      comparison: {
        columns,
        rows: list(L.tableRows, (row) =>
          columns.map((_, cell) => text('cell', L.tableCell, `${row}.${cell}`)),
        ),
      },
      deepDive: list(L.deepDive, (index) => text('deepDive', L.paragraph, `${index}`)),
      implications: list(L.implications, (index) => ({
        claim: text('claim', L.line, `${index}`),
        rationale: text('rationale', L.paragraph, `${index}`),
      })),
      timeline: list(L.timeline, (index) => ({
        date: `20${String(10 + index).padStart(2, '0')}-01-15`,
        event: text('event', L.line, `${index}`),
      })),
    },
    reading: list(L.reading, (index) => ({
      text: text('sentence', L.focusSentence, `S${index}`),
      tags: list(
        L.tagsPerSentence,
        (tag) => `concept: ${text('entity', L.entityName, `${tag}`).replace(/`/g, "'")}`,
        0,
      ),
    })),
    questions: list(L.questions, (index) => {
      const choices = list(
        L.maxChoices,
        (choice) => text('choice', L.choiceText, `${choice}.`),
        L.minChoices,
      );
      return {
        prompt: text('prompt', L.questionPrompt, `Q${index}`),
        choices: choices.map((choice, position) => ({ text: choice, correct: position === 0 })),
        explanation: text('explanation', L.explanation, `${index}`),
      };
    }),
  };
}

/** The article exactly as content:check reads it; fails the test if content:check would refuse it. */
function accepted(parts: ArticleParts, n: number): Article {
  const result = parseArticle(`max-${n}.md`, renderArticle(parts));
  if (!result.ok)
    throw new Error(`the generator broke the schema:\n${result.errors.map(formatContentError).join('\n')}`);
  return result.article;
}

// ---- every view -------------------------------------------------------------------------------------

/** Players with the longest names either platform allows (Telegram: first and last name, 64 each). */
function answersFor(round: Round, style: Style): AnswerRecord[][] {
  return round.questions.map((_, position) =>
    Array.from({ length: 40 }, (_, player) => ({
      platform: round.platform,
      chatId: round.chatId,
      roundId: round.id,
      position,
      userId: `user-${player}`,
      articleId: round.articleId,
      question: round.questions[position] ?? 0,
      choice: player % 2,
      correct: player % 2 === 0,
      at: NOW + position * 1000 + player,
      name: fill(129, style, `${player}`),
    })),
  );
}

function quizViews(article: Article, style: Style): [string, NeutralMessage][] {
  const views: [string, NeutralMessage][] = [];
  for (const mode of ['solo', 'group'] as const) {
    const round = newRound({
      id: 'r0123456789abcd',
      platform: 'telegram',
      chatId: '1',
      mode,
      ownerId: 'user-0',
      article,
      seed: 7,
      now: NOW,
    });
    round.questionStarts = round.questions.map((_, position) => NOW + position * 1000);
    const sets = answersFor(round, style);
    for (let position = 0; position < round.questions.length; position++) {
      round.current = position;
      views.push([`${mode} question ${position}`, questionMessage(round, article, position, 1_000_000)]);
      views.push([`${mode} feedback ${position}`, soloFeedbackMessage(round, article, position, 1, sets)]);
      views.push([`${mode} close ${position}`, groupCloseMessage(round, article, position, sets)]);
    }
    views.push([
      `${mode} summary`,
      summaryMessage({ ...round, status: 'ended', endedAt: NOW + 86_400_000 }, article, sets),
    ]);
  }
  return views;
}

function subscription(kind: Subscription['kind']): Subscription {
  return {
    id: 's1',
    platform: 'telegram',
    chatId: '1',
    kind,
    time: '08:00',
    weekday: kind === 'weekly-recap' ? 'mon' : null,
    timezone: 'UTC',
    topics: [],
    createdAt: 0,
    createdBy: 'u',
    active: true,
    disabledReason: null,
    cursor: 0,
  };
}

function allViews(article: Article, catalog: ArticleIndex, style: Style): [string, NeutralMessage][] {
  const views: [string, NeutralMessage][] = [['card', briefCard(article, NOW)]];
  for (const section of BRIEF_SECTIONS)
    views.push([`section ${section}`, briefSection(catalog, article, section)]);
  for (let step = 0; step <= article.reading.length; step++)
    views.push([`reading ${step}`, readingStep(article, step)]);
  views.push(...quizViews(article, style));
  views.push(['news', newsList(catalog.all().slice(0, NEWS_PAGE), NOW, undefined)]);
  views.push(['news on a topic', newsList(catalog.all().slice(0, NEWS_PAGE), NOW, article.topics[0])]);
  views.push(['topics', topicsList(catalog.topics())]);
  const lastWeek = Array.from({ length: 5 }, (_, index) => ({
    userId: `u${index}`,
    name: fill(129, style, `${index}`),
    points: 1_000_000,
    answered: 1,
    correct: 1,
  }));
  const runAt = Date.parse('2026-03-29T08:00:00Z');
  const brief = composeDailyBrief(subscription('daily-brief'), catalog, runAt);
  if (brief.kind === 'post' && brief.payload.kind === 'message')
    views.push(['daily-brief', brief.payload.message]);
  const recap = weeklyRecapMessage(catalog.all(), runAt, lastWeek, '2026-W12', 'UTC');
  if (recap) views.push(['weekly-recap', recap]);
  return views;
}

// ---- measuring as the platforms do ------------------------------------------------------------------

/** Telegram counts the text after entity parsing, in UTF-16 units. */
const TELEGRAM_TEXT = 4096;
const TELEGRAM_CALLBACK_BYTES = 64;

/** Views that are edited in place or answered by a press: they must stay one message. */
const ONE_MESSAGE = /^(card|reading \d+|(solo|group) (question|feedback) \d+)$/;

function checkTelegram(view: string, message: NeutralMessage): void {
  const parts = renderHtml(message);
  if (ONE_MESSAGE.test(view)) expect(parts, `${view}: Telegram messages`).toHaveLength(1);
  expect(parts.length, view).toBeGreaterThan(0);
  parts.forEach((part, index) => {
    const where = `${view}, Telegram message ${index + 1} of ${parts.length}`;
    const parsed = parseTelegramHtml(part.text, { strictEntities: true });
    expect(parsed.text.trim().length, `${where}: text after entity parsing`).toBeGreaterThan(0);
    expect(parsed.text.length, `${where}: text after entity parsing`).toBeLessThanOrEqual(TELEGRAM_TEXT);
    if (!part.reply_markup) return;
    readReplyMarkup(part.reply_markup, true);
    for (const button of part.reply_markup.inline_keyboard.flat()) {
      expect(button.text.trim(), `${where}: button text`).not.toBe('');
      if ('callback_data' in button) {
        expect(Buffer.byteLength(button.callback_data), `${where}: callback_data bytes`).toBeLessThanOrEqual(
          TELEGRAM_CALLBACK_BYTES,
        );
      }
    }
  });
}

const DISCORD = {
  content: 2000,
  embeds: 10,
  total: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
  url: 512,
} as const;

const embedTotal = (embed: DiscordMessage['embeds'][number]) =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.author?.name.length ?? 0) +
  (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);

/** Discord's per-part limits, its 6,000 across the embeds of a message, and its component limits. */
function checkDiscord(view: string, message: NeutralMessage): void {
  const parts = renderMessage(message);
  if (ONE_MESSAGE.test(view)) expect(parts, `${view}: Discord messages`).toHaveLength(1);
  parts.forEach((part, index) => {
    const where = `${view}, Discord message ${index + 1} of ${parts.length}`;
    validateMessage(
      { embeds: part.embeds, components: part.components },
      { mode: 'create', target: 'channel', prefix: [], fileIndexes: new Set() },
    );
    expect(part.embeds.length, `${where}: embeds`).toBeLessThanOrEqual(DISCORD.embeds);
    expect(
      part.embeds.reduce((sum, embed) => sum + embedTotal(embed), 0),
      `${where}: total`,
    ).toBeLessThanOrEqual(DISCORD.total);
    for (const embed of part.embeds) {
      expect(embed.title?.length ?? 0, `${where}: title`).toBeLessThanOrEqual(DISCORD.title);
      expect(embed.description?.length ?? 0, `${where}: description`).toBeLessThanOrEqual(
        DISCORD.description,
      );
      expect(embed.footer?.text.length ?? 0, `${where}: footer`).toBeLessThanOrEqual(DISCORD.footer);
      expect(embed.fields?.length ?? 0, `${where}: fields`).toBeLessThanOrEqual(DISCORD.fields);
      for (const field of embed.fields ?? []) {
        expect(field.name.length, `${where}: field name`).toBeLessThanOrEqual(DISCORD.fieldName);
        expect(field.value.length, `${where}: field value`).toBeLessThanOrEqual(DISCORD.fieldValue);
      }
    }
    expect(part.components.length, `${where}: rows`).toBeLessThanOrEqual(DISCORD.rows);
    const ids = new Set<string>();
    for (const row of part.components) {
      expect(row.components.length, `${where}: buttons in a row`).toBeLessThanOrEqual(DISCORD.buttonsPerRow);
      for (const button of row.components) {
        if ('label' in button)
          expect(button.label?.length ?? 0, `${where}: label`).toBeLessThanOrEqual(DISCORD.label);
        if ('custom_id' in button) {
          expect(button.custom_id.length, `${where}: custom_id`).toBeLessThanOrEqual(DISCORD.customId);
          expect(ids.has(button.custom_id), `${where}: custom_id unique`).toBe(false);
          ids.add(button.custom_id);
        }
        if ('url' in button) expect(button.url.length, `${where}: url`).toBeLessThanOrEqual(DISCORD.url);
      }
    }
  });
}

// ---- the cases --------------------------------------------------------------------------------------

const FIXED = STYLES.map((style) => ({
  name: `every field at its maximum, ${style} text`,
  style,
  shape: atMaxima(style),
}));
const RANDOM = [11, 23, 37, 41, 53, 67].map((seed) => ({
  name: `a random maximal mix (seed ${seed})`,
  style: STYLES[seed % STYLES.length] as Style,
  shape: randomMix(seed),
}));

describe('every message of every view fits both platforms', () => {
  test.each([...FIXED, ...RANDOM])('$name', ({ shape, style }) => {
    const articles = [0, 1, 2, 3].map((n) => accepted(maximalParts(n, shape), n));
    const catalog = new ArticleIndex(articles);
    const article = articles[0] as Article;
    for (const [view, message] of allViews(article, catalog, style)) {
      checkTelegram(view, message);
      checkDiscord(view, message);
    }
  });

  test('blocks far beyond any article (as composed posts or future views might build) are still split or shortened', () => {
    for (const style of STYLES) {
      const huge = (prefix: string, length = 6000) => fill(length, style, prefix);
      const oversized: NeutralMessage = {
        blocks: [
          { kind: 'title', text: huge('t'), url: 'https://example.org/a' },
          { kind: 'heading', text: huge('h') },
          { kind: 'text', text: huge('x') },
          { kind: 'quote', text: huge('q') },
          {
            kind: 'fields',
            fields: Array.from({ length: 30 }, (_, index) => ({
              label: huge(`l${index}`, 400),
              value: huge(`v${index}`, 1500),
            })),
          },
          { kind: 'list', items: Array.from({ length: 6 }, (_, index) => huge(`i${index}`)) },
          {
            kind: 'table',
            columns: ['a', huge('c')],
            rows: Array.from({ length: 20 }, (_, index) => [`${index}`, huge('r', 500)]),
          },
          {
            kind: 'tags',
            tags: Array.from({ length: 300 }, (_, index) => ({
              type: 'concept',
              name: fill(60, style, `${index}`),
            })),
          },
          { kind: 'link', label: huge('k'), url: 'https://example.org/b' },
          { kind: 'footer', text: huge('f') },
        ],
        buttons: [
          Array.from({ length: 12 }, (_, index) => ({
            kind: 'action' as const,
            label: huge(`b${index}`, 200),
            payload: `1:b:${index}`,
          })),
        ],
      };
      checkTelegram(`oversized ${style}`, oversized);
      checkDiscord(`oversized ${style}`, oversized);
    }
  });

  test('a notice of any length is one Discord message content within 2,000', () => {
    for (const style of STYLES)
      expect(renderNotice(fill(5000, style, 'n')).length).toBeLessThanOrEqual(DISCORD.content);
  });
});
