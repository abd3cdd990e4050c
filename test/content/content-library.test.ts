import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { deniedFs } from './denied-fs.ts';
import { articleMarkdown, tempFolder, writeArticle } from './fixtures.ts';

const WAIT_MS = 5_000;

const articleById = (library: ContentLibrary, id: string) =>
  library.articles.find((article) => article.id === id);

/** Polls until `check` returns true; fails with `what` after a few seconds. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface LogLine {
  level: number;
  msg: string;
  file?: string;
  line?: number;
  path?: string;
}

let dir: string;
let remove: () => Promise<void>;
let logged: LogLine[];
let library: ContentLibrary;

beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
  logged = [];
  const memory = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  library = new ContentLibrary(dir, pino({ level: 'error' }, memory));
});
afterEach(async () => {
  await library.close();
  await remove();
});

test('load makes every valid article available', async () => {
  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
  await writeArticle(dir, 'sub/b.md', articleMarkdown({ seed: 2 }));

  await library.load();

  expect(library.articles.map((article) => article.id).sort()).toEqual(['article-1', 'article-2']);
  expect(library.errors).toEqual([]);
  expect(logged).toEqual([]);
});

test('an edited file is picked up while watching, without a restart', async () => {
  await writeArticle(dir, 'news/a.md', articleMarkdown({ seed: 1 }));
  await library.load();
  let changes = 0;
  library.onChange(() => changes++);
  await library.watch();

  await writeArticle(
    dir,
    'news/a.md',
    articleMarkdown({ seed: 1, frontMatter: { title: 'Edited headline' } }),
  );

  await eventually(
    'the new title shows',
    () => articleById(library, 'article-1')?.title === 'Edited headline',
  );
  expect(changes).toBeGreaterThan(0);
});

test('a new file, even in a new sub-folder, is picked up while watching', async () => {
  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
  await library.load();
  await library.watch();

  await writeArticle(dir, 'later/b.md', articleMarkdown({ seed: 2 }));

  await eventually('the new article shows', () => articleById(library, 'article-2') !== undefined);
  expect(articleById(library, 'article-1')).toBeDefined();
});

test('a file that turns invalid keeps its last good version and the error is logged', async () => {
  const path = await writeArticle(
    dir,
    'a.md',
    articleMarkdown({ seed: 1, frontMatter: { title: 'Good version' } }),
  );
  await library.load();
  await library.watch();

  await writeArticle(
    dir,
    'a.md',
    articleMarkdown({ seed: 1, frontMatter: { title: 'Broken version', hook: undefined } }),
  );

  await eventually('the error is logged', () => logged.some((line) => line.path === 'hook'));
  const error = logged.find((line) => line.path === 'hook');
  expect(error).toMatchObject({ level: 50, file: path, path: 'hook', msg: `${path}:2 → hook: is required` });
  expect(articleById(library, 'article-1')?.title).toBe('Good version');
  expect(library.errors).toEqual([{ file: path, line: 2, path: 'hook', message: 'is required' }]);

  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1, frontMatter: { title: 'Fixed version' } }));

  await eventually(
    'the fixed version shows',
    () => articleById(library, 'article-1')?.title === 'Fixed version',
  );
  expect(library.errors).toEqual([]);
});

/** Saves as `sed -i`, vim and "safe write" editors do: write a temporary file, rename it over the article. */
async function saveByRename(folder: string, name: string, content: string): Promise<void> {
  const temporary = join(folder, `sed${Math.random().toString(36).slice(2, 8)}`);
  await writeFile(temporary, content);
  await rename(temporary, join(folder, name));
}

test('an article saved by rename is picked up every time, also when the save makes it invalid', async () => {
  const path = await writeArticle(dir, 'news/a.md', articleMarkdown({ seed: 1 }));
  await library.load();
  await library.watch();
  const titled = (title: string) => articleMarkdown({ seed: 1, frontMatter: { title } });

  await saveByRename(join(dir, 'news'), 'a.md', titled('First save'));
  await eventually('the first save shows', () => articleById(library, 'article-1')?.title === 'First save');

  await saveByRename(join(dir, 'news'), 'a.md', titled('Second save'));
  await eventually('the second save shows', () => articleById(library, 'article-1')?.title === 'Second save');

  await saveByRename(
    join(dir, 'news'),
    'a.md',
    articleMarkdown({ seed: 1, frontMatter: { title: 'Broken', hook: undefined } }),
  );
  await eventually('the error of the third save is logged', () =>
    logged.some((line) => line.path === 'hook'),
  );
  expect(logged.find((line) => line.path === 'hook')).toMatchObject({
    file: path,
    msg: `${path}:2 → hook: is required`,
  });
  expect(articleById(library, 'article-1')?.title).toBe('Second save');

  await saveByRename(join(dir, 'news'), 'a.md', titled('Fourth save'));
  await eventually('the fourth save shows', () => articleById(library, 'article-1')?.title === 'Fourth save');
  expect(library.errors).toEqual([]);
});

test('a deleted file removes its article', async () => {
  const path = await writeArticle(dir, 'sub/a.md', articleMarkdown({ seed: 1 }));
  await writeArticle(dir, 'b.md', articleMarkdown({ seed: 2 }));
  await library.load();
  await library.watch();

  await rm(path);

  await eventually('the article is gone', () => articleById(library, 'article-1') === undefined);
  expect(library.articles.map((article) => article.id)).toEqual(['article-2']);
});

test('after close, edits are no longer picked up', async () => {
  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
  await library.load();
  await library.watch();
  await library.close();

  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1, frontMatter: { title: 'Too late' } }));
  await new Promise((resolve) => setTimeout(resolve, 400));

  expect(articleById(library, 'article-1')?.title).toBe('Report 1 on the city network');
});

test('a reload that cannot read a folder or a file keeps their last good articles instead of emptying the bot', async () => {
  await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
  await writeArticle(dir, 'news/b.md', articleMarkdown({ seed: 2 }));
  const locked = await writeArticle(dir, 'news/deep/c.md', articleMarkdown({ seed: 3 }));
  const denied = new Set<string>();
  const guarded = new ContentLibrary(dir, pino({ level: 'silent' }), { fs: deniedFs(denied) });
  await guarded.load();
  expect(guarded.articles).toHaveLength(3);

  denied.add(join(dir, 'news'));
  await guarded.reload();
  expect(guarded.articles.map((article) => article.id).sort()).toEqual([
    'article-1',
    'article-2',
    'article-3',
  ]);
  expect(guarded.errors.map((error) => error.file)).toEqual([join(dir, 'news')]);

  denied.clear();
  denied.add(dir);
  await guarded.reload();
  expect(guarded.articles).toHaveLength(3);
  expect(guarded.errors[0]?.message).toMatch(/^CONTENT_DIR points to .*, which cannot be read \(EACCES\)/);

  denied.clear();
  denied.add(locked);
  await guarded.reload();
  expect(guarded.articles).toHaveLength(3);

  // Once readable again, a real deletion still removes an article.
  denied.clear();
  await rm(locked);
  await guarded.reload();
  expect(guarded.articles).toHaveLength(2);
  await guarded.close();
});
