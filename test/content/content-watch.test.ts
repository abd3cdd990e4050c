// The live watcher follows the loader's rules: each real folder once, loops reported and skipped, links
// out of the folder followed, `_` and `.` names left alone, files refused for their size or kind.
import { spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { MAX_ARTICLE_BYTES } from '../../src/content/read-article-file.ts';
import { cannotRun } from '../support/cannot-run.ts';
import { eventually } from '../support/eventually.ts';
import { articleMarkdown, tempFolder, writeArticle } from './fixtures.ts';

/** Conditions get this long on a busy machine; they are polled, never slept on. */
const DEADLINE_MS = 10_000;

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const fifo = cannotRun(
  hasMkfifo
    ? undefined
    : 'mkfifo is not installed, and this test makes a FIFO with it (apt-get install coreutils)',
);

let dir: string;
let remove: () => Promise<void>;
let library: ContentLibrary;
/** Loads so far: the library logs each one. */
let loads: number;

beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-watch-'));
  loads = 0;
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if ((JSON.parse(chunk.toString()) as { msg: string }).msg === 'content loaded') loads += 1;
      done();
    },
  });
  library = new ContentLibrary(dir, pino({ level: 'info' }, log), { logProblems: false });
});
afterEach(async () => {
  await library.close();
  await remove();
});

const titleOf = (id: string) => library.articles.find((article) => article.id === id)?.title;
const titled = (seed: number, title: string) => articleMarkdown({ seed, frontMatter: { title } });

/** Loads, then watches: `loads` counts the reloads from then on. */
async function watch(): Promise<void> {
  await library.load();
  loads = 0;
  await library.watch();
}

/** A folder holding `self -> .` and `up -> ../loop`, as in the issue. */
async function loopFolder(parent: string): Promise<string> {
  const loop = join(parent, 'loop');
  await mkdir(loop, { recursive: true });
  await symlink('.', join(loop, 'self'));
  await symlink('../loop', join(loop, 'up'));
  return loop;
}

describe('the watcher reads what the loader reads', () => {
  test('a folder that links back into itself is watched once, each link back is reported once, and an edit beside it is picked up', async () => {
    await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    const loop = await loopFolder(dir);

    await watch();

    expect(library.watching).toEqual([dir, loop].sort());
    expect(library.errors.map((error) => error.message)).toEqual([
      `links back to ${loop}, a folder it is inside; skipped so reading does not loop`,
      `links back to ${loop}, a folder it is inside; skipped so reading does not loop`,
    ]);
    await writeArticle(dir, 'a.md', titled(1, 'Edited beside the loop'));
    await eventually(() => titleOf('article-1') === 'Edited beside the loop', DEADLINE_MS);
  }, 30_000);

  test('folders reached by several links are watched once each, and an article in them is read once', async () => {
    await writeArticle(dir, 'shared/deep/a.md', articleMarkdown({ seed: 1 }));
    await symlink(join(dir, 'shared'), join(dir, 'first'));
    await symlink(join(dir, 'shared'), join(dir, 'second'));

    await watch();

    expect(library.watching).toEqual([dir, join(dir, 'shared'), join(dir, 'shared', 'deep')].sort());
    expect(library.errors).toEqual([]);
    expect(library.articles).toHaveLength(1);
    await writeArticle(dir, 'shared/deep/a.md', titled(1, 'Edited through one of its links'));
    await eventually(() => titleOf('article-1') === 'Edited through one of its links', DEADLINE_MS);
  });

  test('an article in a linked folder outside the content folder is watched where it really is', async () => {
    const outside = await tempFolder('newsquiz-watch-outside-');
    try {
      await writeArticle(outside.dir, 'more/b.md', articleMarkdown({ seed: 2 }));
      const single = await writeArticle(outside.dir, 'single/c.md', articleMarkdown({ seed: 3 }));
      await writeArticle(outside.dir, 'single/not-linked.md', articleMarkdown({ seed: 4 }));
      await symlink(join(outside.dir, 'more'), join(dir, 'more'));
      await symlink(single, join(dir, 'c.md'));

      await watch();

      expect(library.watching).toEqual([dir, join(outside.dir, 'more'), join(outside.dir, 'single')].sort());
      expect(titleOf('article-4')).toBeUndefined();
      await writeArticle(outside.dir, 'more/b.md', titled(2, 'Edited outside'));
      await writeArticle(outside.dir, 'single/c.md', titled(3, 'Linked file edited'));
      await eventually(
        () => titleOf('article-2') === 'Edited outside' && titleOf('article-3') === 'Linked file edited',
        DEADLINE_MS,
      );
      // A file next to the linked one is not part of the content: writing it reloads nothing.
      const before = loads;
      await writeArticle(outside.dir, 'single/not-linked.md', titled(4, 'Not content'));
      await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
      await eventually(() => titleOf('article-1') !== undefined, DEADLINE_MS);
      expect(titleOf('article-4')).toBeUndefined();
      expect(loads).toBe(before + 1);
    } finally {
      await outside.remove();
    }
  });

  test('_drafts and hidden folders are neither watched nor walked, even when they hold a loop', async () => {
    await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    await loopFolder(join(dir, '_drafts'));
    await writeArticle(dir, '_drafts/draft.md', articleMarkdown({ seed: 2 }));
    await writeArticle(dir, '.git/x.md', articleMarkdown({ seed: 3 }));

    await watch();

    expect(library.watching).toEqual([dir]);
    expect(library.errors).toEqual([]);
    // Drafts being written cause no reload; the next real edit is the one reload.
    await writeArticle(dir, '_drafts/draft.md', titled(2, 'Draft edited'));
    await writeArticle(dir, '_drafts/new.md', articleMarkdown({ seed: 4 }));
    await writeArticle(dir, 'a.md', titled(1, 'Published edit'));
    await eventually(() => titleOf('article-1') === 'Published edit', DEADLINE_MS);
    expect(loads).toBe(1);
    expect(titleOf('article-2')).toBeUndefined();
  });

  test('a file written over the size limit while watching is refused by its size; the last good version stays', async () => {
    const path = await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    await watch();

    await writeFile(path, Buffer.alloc(MAX_ARTICLE_BYTES * 40, 'x'));

    await eventually(() => library.errors.some((error) => error.file === path), DEADLINE_MS);
    expect(library.errors.map((error) => error.message)).toEqual([
      'file is 10.0 MB; an article may be at most 256 KB',
    ]);
    expect(titleOf('article-1')).toBe('Report 1 on the city network');
  });

  test.skipIf(fifo.skip)(
    fifo.title(
      'a FIFO named like an article, made while watching, is reported and never opened for a blocking read',
    ),
    async () => {
      await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
      await watch();

      expect(spawnSync('mkfifo', [join(dir, 'pipe.md')]).status).toBe(0);

      await eventually(() => library.errors.length > 0, DEADLINE_MS);
      expect(library.errors.map((error) => [error.file, error.message])).toEqual([
        [join(dir, 'pipe.md'), 'is not a regular file (a FIFO, socket or device); articles must be files'],
      ]);
      // Reading went on: a later edit still shows.
      await writeArticle(dir, 'a.md', titled(1, 'After the FIFO'));
      await eventually(() => titleOf('article-1') === 'After the FIFO', DEADLINE_MS);
    },
  );
});
