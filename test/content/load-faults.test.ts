// Content loading under faults and hostile input: unreadable folders and files, links, bombs, floods.
import { spawnSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent, MAX_CONTENT_FOLDERS } from '../../src/content/load-content.ts';
import { MAX_ERRORS_PER_FILE } from '../../src/content/parse-article.ts';
import { cannotRun } from '../support/cannot-run.ts';
import { deniedFs } from './denied-fs.ts';
import { articleMarkdown, lineOf, tempFolder, writeArticle } from './fixtures.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
});
afterEach(async () => {
  await remove();
});

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const fifo = cannotRun(
  hasMkfifo
    ? undefined
    : 'mkfifo is not installed, and this test makes a FIFO with it (apt-get install coreutils)',
);

const ids = (articles: { article: { id: string } }[]) => articles.map(({ article }) => article.id).sort();

describe('what cannot be read is named and skipped', () => {
  test('an unreadable sub-folder (a mode-000 lost+found) is one error; every other article loads', async () => {
    await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    await writeArticle(dir, 'news/b.md', articleMarkdown({ seed: 2 }));
    await writeArticle(dir, 'lost+found/c.md', articleMarkdown({ seed: 3 }));
    const lost = join(dir, 'lost+found');

    const { articles, errors, unreadable } = await loadContent(dir, { fs: deniedFs(new Set([lost])) });

    expect(ids(articles)).toEqual(['article-1', 'article-2']);
    expect(errors).toEqual([
      {
        file: lost,
        path: '',
        message: 'cannot read this folder (EACCES); the articles in it are skipped. Check its permissions',
      },
    ]);
    expect(unreadable).toEqual([lost]);
  });

  test('an unreadable file is one error naming it; the others load', async () => {
    await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    const locked = await writeArticle(dir, 'b.md', articleMarkdown({ seed: 2 }));

    const { articles, errors } = await loadContent(dir, { fs: deniedFs(new Set([locked])) });

    expect(ids(articles)).toEqual(['article-1']);
    expect(errors).toEqual([
      { file: locked, path: '', message: 'cannot read the file (EACCES); check its permissions' },
    ]);
  });
});

describe('hostile front matter', () => {
  test('a YAML alias bomb is reported as too many aliases, with its file and line', async () => {
    const bomb = [
      '---',
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map(
        (name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[index]}`).join(', ')}]`,
      ),
      '---',
      '',
    ].join('\n');
    const path = await writeArticle(dir, 'bomb.md', bomb);
    await writeArticle(dir, 'good.md', articleMarkdown({ seed: 1 }));

    const started = performance.now();
    const { articles, errors } = await loadContent(dir);

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(ids(articles)).toEqual(['article-1']);
    expect(errors).toEqual([
      {
        file: path,
        line: lineOf(bomb, 'b: &b'),
        path: '',
        message:
          'front matter expands YAML aliases (*name) more than 100 times; write the values out instead of repeating aliases',
      },
    ]);
  });

  test('10,000 unknown keys give 20 problems and one line counting the rest, with no far-fetched hints', async () => {
    const keys = Array.from({ length: 10_000 }, (_, index) => `k${index}: x`).join('\n');
    const flood = `---\n${keys}\n---\n`;
    const path = await writeArticle(dir, 'flood.md', flood);

    const { errors } = await loadContent(dir);

    expect(errors).toHaveLength(MAX_ERRORS_PER_FILE + 1);
    expect(MAX_ERRORS_PER_FILE).toBe(20);
    const last = errors.at(-1);
    expect(last).toMatchObject({ file: path, path: '' });
    expect(last?.message).toMatch(/^… and 9,9\d\d more problems in this file; fix the ones above first$/);
    expect(errors.filter((error) => error.message.includes('did you mean'))).toEqual([]);
  });

  test('a field given twice is one error on its second line, found without comparing every key with every other', async () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `k${index}: x`).join('\n');
    const text = `---\n${keys}\nk7: again\n---\n`;
    const path = await writeArticle(dir, 'twice.md', text);

    const started = performance.now();
    const { errors } = await loadContent(dir);

    expect(performance.now() - started).toBeLessThan(10_000);
    expect(errors).toEqual([
      {
        file: path,
        line: lineOf(text, 'k7: again'),
        path: '',
        message: 'front matter has the field "k7" twice in one place; keep one',
      },
    ]);
  });

  test('a close misspelling still gets its hint, once, on the closest key', async () => {
    const text = articleMarkdown({
      seed: 1,
      frontMatter: { title: undefined, titel: 'Misspelt', tilte: 'Also misspelt', tl: 'x' },
    });
    await writeArticle(dir, 'a.md', text);

    const { errors } = await loadContent(dir);

    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['titel', 'unknown field; did you mean "title"?'],
      ['tilte', 'unknown field'],
      ['tl', 'unknown field'],
    ]);
  });
});

