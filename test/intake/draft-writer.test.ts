import { readdir, readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Draft } from '../../src/intake/draft.ts';
import { createDraftWriter } from '../../src/intake/draft-writer.ts';
import { DRAFTS_FOLDER, IMPORT_INDEX, readImportedStories } from '../../src/intake/imported-stories.ts';
import { renderDraft } from '../../src/intake/render-draft.ts';
import { tempFolder, writeArticle } from '../content/fixtures.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-drafts-'));
});
afterEach(async () => {
  await remove();
});

function draft(id: string): Draft {
  return {
    drafter: 'test',
    todo: {},
    article: {
      id,
      title: 'A title',
      source: { name: 'Example Wire', url: 'https://example.org/a' },
      published: '2026-05-14',
      topics: [],
      audience: [],
      image: undefined,
      hook: '',
      tldr: { whatChanged: '', whyItMatters: '', whatToDoNext: '' },
      takeaways: [],
      comparison: undefined,
      deepDive: [],
      implications: [],
      timeline: [],
      reading: [{ text: 'Harbor City fitted its bridge with sensors.', entities: [] }],
      questions: [],
    },
  };
}

/** A writer as one import process has it: nothing shared with the others but the folder. */
const writer = (libraryIds: string[] = []) =>
  createDraftWriter({ contentDir: dir, libraryIds: new Set(libraryIds), published: new Map() });

const write = (keys: string[], id = 'bridge-sensors', libraryIds: string[] = []) =>
  writer(libraryIds).write(draft(id), keys, 'http://127.0.0.1/x', (final) =>
    renderDraft(
      { ...draft(final), article: { ...draft(final).article, id: final } },
      { from: 'http://127.0.0.1/x', at: new Date(), keys },
    ),
  );

const files = async () =>
  (await readdir(join(dir, DRAFTS_FOLDER))).filter((name) => name.endsWith('.md')).sort();
const records = async () =>
  (await readFile(join(dir, DRAFTS_FOLDER, IMPORT_INDEX), 'utf8')).trim().split('\n');

test('writers racing to write the same story make one draft and one record, every time', async () => {
  for (let round = 0; round < 10; round++) {
    const { dir: roundDir, remove: removeRound } = await tempFolder('newsquiz-drafts-race-');
    dir = roundDir;
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => write(['url:example.org/a', `item:example.org#${round}`])),
      );
      expect(results.filter((result) => result.written)).toHaveLength(1);
      expect(
        results.filter((result) => !result.written).map((result) => !result.written && result.existing),
      ).toEqual(Array(5).fill({ id: 'bridge-sensors', where: 'draft' }));
      expect(await files()).toEqual(['bridge-sensors.md']);
      expect(await records()).toHaveLength(1);
    } finally {
      await removeRound();
    }
  }
});

test('different stories with the same title, written at once, each get their own id and record', async () => {
  const results = await Promise.all(
    Array.from({ length: 5 }, (_, n) =>
      write([`url:example.org/${n}`], 'bridge-sensors', ['bridge-sensors']),
    ),
  );
  expect(results.every((result) => result.written)).toBe(true);
  expect(await files()).toEqual([
    'bridge-sensors-2.md',
    'bridge-sensors-3.md',
    'bridge-sensors-4.md',
    'bridge-sensors-5.md',
    'bridge-sensors-6.md',
  ]);
  expect(await records()).toHaveLength(5);
});

test('a lock left by an import that died is taken over once it is stale', async () => {
  await writeArticle(dir, `${DRAFTS_FOLDER}/.import.lock`, '');
  const old = new Date(Date.now() - 60_000);
  await utimes(join(dir, DRAFTS_FOLDER, '.import.lock'), old, old);
  expect((await write(['url:example.org/a'])).written).toBe(true);
});

test('a draft whose record was never appended (a crash in between) still counts as imported, by the keys in its header', async () => {
  await write(['url:example.org/a', 'item:example.org#7']);
  await writeFile(join(dir, DRAFTS_FOLDER, IMPORT_INDEX), '');
  const imported = await readImportedStories(join(dir, DRAFTS_FOLDER), new Map());
  expect(imported.find(['item:example.org#7'])).toEqual({ id: 'bridge-sensors', where: 'draft' });
  expect((await write(['url:example.org/a'])).written).toBe(false);
});

test('a record outlives its draft: a story whose draft was deleted is not imported again', async () => {
  await write(['url:example.org/a']);
  await unlink(join(dir, DRAFTS_FOLDER, 'bridge-sensors.md'));
  expect(await write(['url:example.org/a'])).toEqual({
    written: false,
    existing: { id: 'bridge-sensors', where: 'draft' },
  });
});
