// The articles every other test runs on (copies of the shipped ones) load and are complete. The live
// content/ folder is checked by `npm run content:check` in .ci/run, never by a test.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type ContentLoad, isArticleFile, loadContent } from '../../src/content/load-content.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

const FILES = readdirSync(FIXTURE_CONTENT).filter(isArticleFile).sort();

let load: ContentLoad;
beforeAll(async () => {
  load = await loadContent(FIXTURE_CONTENT);
});

test('the fixture folder has articles and every one of them loads without an error', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(5);
  expect(load.errors).toEqual([]);
  expect(load.articles.map(({ file }) => basename(file)).sort()).toEqual(FILES);
});

describe.each(FILES)('%s', (name) => {
  const article = () => {
    const found = load.articles.find(({ file }) => basename(file) === name)?.article;
    if (!found) throw new Error(`${name} did not load`);
    return found;
  };

  test('its id matches its file name', () => {
    expect(`${article().id}.md`).toBe(name);
  });

  test('it has at least 5 questions, each with one correct choice among 2 to 5', () => {
    expect(article().questions.length).toBeGreaterThanOrEqual(5);
    for (const question of article().questions) {
      expect(question.choices.filter((choice) => choice.correct)).toHaveLength(1);
      expect(question.choices.length).toBeGreaterThanOrEqual(2);
      expect(question.choices.length).toBeLessThanOrEqual(5);
    }
  });

  test('every brief section is filled', () => {
    const { hook, tldr, takeaways, comparison, deepDive, implications, timeline, reading } = article();
    expect(hook.trim()).not.toBe('');
    expect(Object.values(tldr).every((line) => line.trim() !== '')).toBe(true);
    expect(Object.keys(tldr).sort()).toEqual(['whatChanged', 'whatToDoNext', 'whyItMatters']);
    expect(takeaways.length).toBeGreaterThan(0);
    expect(comparison.columns.length).toBeGreaterThanOrEqual(2);
    expect(comparison.rows.length).toBeGreaterThan(0);
    expect(deepDive.length).toBeGreaterThan(0);
    expect(implications.length).toBeGreaterThan(0);
    expect(timeline.length).toBeGreaterThan(0);
    expect(reading.length).toBeGreaterThan(0);
    expect(reading.some((sentence) => sentence.entities.length > 0)).toBe(true);
  });
});
