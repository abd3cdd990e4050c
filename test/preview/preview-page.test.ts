// The preview in a real browser: Debian's Chromium (or CHROMIUM_PATH) driven by playwright-core. Skipped
// with the reason where no browser can be started, except under CI=true, where that fails the run.
import { writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { questionVersion } from '../../src/core/quality/question-version.ts';
import { questionKey } from '../../src/core/review/question-key.ts';
import { silentLogger } from '../../src/logger.ts';
import { lazyQuality } from '../../src/preview/preview-quality.ts';
import { type PreviewServer, startPreviewServer } from '../../src/preview/preview-server.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { ReportsRepository } from '../../src/store/reports-repository.ts';
import {
  articleMarkdown,
  buildParts,
  lineOf,
  renderArticle,
  tempFolder,
  writeArticle,
} from '../content/fixtures.ts';
import { BROWSER_REQUIRED, launchBrowser } from '../support/browser.ts';
import { cannotRun } from '../support/cannot-run.ts';
import { picks, seedAnswers } from '../support/seed-answers.ts';

/** Conditions get this long to come true on a busy machine; they are polled, never slept on. */
const DEADLINE_MS = 20_000;
vi.setConfig({ testTimeout: 3 * DEADLINE_MS });

const SHORT_TITLE = 'Harbor City fits its old bridge with strain sensors';
const LONG_TITLE = 'A very long deep dive into bridge sensors';

let folder: { dir: string; remove: () => Promise<void> };
let library: ContentLibrary;
let server: PreviewServer;
/** Started once the file is collected: whether the tests can run here depends on it. */
const launched = await launchBrowser();
const noBrowser = cannotRun(
  BROWSER_REQUIRED || !launched.problem ? undefined : `${launched.problem} (with CI=true this fails instead)`,
);
/** A test of the page, skipped with the reason when no browser can be started here. */
const browserTest = (name: string, run: () => Promise<void>) =>
  test.skipIf(noBrowser.skip)(noBrowser.title(name), run);

let browser: Browser;
let page: Page;
let shortPath: string;
let brokenPath: string;
let brokenText: string;
let store: OpenedStore;

/** 25 answers to the harbor article's first question: 5 right, the rest on its first wrong choice; one report. */
async function seedHarbor(): Promise<void> {
  const article = [...library.files.values()].find((entry) => entry.id === 'harbor-bridge-sensors');
  const question = article?.questions[0];
  if (!article || !question) throw new Error('no harbor article');
  const right = question.choices.findIndex((choice) => choice.correct);
  const wrong = question.choices.findIndex((choice) => !choice.correct);
  await seedAnswers(store, article, 0, [...picks(5, right), ...picks(20, wrong)]);
  await new ReportsRepository(store.records).update(article.id, () => ({
    next: {
      v: 1,
      questions: {
        [questionKey(question.prompt)]: {
          'console:a': { reason: 'unclear', version: questionVersion(question), at: 1 },
        },
      },
    },
    result: undefined,
  }));
}

beforeAll(async () => {
  if (noBrowser.skip) return;
  if (!launched.browser) throw new Error(`CI=true needs the browser test to run, and ${launched.problem}`);
  browser = launched.browser;
  folder = await tempFolder('newsquiz-preview-');
  shortPath = await writeArticle(folder.dir, 'harbor.md', articleMarkdown());
  await writeArticle(
    folder.dir,
    'long.md',
    articleMarkdown({
      seed: 2,
      frontMatter: {
        title: LONG_TITLE,
        deepDive: Array.from({ length: 10 }, (_, index) =>
          `Paragraph ${index + 1}: ${'girder strain '.repeat(60)}`.trim(),
        ),
      },
    }),
  );
  brokenText = renderArticle({
    ...buildParts({ seed: 3 }),
    reading: [{ text: 'Harbor City bought a gadget.', tags: ['gadget: X'] }],
  });
  brokenPath = await writeArticle(folder.dir, 'broken.md', brokenText);

  library = new ContentLibrary(folder.dir, silentLogger(), { logProblems: false });
  await library.load();
  await library.watch();
  store = await openStore('memory://', silentLogger());
  await seedHarbor();
  const quality = lazyQuality(library, async () => ({
    ports: { questionStats: store.answers, reports: new ReportsRepository(store.records) },
    close: async () => {},
  }));
  server = await startPreviewServer({ library, port: 0, quality: quality.read });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  await library?.close();
  await folder?.remove();
});

const texts = (selector: string) => page.locator(selector).allInnerTexts();

/** The few browser globals the page functions below use (the tests compile without the DOM library). */
interface PageGlobals {
  stillHere?: boolean;
  Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        drawImage(image: unknown, x: number, y: number): void;
        getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
      } | null;
    };
  };
  getComputedStyle(node: unknown): { backgroundColor: string };
}

browserTest(
  'the list shows every article with its check status, and a broken file as file:line → field: message',
  async () => {
    await page.goto(server.url);
    await page.waitForSelector('tr.article-row >> nth=2', { timeout: DEADLINE_MS });

    const rows = await texts('tr.article-row');
    expect(rows).toHaveLength(3);
    expect(rows.some((row) => row.includes(SHORT_TITLE) && row.includes('ok'))).toBe(true);
    expect(rows.some((row) => row.includes(LONG_TITLE))).toBe(true);
    expect(rows.some((row) => row.includes(brokenPath) && row.includes('error'))).toBe(true);
    expect(await texts('ul.errors li')).toEqual([
      `${brokenPath}:${lineOf(brokenText, '`gadget: X`')} → reading.0.entities.0.type: expected one of org, tech, location, concept, person, event`,
    ]);
  },
);