describe('links are followed, loops are not', () => {
  test('links to an article file and to a folder, inside or outside the content folder, load', async () => {
    const outside = await tempFolder('newsquiz-outside-');
    try {
      const shared = await writeArticle(outside.dir, 'shared.md', articleMarkdown({ seed: 1 }));
      await writeArticle(outside.dir, 'more/b.md', articleMarkdown({ seed: 2 }));
      const inside = await writeArticle(dir, 'own/c.md', articleMarkdown({ seed: 3 }));
      await symlink(shared, join(dir, 'linked.md'));
      await symlink(join(outside.dir, 'more'), join(dir, 'linked-folder'));
      // A second way to reach an article already in the folder reads it once, not as a duplicate id.
      await symlink(inside, join(dir, 'also-c.md'));

      const { articles, errors, files } = await loadContent(dir);

      expect(errors).toEqual([]);
      expect(files).toBe(3);
      expect(ids(articles)).toEqual(['article-1', 'article-2', 'article-3']);
      expect(articles.find(({ article }) => article.id === 'article-1')?.file).toBe(join(dir, 'linked.md'));
    } finally {
      await outside.remove();
    }
  });

  test('a folder linked into itself is reported once and reading ends; a dangling article link is named', async () => {
    await writeArticle(dir, 'news/a.md', articleMarkdown({ seed: 1 }));
    await symlink(join(dir, 'news'), join(dir, 'news', 'again'));
    await mkdir(join(dir, 'empty'));
    await symlink(join(dir, 'missing.md'), join(dir, 'gone.md'));

    const { articles, errors } = await loadContent(dir);

    expect(ids(articles)).toEqual(['article-1']);
    expect(errors.map((error) => [error.file, error.message])).toEqual([
      [join(dir, 'gone.md'), 'is a link to a file that cannot be read (ENOENT)'],
      [
        join(dir, 'news', 'again'),
        `links back to ${join(dir, 'news')}, a folder it is inside; skipped so reading does not loop`,
      ],
    ]);
  });

  test('folders linked to twice at every level are each read once: 20 levels load at once, not 2^20 times', async () => {
    const levels = 20;
    for (let level = 0; level < levels; level++) await mkdir(join(dir, `level-${level}`));
    for (let level = 0; level < levels - 1; level++) {
      await symlink(join(dir, `level-${level + 1}`), join(dir, `level-${level}`, 'left'));
      await symlink(join(dir, `level-${level + 1}`), join(dir, `level-${level}`, 'right'));
    }
    await writeArticle(dir, `level-${levels - 1}/deep.md`, articleMarkdown({ seed: 1 }));

    const { articles, errors, files } = await loadContent(dir);

    expect(errors).toEqual([]);
    expect(files).toBe(1);
    expect(ids(articles)).toEqual(['article-1']);
  });

  test(`a link to a huge tree (a home folder, /) stops after ${MAX_CONTENT_FOLDERS} folders with one error saying so`, async () => {
    await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    for (let n = 0; n < MAX_CONTENT_FOLDERS + 5; n++)
      await mkdir(join(dir, 'huge', `folder-${n}`), { recursive: true });

    const { articles, errors } = await loadContent(dir);

    expect(ids(articles)).toEqual(['article-1']);
    expect(errors.map((error) => [error.file, error.message])).toEqual([
      [
        join(dir, 'huge'),
        `reading stopped after ${MAX_CONTENT_FOLDERS} folders (links included); the rest is skipped. Does a link point at a large folder such as a home folder or /?`,
      ],
    ]);
  });
});

describe('only regular files are read', () => {
  test.skipIf(fifo.skip)(
    fifo.title('a FIFO named like an article is reported without being opened for reading'),
    async () => {
      await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
      expect(spawnSync('mkfifo', [join(dir, 'pipe.md')]).status).toBe(0);

      const { articles, errors } = await loadContent(dir);

      expect(ids(articles)).toEqual(['article-1']);
      expect(errors.map((error) => [error.file, error.message])).toEqual([
        [join(dir, 'pipe.md'), 'is not a regular file (a FIFO, socket or device); articles must be files'],
      ]);
    },
  );

  test('a link named like an article that points at a device (/dev/zero) is reported, and nothing reads from it', async () => {
    await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    await symlink('/dev/zero', join(dir, 'zero.md'));

    const { articles, errors } = await loadContent(dir);

    expect(ids(articles)).toEqual(['article-1']);
    expect(errors.map((error) => [error.file, error.message])).toEqual([
      [join(dir, 'zero.md'), 'is not a regular file (a FIFO, socket or device); articles must be files'],
    ]);
  });
});
