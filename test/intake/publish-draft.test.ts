// Publishing a draft: it moves into the library only when it passes every check against the library as it
// is at that moment; it never overwrites a file; the import record names the published article.
import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/content/load-content.ts';
import {
  DRAFTS_FOLDER,
  IMPORT_INDEX,
  libraryKeys,
  readImportedStories,
} from '../../src/intake/imported-stories.ts';
import { publishDraft } from '../../src/intake/publish-draft.ts';
import { articleMarkdown, lineOf, tempFolder, writeArticle } from '../content/fixtures.ts';
import { cannotRun } from '../support/cannot-run.ts';
import { draftMarkdown, writeDraft } from './drafts.ts';
import { writeLibrary } from './library.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-publish-'));
  await writeLibrary(dir);
});
afterEach(async () => {
  await remove();
});

const drafts = async () =>
  (await readdir(join(dir, DRAFTS_FOLDER))).filter((name) => name.endsWith('.md')).sort();
const libraryIds = async () => (await loadContent(dir)).articles.map((entry) => entry.article.id).sort();
const records = async () =>
  (await readFile(join(dir, DRAFTS_FOLDER, IMPORT_INDEX), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { keys: string[]; id: string });

describe('a draft that passes', () => {
  test('moves into the library as it is: the loader reads it, the draft is gone, the story is known as published by each of its keys', async () => {
    const path = await writeDraft(dir, 'harbor-draft');
    const text = await readFile(path, 'utf8');

    const result = await publishDraft(dir, 'harbor-draft');

    expect(result).toEqual({
      published: true,
      id: 'harbor-draft',
      from: path,
      to: join(dir, 'harbor-draft.md'),
    });
    expect(await readFile(join(dir, 'harbor-draft.md'), 'utf8')).toBe(text);
    expect(await drafts()).toEqual([]);
    const loaded = await loadContent(dir);
    expect(loaded.errors).toEqual([]);
    expect(loaded.articles.map((entry) => entry.article.id).sort()).toEqual([
      'harbor-draft',
      'port-cranes',
      'river-ferries',
    ]);
    // A feed that lists the story again by its item id hears that it is published, not that it is a draft.
    const imported = await readImportedStories(
      join(dir, DRAFTS_FOLDER),
      libraryKeys(loaded.articles.map((entry) => entry.article)),
    );
    expect(imported.find(['item:example.org#harbor-draft'])).toEqual({
      id: 'harbor-draft',
      where: 'library',
    });
    expect(imported.find(['url:example.org/stories/harbor-draft'])).toEqual({
      id: 'harbor-draft',
      where: 'library',
    });
    expect(await records()).toEqual([
      expect.objectContaining({
        id: 'harbor-draft',
        keys: ['url:example.org/stories/harbor-draft', 'item:example.org#harbor-draft'],
      }),
    ]);
  });

  test('whose id was changed from its file name is recorded under the new id, and kept under its file name', async () => {
    await writeDraft(dir, 'first-name', { id: 'better-name' });
    const result = await publishDraft(dir, 'first-name');
    expect(result).toMatchObject({ published: true, id: 'better-name', to: join(dir, 'first-name.md') });
    expect(await libraryIds()).toContain('better-name');
    expect((await records()).at(-1)).toMatchObject({ id: 'better-name' });
  });

  test('a move that stopped after its link (a crash) is finished by the next publish', async () => {
    const path = await writeDraft(dir, 'half-moved');
    await link(path, join(dir, 'half-moved.md'));
    expect(await publishDraft(dir, 'half-moved')).toMatchObject({ published: true });
    expect(await drafts()).toEqual([]);
    expect(await libraryIds()).toContain('half-moved');
  });
});

describe('refusals: the draft stays where it is and nothing in the library changes', () => {
  test('an incomplete draft, with every problem as file:line → field: message', async () => {
    const path = await writeDraft(dir, 'incomplete', { frontMatter: { hook: undefined, audience: [] } });
    const text = await readFile(path, 'utf8');

    const result = await publishDraft(dir, 'incomplete');

    expect(result).toMatchObject({ published: false, code: 'problems' });
    if (result.published) return;
    expect(result.message).toBe(`${path} does not pass content:check`);
    expect(result.problems).toEqual([
      {
        file: path,
        line: lineOf(text, 'audience:'),
        path: 'audience',
        message: 'needs at least 1 audience, e.g. "City engineers, IoT developers"',
      },
      // A field that is missing altogether is placed where the front matter's fields start.
      { file: path, line: lineOf(text, 'id: incomplete'), path: 'hook', message: 'is required' },
    ]);
    expect(await drafts()).toEqual(['incomplete.md']);
    expect(await libraryIds()).toEqual(['port-cranes', 'river-ferries']);
  });

  test('a draft whose id an article of the library has now', async () => {
    const path = await writeDraft(dir, 'cranes-again', { id: 'port-cranes' });
    const text = await readFile(path, 'utf8');
    const result = await publishDraft(dir, 'cranes-again');
    expect(result).toMatchObject({ published: false, code: 'id-taken' });
    if (result.published) return;
    expect(result.problems).toEqual([
      {
        file: path,
        line: lineOf(text, 'id: port-cranes'),
        path: 'id',
        message: `"port-cranes" is already used by ${join(dir, 'port-cranes.md')}; ids must be unique, so change the draft's id`,
      },
    ]);
    expect(await drafts()).toEqual(['cranes-again.md']);
  });

  test('a file of the draft’s name in the library is never overwritten, even one that does not load', async () => {
    const existing = await writeArticle(dir, 'taken-name.md', 'notes, not an article\n');
    await writeDraft(dir, 'taken-name');
    const result = await publishDraft(dir, 'taken-name');
    expect(result).toMatchObject({
      published: false,
      code: 'file-exists',
      message: `${existing} already exists, and a draft is never moved over a file; rename the draft or the other file`,
    });
    expect(await readFile(existing, 'utf8')).toBe('notes, not an article\n');
    expect(await drafts()).toEqual(['taken-name.md']);
  });

  test('a name that is not a draft’s (a path, ../x, upper case) is refused before anything is read', async () => {
    await writeArticle(dir, 'outside.md', articleMarkdown({ seed: 9, frontMatter: { id: 'outside' } }));
    await writeDraft(dir, 'fine');
    for (const name of [
      '../outside',
      '../x',
      `${DRAFTS_FOLDER}/fine`,
      'Fine',
      'fine.md',
      '',
      '.',
      'a/../fine',
    ]) {
      const result = await publishDraft(join(dir, 'nested'), name);
      expect([name, result.published, !result.published && result.code]).toEqual([name, false, 'bad-name']);
    }
    expect(await drafts()).toEqual(['fine.md']);
  });

  test('a draft that does not exist, and a folder without drafts', async () => {
    expect(await publishDraft(dir, 'nothing-here')).toMatchObject({ published: false, code: 'no-draft' });
    await writeDraft(dir, 'one');
    expect(await publishDraft(dir, 'nothing-here')).toMatchObject({
      published: false,
      code: 'no-draft',
      message: `There is no draft nothing-here: ${join(dir, DRAFTS_FOLDER, 'nothing-here.md')} does not exist (published or deleted already?)`,
    });
  });

  test('a link named like a draft is not followed into the library', async () => {
    const elsewhere = await tempFolder('newsquiz-elsewhere-');
    try {
      const target = await writeArticle(elsewhere.dir, 'secret.md', draftMarkdown('linked'));
      await mkdir(join(dir, DRAFTS_FOLDER), { recursive: true });
      await symlink(target, join(dir, DRAFTS_FOLDER, 'linked.md'));
      expect(await publishDraft(dir, 'linked')).toMatchObject({ published: false, code: 'not-a-file' });
      expect(await libraryIds()).toEqual(['port-cranes', 'river-ferries']);
    } finally {
      await elsewhere.remove();
    }
  });
});

describe('at the same moment (the preview, a terminal and a feed poll may publish together)', () => {
  test('two publishes of one draft: one moves it, the other finds it gone; one record (repeated)', async () => {
    for (let round = 0; round < 8; round++) {
      const name = `same-draft-${round}`;
      await writeDraft(dir, name);
      const results = await Promise.all([publishDraft(dir, name), publishDraft(dir, name)]);
      expect(results.filter((result) => result.published)).toHaveLength(1);
      expect(results.find((result) => !result.published)).toMatchObject({ code: 'no-draft' });
      expect((await records()).filter((record) => record.id === name)).toHaveLength(1);
    }
    expect(await drafts()).toEqual([]);
  });

  test('two drafts with one id: one is published, the other is refused as taken, never both (repeated)', async () => {
    for (let round = 0; round < 8; round++) {
      const id = `shared-id-${round}`;
      await writeDraft(dir, `${id}-a`, { id });
      await writeDraft(dir, `${id}-b`, { id });
      const results = await Promise.all([publishDraft(dir, `${id}-a`), publishDraft(dir, `${id}-b`)]);
      expect(results.filter((result) => result.published)).toHaveLength(1);
      expect(results.find((result) => !result.published)).toMatchObject({ code: 'id-taken' });
      const loaded = await loadContent(dir);
      expect(loaded.errors).toEqual([]);
      expect(loaded.articles.filter((entry) => entry.article.id === id)).toHaveLength(1);
    }
  });
});

test('a draft written by hand without a keys line is recorded by its source link', async () => {
  await mkdir(join(dir, DRAFTS_FOLDER), { recursive: true });
  await writeFile(
    join(dir, DRAFTS_FOLDER, 'by-hand.md'),
    articleMarkdown({
      seed: 3,
      frontMatter: {
        id: 'by-hand',
        source: { name: 'Example Wire', url: 'https://example.org/by-hand?utm_source=x' },
      },
    }),
  );
  expect(await publishDraft(dir, 'by-hand')).toMatchObject({ published: true });
  expect(await records()).toEqual([
    expect.objectContaining({ id: 'by-hand', keys: ['url:example.org/by-hand'] }),
  ]);
});

const otherDevice = '/dev/shm';
const onOtherDevice = await stat(otherDevice).then(
  async (info) => info.dev !== (await stat(tmpdir())).dev,
  () => false,
);
const acrossDevices = cannotRun(
  onOtherDevice
    ? undefined
    : `${otherDevice} is not another file system than ${tmpdir()} here, so a drafts folder on another one cannot be made`,
);

test.skipIf(acrossDevices.skip)(
  acrossDevices.title(
    'a drafts folder on another file system (a link to elsewhere): the draft is copied in, still never over a file',
  ),
  async () => {
    const elsewhere = await mkdtemp(join(otherDevice, 'newsquiz-drafts-'));
    try {
      await symlink(elsewhere, join(dir, DRAFTS_FOLDER));
      const text = draftMarkdown('far-draft');
      await writeFile(join(elsewhere, 'far-draft.md'), text);
      await writeFile(join(elsewhere, 'taken-far.md'), draftMarkdown('taken-far'));
      await writeFile(join(dir, 'taken-far.md'), 'notes\n');

      expect(await publishDraft(dir, 'far-draft')).toMatchObject({ published: true });
      expect(await readFile(join(dir, 'far-draft.md'), 'utf8')).toBe(text);
      expect(await publishDraft(dir, 'taken-far')).toMatchObject({ published: false, code: 'file-exists' });
      expect(await readFile(join(dir, 'taken-far.md'), 'utf8')).toBe('notes\n');
      expect((await readdir(elsewhere)).filter((name) => name.endsWith('.md'))).toEqual(['taken-far.md']);
      // Nothing left behind in the library but the published article.
      expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  },
);
