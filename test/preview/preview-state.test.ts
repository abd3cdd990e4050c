import { beforeAll, expect, test } from 'vitest';
import { renderMessage } from '../../src/adapters/discord/render-embeds.ts';
import { renderHtml } from '../../src/adapters/telegram/render-html.ts';
import type { Article } from '../../src/content/article-schema.ts';
import { loadContent } from '../../src/content/load-content.ts';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { briefCard, briefSection } from '../../src/core/present-brief.ts';
import { previewState } from '../../src/preview/preview-state.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

const NOW = Date.parse('2026-11-30T12:00:00Z');
let files: Map<string, Article>;

beforeAll(async () => {
  const load = await loadContent(FIXTURE_CONTENT);
  files = new Map(load.articles.map(({ file, article }) => [file, article]));
});

test('every view is exactly what the production renderers send', () => {
  const state = previewState('content', 1, files, [], NOW);
  const [file, article] = [...files].sort(([a], [b]) => (a < b ? -1 : 1))[0] ?? [];
  if (!article) throw new Error('no shipped article');
  const shown = state.articles[0];
  expect(shown?.file).toBe(file);
  const card = shown?.views.find((view) => view.group === 'card');
  expect(card?.telegram.messages).toEqual(renderHtml(briefCard(article, NOW)));
  expect(card?.discord.messages).toEqual(renderMessage(briefCard(article, NOW)));
  const timeline = shown?.views.find((view) => view.name === 'Timeline');
  const catalog = new ArticleIndex(files.values());
  expect(timeline?.discord.messages).toEqual(renderMessage(briefSection(catalog, article, 'timeline')));
});

test('an article shows its card, six sections, each reading step and the end card, and every question', () => {
  const state = previewState('content', 1, files, [], NOW);
  for (const shown of state.articles) {
    const article = files.get(shown.file);
    if (!article) throw new Error(`${shown.file} is not loaded`);
    const count = (group: string) => shown.views.filter((view) => view.group === group).length;
    expect(count('card')).toBe(1);
    expect(count('section')).toBe(6);
    expect(count('reading')).toBe(article.reading.length + 1);
    expect(count('quiz')).toBe(article.questions.length);
    expect(shown.views.filter((view) => view.generated).length).toBe(shown.generated);
    expect(shown.written + shown.generated).toBe(article.questions.length);
    // The shipped articles fit every limit in every view.
    expect(shown.overLimits).toBe(0);
  }
});

test('a counter is over when its value passes the limit, and counted on the article', () => {
  const [file, article] = [...files][0] ?? [];
  if (!file || !article) throw new Error('no shipped article');
  const long = { ...article, deepDive: Array.from({ length: 10 }, () => 'x '.repeat(440).trim()) };
  const state = previewState('content', 1, new Map([[file, long]]), [], NOW);
  const deepDive = state.articles[0]?.views.find((view) => view.name === 'Deep dive');
  const telegram = deepDive?.telegram.counters.find((counter) => counter.label === 'message length');
  expect(telegram?.over).toBe(true);
  expect(telegram?.value).toBeGreaterThan(4096);
  expect(telegram?.note).toMatch(/^sent as \d+ messages$/);
  const discord = deepDive?.discord.counters.find((counter) => counter.label === 'embed total');
  expect(discord?.over).toBe(true);
  expect(state.articles[0]?.overLimits).toBeGreaterThanOrEqual(2);
});

test('content errors are listed as file:line → field: message', () => {
  const state = previewState(
    'content',
    3,
    files,
    [{ file: 'content/x.md', line: 4, path: 'hook', message: 'must not be empty' }],
    NOW,
  );
  expect(state.version).toBe(3);
  expect(state.errors).toEqual([{ file: 'content/x.md', text: 'content/x.md:4 → hook: must not be empty' }]);
});
