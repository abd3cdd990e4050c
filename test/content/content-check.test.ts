import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../support/compiled-build.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { articleMarkdown, buildParts, lineOf, renderArticle, tempFolder, writeArticle } from './fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run content:check <dir>` without npm's own output: the compiled entry point, as a child process. */
function contentCheck(dir: string | undefined, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [compiled('src/cli/content-check'), ...(dir === undefined ? [] : [dir])],
      { cwd: ROOT, env: { ...process.env, CONTENT_DIR: '', ...env }, timeout: 15_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let remove: () => Promise<void>;
beforeAll(ensureBuild, BUILD_TIMEOUT_MS);
beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
});
afterEach(async () => {
  await remove();
});

test('a folder of complete articles passes: exit 0, generated questions per article and a summary with 0 errors', async () => {
  const run = await contentCheck(relative(ROOT, FIXTURE_CONTENT));

  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(
    /^(test\/fixtures\/content\/[a-z0-9-]+\.md → \d+ generated and \d+ written questions\n)+\d+ files, \d+ articles, \d+ questions \(\d+ generated\), 0 errors\n$/,
  );
  expect(run.code).toBe(0);
});

test('an article without written questions passes when enough are generated, and says how many', async () => {
  const reading = [
    { text: 'Huawei signed the sensor contract with the city.', tags: ['org: Huawei'] },
    { text: 'The gateways come from NVIDIA.', tags: ['org: NVIDIA'] },
    { text: 'Orbitlink carries the readings by satellite.', tags: ['org: Orbitlink'] },
    { text: 'The council pays Westmark Grid for backup power.', tags: ['org: Westmark Grid'] },
  ];
  const path = await writeArticle(dir, 'brief-only.md', articleMarkdown({ reading, questions: [] }));

  const run = await contentCheck(dir);

  expect(run.stderr).toBe('');
  expect(run.stdout).toBe(
    `${path} → 4 generated and 0 written questions\n1 file, 1 article, 4 questions (4 generated), 0 errors\n`,
  );
  expect(run.code).toBe(0);
});

test('a folder with a bad file fails: exit 1 and file:line → field: message on stderr', async () => {
  const parts = buildParts();
  const bad = renderArticle({
    ...parts,
    reading: [{ text: 'Harbor City bought a gadget.', tags: ['gadget: X'] }],
  });
  const badPath = await writeArticle(dir, 'bad.md', bad);
  await writeArticle(dir, 'good.md', articleMarkdown({ seed: 1 }));

  const run = await contentCheck(dir);

  expect(run.code).toBe(1);
  expect(run.stderr.trim().split('\n')).toEqual([
    `${badPath}:${lineOf(bad, '`gadget: X`')} → reading.0.entities.0.type: expected one of org, tech, location, concept, person, event`,
  ]);
  const questions = buildParts({ seed: 1 }).questions.length;
  expect(run.stdout).toMatch(new RegExp(`^2 files, 1 article, ${questions} questions, 1 error\n$`));
});

test('broken YAML in the front matter is printed at the line of the faulty value, naming its field', async () => {
  const quote = articleMarkdown().replace(/^hook: .*$/m, 'hook: "unclosed');
  const flow = articleMarkdown({ seed: 1 }).replace(/^hook: .*$/m, 'hook: [unclosed');
  const quotePath = await writeArticle(dir, 'quote.md', quote);
  const flowPath = await writeArticle(dir, 'flow.md', flow);

  const run = await contentCheck(dir);

  expect(run.code).toBe(1);
  expect(run.stderr.trim().split('\n')).toEqual([
    `${flowPath}:${lineOf(flow, 'hook: [unclosed')} → hook: front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    `${quotePath}:${lineOf(quote, 'hook: "unclosed')} → hook: front matter is not valid YAML: Missing closing "quote`,
  ]);
});

test('a future-dated article is validated and said to be scheduled; the check passes', async () => {
  const path = await writeArticle(
    dir,
    'later.md',
    articleMarkdown({ seed: 1, frontMatter: { published: '2099-01-01T09:30:00Z' } }),
  );

  const run = await contentCheck(dir);

  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain(`${path} → scheduled: hidden from readers until 2099-01-01T09:30:00.000Z\n`);
  expect(run.stdout).toMatch(/1 file, 1 article \(1 scheduled\), \d+ questions, 0 errors\n$/);
});

test('an empty folder says "0 articles" and where it looked, loudly, and still exits 0', async () => {
  const run = await contentCheck(dir);

  expect(run.code).toBe(0);
  expect(run.stderr).toContain(`0 articles: ${dir} holds no article files. Add Markdown files there`);
  expect(run.stdout).toBe('0 files, 0 articles, 0 questions, 0 errors\n');
});

test('a missing folder names where its path came from and what to do, without a raw ENOENT', async () => {
  const missing = join(dir, 'nope');

  const given = await contentCheck(missing);
  const fromEnv = await contentCheck(undefined, { CONTENT_DIR: missing });

  expect(given.code).toBe(1);
  expect(given.stderr).toContain(`${missing} does not exist; pass the folder that holds your articles`);
  expect(fromEnv.code).toBe(1);
  expect(fromEnv.stderr).toContain(
    `CONTENT_DIR points to ${missing}, which does not exist; create it or set CONTENT_DIR`,
  );
  expect(`${given.stderr}${fromEnv.stderr}`).not.toContain('ENOENT');
});

test('a file with 10,000 unknown keys prints 20 problems and a count of the rest, not 10,014 lines', async () => {
  const keys = Array.from({ length: 10_000 }, (_, index) => `k${index}: x`).join('\n');
  await writeArticle(dir, 'flood.md', `---\n${keys}\n---\n`);

  const run = await contentCheck(dir);

  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(21);
  expect(lines.at(-1)).toMatch(/→ … and 9,9\d\d more problems in this file; fix the ones above first$/);
});

test('a feeds.yaml with problems is checked with the articles: each as feeds.yaml:line → field: message, exit 1', async () => {
  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
  const feeds = await writeArticle(
    dir,
    'feeds.yaml',
    'feeds:\n  - url: ftp://example.org/feed\n    evry: 30m\n',
  );
  const run = await contentCheck(dir);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    [
      `${feeds}:2 → feeds.0.url: expected the http(s) address of a feed, e.g. https://example.org/feed.xml`,
      `${feeds}:3 → feeds.0.evry: is not a field here; use url, topics, every and publish`,
      '',
      '',
    ].join('\n'),
  );
  expect(run.stdout).toMatch(/1 file, 1 article, \d+ questions, 2 errors\n$/);
});
