import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { slugFromTitle } from '../../src/content/article-template.ts';
import { tempFolder } from '../content/fixtures.ts';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../support/compiled-build.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A cli of src/cli/ as `npm run` starts it once built: its compiled entry point. */
function cli(script: string, args: string[], contentDir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [compiled(`src/cli/${script}`), ...args],
      { cwd: ROOT, env: { ...process.env, CONTENT_DIR: contentDir }, timeout: 15_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

/** What an author would write into the template: every empty field, four tagged focus sentences. */
function fill(template: string): string {
  let n = 0;
  return template
    .replace('url: ""', 'url: https://example.org/harbor-bridge')
    .replace('topics: []', 'topics: [infrastructure, iot]')
    .replace('audience: []', 'audience: [City engineers]')
    .replaceAll('""', () => `"Filled in part ${++n}"`)
    .replace(
      '## Reading\n',
      [
        '## Reading',
        '',
        '1. Huawei signed the sensor contract with the city.',
        '   `org: Huawei`',
        '2. The gateways come from NVIDIA.',
        '   `org: NVIDIA`',
        '3. Orbitlink carries the readings by satellite.',
        '   `org: Orbitlink`',
        '4. The council pays Westmark Grid for backup power.',
        '   `org: Westmark Grid`',
        '',
      ].join('\n'),
    );
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

test('content:new writes a commented template with a slug id and today; once filled, content:check passes', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const made = await cli('content-new', ["Harbor City's bridge gets 240 sensors"], dir);
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  const path = join(dir, 'harbor-city-s-bridge-gets-240-sensors.md');
  expect(made.stdout).toContain(`Wrote ${path}.`);

  const template = await readFile(path, 'utf8');
  expect(template).toContain('id: harbor-city-s-bridge-gets-240-sensors\n');
  expect(template).toContain(`title: "Harbor City's bridge gets 240 sensors"\n`);
  expect(template).toContain(`published: ${today}\n`);
  for (const section of [
    '## Reading',
    '## Questions',
    'tldr:',
    'comparison:',
    'timeline:',
    'implications:',
  ]) {
    expect(template).toContain(section);
  }
  // Every front-matter field has a comment above it saying what it is for.
  const frontMatter = template.split('---')[1] ?? '';
  const lines = frontMatter.split('\n');
  lines.forEach((line, index) => {
    if (/^[a-zA-Z]+:/.test(line)) expect(lines[index - 1] ?? '', line).toMatch(/^#/);
  });

  const unfilled = await cli('content-check', [dir], dir);
  expect(unfilled.code).toBe(1);
  expect(unfilled.stderr).toContain(`${path}:19 → hook: must not be empty`);
  expect(unfilled.stderr).toContain('→ reading: needs at least 1 focus sentence');

  await writeFile(path, fill(template));
  const filled = await cli('content-check', [dir], dir);
  expect(filled.stderr).toBe('');
  expect(filled.stdout).toContain('1 file, 1 article, 4 questions (4 generated), 0 errors');
  expect(filled.code).toBe(0);
});

test('content:new never overwrites an article and says what to do', async () => {
  await cli('content-new', ['Same title'], dir);
  const again = await cli('content-new', ['Same title'], dir);
  expect(again.code).toBe(1);
  expect(again.stderr.trim()).toBe(
    `${join(dir, 'same-title.md')} already exists; edit it, or choose another title.`,
  );
});

test('without a title, content:new shows how to call it', async () => {
  const run = await cli('content-new', [], dir);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Usage: npm run content:new "<title>"');
});

test('slug ids: lower case, single hyphens, accents dropped, at most 64 characters cut between words', () => {
  expect(slugFromTitle('  Ça marche: the EU AI Act — August 2026!  ')).toBe(
    'ca-marche-the-eu-ai-act-august-2026',
  );
  const long = slugFromTitle('word '.repeat(30));
  expect(long.length).toBeLessThanOrEqual(64);
  expect(long).toMatch(/^word(-word)+$/);
  expect(slugFromTitle('???')).toBe('');
});

test.each([
  [
    'README',
    'readme-article.md',
    /readme\.md would be skipped: a file named README holds notes about the folder/,
  ],
  ['Readme', 'readme-article.md', /readme\.md would be skipped/],
  ['CON', 'con-article.md', /con\.md cannot be a file name on Windows/],
  ['Aux', 'aux-article.md', /aux\.md cannot be a file name on Windows/],
  ['!!!', /^article-\d{8}\.md$/, /has no letters or digits a file name can use/],
  ['Новости дня', /^article-\d{8}\.md$/, /has no letters or digits a file name can use/],
])('content:new "%s" names the file so the loader reads it (%s), and says why', async (title, name, why) => {
  const made = await cli('content-new', [title], dir);
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  const written = /^Wrote (.+)\.$/m.exec(made.stdout)?.[1] ?? '';
  const file = written.slice(dir.length + 1);
  if (typeof name === 'string') expect(file).toBe(name);
  else expect(file).toMatch(name);
  expect(made.stdout).toMatch(why);
  // The id inside is the file's name, and the loader reads the file (the template is unfilled: errors name it).
  expect(await readFile(written, 'utf8')).toContain(`id: ${file.replace(/\.md$/, '')}\n`);
  const check = await cli('content-check', [dir], dir);
  expect(check.stdout).toContain('1 file, 0 articles');
  expect(check.stderr).toContain(`${written}:`);
});
