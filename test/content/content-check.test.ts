import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { articleMarkdown, buildParts, lineOf, renderArticle, tempFolder, writeArticle } from './fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run content:check <dir>` without npm's own output: the same tsx entry point, as a child process. */
function contentCheck(dir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['src/cli/content-check.ts', dir],
      { cwd: ROOT, env: { ...process.env, CONTENT_DIR: '' }, timeout: 15_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
});
afterEach(async () => {
  await remove();
});

test('the shipped content folder passes: exit 0 and a summary with 0 errors', async () => {
  const run = await contentCheck('content');

  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^\d+ files, \d+ articles, \d+ questions, 0 errors\n$/);
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