browserTest(
  'an article page shows its card, sections, reading and quiz as Telegram and as Discord render them',
  async () => {
    await page.goto(`${server.url}#/article/harbor-bridge-sensors`);
    await page.waitForSelector('section.view-card', { timeout: DEADLINE_MS });

    const card = page.locator('section.view-card');
    expect(await card.locator('.telegram .tg-bubble b').first().textContent()).toBe(SHORT_TITLE);
    expect(await card.locator('.telegram .tg-row span').allInnerTexts()).toContain('Key takeaways');
    expect(await card.locator('.discord .dc-embed .dc-title').textContent()).toBe(SHORT_TITLE);
    expect(await card.locator('.discord .dc-button').allInnerTexts()).toContain('Key takeaways');
    expect(await page.locator('section.view-section').count()).toBe(6);
    expect(await page.locator('section.view-reading').count()).toBe(3);
    expect(await page.locator('section.view-quiz').count()).toBe(2);
    expect(await page.locator('section.view-card li.counter.over').count()).toBe(0);

    const shot = await page.screenshot({ fullPage: false });
    const colours = await page.evaluate(async (base64) => {
      const { Image, document } = globalThis as unknown as PageGlobals;
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const seen = new Set<number>();
      for (let index = 0; index < data.length; index += 4 * 7) {
        seen.add(((data[index] ?? 0) << 16) | ((data[index + 1] ?? 0) << 8) | (data[index + 2] ?? 0));
      }
      return seen.size;
    }, shot.toString('base64'));
    // A blank page is one or two colours; text, bubbles and embeds give many.
    expect(colours).toBeGreaterThan(50);
  },
);

browserTest(
  'each question shows its line, the answer key marked, how readers answered and reported it, and its flags',
  async () => {
    await page.goto(`${server.url}#/article/harbor-bridge-sensors/quiz`);
    const quiz = page.locator('section.view-quiz').first();
    await quiz.locator('.quality .stats', { hasText: '25 answered' }).waitFor({ timeout: DEADLINE_MS });
    const article = [...library.files.values()].find((entry) => entry.id === 'harbor-bridge-sensors');
    const question = article?.questions[0];
    const right = question?.choices.find((choice) => choice.correct)?.text ?? '?';
    expect(await quiz.locator('.quality .where').textContent()).toBe(
      `${shortPath.replace(`${process.cwd()}/`, '')}:${lineOf(articleMarkdown(), `### ${question?.prompt}`)}`,
    );
    expect(await quiz.locator('.quality li.correct').allInnerTexts()).toEqual([
      `✓ ${right} (the answer) · 5 picked (20%)`,
    ]);
    expect(await quiz.locator('.telegram .tg-row span.correct').allInnerTexts()).toEqual([right]);
    expect(await quiz.locator('.discord .dc-button.correct').allInnerTexts()).toEqual([right]);
    expect(await quiz.locator('.quality .stats').textContent()).toMatch(
      /^Answers: 25 answered · 20% right · most picked wrong/,
    );
    expect(await quiz.locator('.quality .reports').textContent()).toBe('Reports: 1 report: Unclear 1');
    expect(await quiz.locator('.quality .flag').count()).toBe(2);
    // The second question has no answers yet, and its answer key is marked all the same.
    const second = page.locator('section.view-quiz').nth(1);
    expect(await second.locator('.quality .stats').textContent()).toBe('Answers: no answers yet');
    expect(await second.locator('.quality li.correct').count()).toBe(1);
    await page.goto(server.url);
    await page.locator('tr.article-row', { hasText: SHORT_TITLE }).locator('text=⚑ 1 flagged').waitFor({
      timeout: DEADLINE_MS,
    });
  },
);

browserTest(
  'a view over a platform limit shows its counters in red, with how many messages it is split into',
  async () => {
    await page.goto(`${server.url}#/article/article-2`);
    await page.waitForSelector('section.view-section', { timeout: DEADLINE_MS });

    const deepDive = page.locator('section.view-section', { hasText: 'Deep dive' });
    const over = await deepDive.locator('li.counter.over').allInnerTexts();
    expect(over.some((text) => text.startsWith('message length') && text.includes('/ 4,096'))).toBe(true);
    expect(over.some((text) => text.startsWith('embed total') && text.includes('/ 6,000'))).toBe(true);
    const red = await deepDive
      .locator('li.counter.over')
      .first()
      .evaluate((node) => (globalThis as unknown as PageGlobals).getComputedStyle(node).backgroundColor);
    expect(red).toBe('rgb(207, 34, 46)');
    expect(await deepDive.locator('.telegram .split').count()).toBeGreaterThan(0);
    expect(await page.locator('section.view-card li.counter.over').count()).toBe(0);
  },
);

browserTest('saving a file updates the open page without a reload', async () => {
  await page.goto(`${server.url}#/article/harbor-bridge-sensors`);
  await page.waitForSelector('h2.article-title', { timeout: DEADLINE_MS });
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).stillHere = true;
  });

  await writeFile(
    shortPath,
    articleMarkdown({ frontMatter: { title: 'Harbor City bridge, edited and saved' } }),
  );

  await page.waitForFunction(
    () =>
      (globalThis as unknown as PageGlobals).document.querySelector('h2.article-title')?.textContent ===
      'Harbor City bridge, edited and saved',
    undefined,
    { timeout: DEADLINE_MS },
  );
  expect(await page.locator('section.view-card .dc-title').textContent()).toBe(
    'Harbor City bridge, edited and saved',
  );
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).stillHere)).toBe(true);
});
