// `npm run content:publish -- <id>` as npm runs it (the compiled command): exit 0 published, 1 refused
// with every problem as file:line → field: message, 2 usage.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { DRAFTS_FOLDER } from '../../src/intake/imported-stories.ts';
import { lineOf, tempFolder } from '../content/fixtures.ts';
import { draftMarkdown, writeDraft } from '../intake/drafts.ts';
import { writeLibrary } from '../intake/library.ts';

const ROOT = join(import.meta.dirname, '..', '..');

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['src/cli/ensure-build.mjs'], { cwd: ROOT, timeout: 120_000 });
}, 150_000);

function contentPublish(args: string[], contentDir: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['dist/src/cli/content-publish.js', ...args],
      { cwd: ROOT, env: { ...process.env, CONTENT_DIR: contentDir }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-publish-cli-'));
  await writeLibrary(dir);
});
afterEach(async () => {
  await remove();
});

test('a draft that passes is moved into the library: exit 0, saying where it went', async () => {
  const path = await writeDraft(dir, 'ready-draft');
  const run = await contentPublish(['ready-draft'], dir);
  expect(run).toEqual({
    code: 0,
    stdout: `Published ${path} as ${join(dir, 'ready-draft.md')}; a running bot shows it without a restart.\n`,
    stderr: '',
  });
  expect(await readdir(join(dir, DRAFTS_FOLDER))).not.toContain('ready-draft.md');
});

test('a draft that does not pass, or whose id is taken: exit 1 with each problem as file:line → field: message', async () => {
  const path = await writeDraft(dir, 'incomplete', { frontMatter: { hook: undefined, audience: [] } });
  const text = draftMarkdown('incomplete', { frontMatter: { hook: undefined, audience: [] } });
  const run = await contentPublish(['incomplete'], dir);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    [
      `${path} does not pass content:check`,
      `${path}:${lineOf(text, 'audience:')} → audience: needs at least 1 audience, e.g. "City engineers, IoT developers"`,
      `${path}:${lineOf(text, 'id: incomplete')} → hook: is required`,
      '',
    ].join('\n'),
  );

  const taken = await writeDraft(dir, 'cranes-again', { id: 'port-cranes' });
  const again = await contentPublish(['cranes-again'], dir);
  expect(again.code).toBe(1);
  expect(again.stderr).toBe(
    [
      `${taken} cannot be published: its id is taken`,
      `${taken}:${lineOf(draftMarkdown('cranes-again', { id: 'port-cranes' }), 'id: port-cranes')} → id: "port-cranes" is already used by ${join(dir, 'port-cranes.md')}; ids must be unique, so change the draft's id`,
      '',
    ].join('\n'),
  );
  expect((await readdir(join(dir, DRAFTS_FOLDER))).sort()).toEqual(['cranes-again.md', 'incomplete.md']);
});

test('no id, two ids, or a path instead of an id: exit 2 with how to call it', async () => {
  await writeDraft(dir, 'ready-draft');
  for (const args of [[], ['ready-draft', 'other'], ['--help']]) {
    const run = await contentPublish(args, dir);
    expect([args, run.code]).toEqual([args, 2]);
    expect(run.stderr).toMatch(/^Usage: npm run content:publish -- <id>/);
  }
  const traversal = await contentPublish(['../port-cranes'], dir);
  expect(traversal.code).toBe(2);
  expect(traversal.stderr).toBe(
    `"../port-cranes" is not a draft's name: give the draft's file name without .md, lower-case letters, digits and single hyphens, e.g. harbor-bridge-sensors\n`,
  );
  expect(await readdir(join(dir, DRAFTS_FOLDER))).toEqual(['ready-draft.md']);
});
