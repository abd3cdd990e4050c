// The playground shows content problems as readable lines on its own screen, once per change.

import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { displayWidth } from '../../src/adapters/shared/display-width.ts';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { articleMarkdown, tempFolder, writeArticle } from '../content/fixtures.ts';
import { eventually } from '../support/eventually.ts';

let dir: string;
let remove: () => Promise<void>;
let screen: string;
let logged: { level: number; msg: string }[];
let input: PassThrough;
let app: App | undefined;
let running: Promise<void> | undefined;

beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
  screen = '';
  logged = [];
  input = new PassThrough();
});
afterEach(async () => {
  input.end();
  await running;
  await app?.stop();
  app = undefined;
  await remove();
});

/**
 * The playground on `contentDir`, its screen in `screen` and its structured log in `logged`; with
 * `columns`, on a terminal that wide.
 */
async function startPlayground(contentDir: string, columns?: number): Promise<App> {
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      screen += chunk.toString();
      done();
    },
  });
  if (columns !== undefined) Object.assign(output, { isTTY: true, columns });
  const log = pino(
    { level: 'trace' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    }),
  );
  app = await createApp(parseConfig({ STORE_URL: 'memory://', CONTENT_DIR: contentDir }), {
    log,
    input,
    output,
  });
  running = app.start();
  // The session reads input once the folder is watched: an answered command means edits are seen.
  input.write('/help\n');
  await eventually(() => screen.includes('/quiz'), 5_000);
  return app;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

test('an edit that breaks an article prints file:line → field: message once; an unrelated reload prints nothing new', async () => {
  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
  const playground = await startPlayground(dir);
  const bad = await writeArticle(dir, 'b.md', articleMarkdown({ seed: 2, frontMatter: { hook: undefined } }));
  const line = `${bad}:2 → hook: is required`;

  await eventually(() => screen.includes(line), 5_000);
  await writeArticle(dir, 'c.md', articleMarkdown({ seed: 3 }));
  await eventually(() => playground.core.catalog().byId('article-3'), 5_000);

  expect(count(screen, line)).toBe(1);
  expect(logged.filter((entry) => entry.level >= 40)).toEqual([]);

  await writeArticle(dir, 'b.md', articleMarkdown({ seed: 2 }));
  await eventually(() => screen.includes('Content has no problems: 3 articles.'), 5_000);
});

test('a problem printed while the playground runs is wrapped to the terminal, its path broken only where it must be', async () => {
  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
  await startPlayground(dir, 40);
  const mark = screen.length;
  const bad = await writeArticle(
    dir,
    'grid-batteries-strain-sensors.md',
    articleMarkdown({ seed: 2, frontMatter: { hook: undefined } }),
  );
  const line = `${bad}:2 → hook: is required`;
  const squeezed = (text: string) => text.replace(/\s+/g, '');

  await eventually(() => squeezed(screen.slice(mark)).includes(squeezed(line)), 5_000);
  const printed = screen.slice(mark).split('\n');
  for (const row of printed) expect(displayWidth(row), row).toBeLessThanOrEqual(40);
  // The path fills its lines before it is broken, and the message keeps its words whole.
  const problem = printed.filter((row) => row !== '');
  expect(displayWidth(problem[0] ?? '')).toBeGreaterThan(30);
  expect(problem.slice(1).every((row) => row.startsWith('  '))).toBe(true);
  expect(problem.join(' ')).toMatch(/→ hook: +is +required$/);
});

test('an empty folder and a missing folder each get a line saying where the playground looked', async () => {
  // Lines are wrapped to the terminal (80 columns on a pipe): compared as words, not line breaks.
  const words = (text: string) => text.replace(/\s+/g, ' ');
  await startPlayground(dir);
  expect(words(screen)).toContain(`There are no articles: ${dir} holds none. Add Markdown files there`);
  input.end();
  await running;
  await app?.stop();

  const missing = join(dir, 'nope');
  input = new PassThrough();
  screen = '';
  await startPlayground(missing);
  expect(words(screen)).toContain(
    `CONTENT_DIR points to ${missing}, which does not exist; create it or set CONTENT_DIR to the folder that holds your articles`,
  );
  expect(screen).not.toContain('ENOENT');
});

test('on a server the structured log keeps the problems, and warns about an empty folder', async () => {
  const entries: { level: number; msg: string; dir?: string }[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        entries.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    }),
  );
  const library = new ContentLibrary(dir, log);
  await library.load();

  expect(entries.find((entry) => entry.level === 40)).toMatchObject({
    dir,
    msg: expect.stringContaining(`There are no articles: ${dir} holds none`),
  });

  const bad = await writeArticle(dir, 'b.md', articleMarkdown({ seed: 2, frontMatter: { hook: undefined } }));
  await library.load();
  expect(entries.filter((entry) => entry.level === 50).map((entry) => entry.msg)).toEqual([
    `${bad}:2 → hook: is required`,
  ]);
  await library.close();
});
