import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/content/load-content.ts';
import { articleMarkdown, tempFolder, writeArticle } from '../content/fixtures.ts';
import { writeLibrary } from '../intake/library.ts';
import { type NewsSite, startNewsSite } from '../intake/news-site.ts';
import { buildOnce, contentImport as runContentImport } from './compiled-content-import.ts';

beforeAll(buildOnce, 150_000);

/** `npm run content:import -- …` into `contentDir`. */
const contentImport = (urls: string[], contentDir: string, timeout?: number) =>
  runContentImport(urls, { CONTENT_DIR: contentDir }, timeout);

const drafts = async (dir: string) =>
  (await readdir(join(dir, '_drafts')).catch(() => [])).filter((name) => name.endsWith('.md')).sort();

let site: NewsSite;
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  site = await startNewsSite();
  ({ dir, remove } = await tempFolder('newsquiz-import-'));
  await writeLibrary(dir);
});
afterEach(async () => {
  await site.close();
  await remove();
});

describe('importing', () => {
  test('a page and three feeds become one draft per story, each printed with what it still needs; a second run finds nothing new', async () => {
    const o = site.origin;
    const first = await contentImport(
      [`${o}/harbor-bridge.html`, `${o}/feed.rss`, `${o}/feed.atom`, `${o}/feed.json`],
      dir,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(await drafts(dir)).toEqual([
      'harbor-city-fits-its-old-bridge-with-strain-sensors.md',
      'old-market-hall-to-become-a-food-start-up-centre.md',
      'valley-water-board-approves-solar-powered-desalination-pilot.md',
    ]);
    const harbor = join(dir, '_drafts', 'harbor-city-fits-its-old-bridge-with-strain-sensors.md');
    expect(first.stdout).toContain(`Drafted ${harbor} from ${o}/harbor-bridge.html: `);
    expect(first.stdout).toContain(
      '  still needs: audience, tldr.whyItMatters, tldr.whatToDoNext, comparison, deepDive, implications\n',
    );
    // The feed lists the page already imported (with tracking parameters): the same story, found by its canonical address.
    expect(first.stdout).toContain(
      `Already imported: ${o}/harbor-bridge.html?utm_source=rss&utm_medium=feed is the draft harbor-city-fits-its-old-bridge-with-strain-sensors`,
    );
    // The JSON feed's item is the market hall the RSS feed brought: its page's og:url says so.
    expect(first.stdout).toContain(
      `Already imported: ${o}/market-hall.html is the draft old-market-hall-to-become-a-food-start-up-centre`,
    );
    expect(first.stdout).toMatch(/^3 drafts written, 2 already imported, 0 failed$/m);

    const text = await readFile(harbor, 'utf8');
    expect(text).toContain('# Story keys: url:harbor-courier.example/2026/05/14/harbor-bridge-sensors');
    // Drafts are never articles: the library still holds only its own two.
    const library = await loadContent(dir);
    expect(library.articles.map((entry) => entry.article.id).sort()).toEqual([
      'port-cranes',
      'river-ferries',
    ]);

    const pagesFetched = site.requests.filter((request) => request.path.endsWith('.html')).length;
    const again = await contentImport([`${o}/harbor-bridge.html`, `${o}/feed.rss`, `${o}/feed.json`], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing new: 0 drafts written, 4 already imported, 0 failed$/m);
    expect(await drafts(dir)).toHaveLength(3);
    // Feed items already imported are known by their ids: their pages are not fetched again.
    expect(site.requests.filter((request) => request.path.endsWith('.html')).length - pagesFetched).toBe(1);
  });

  test('a story already published in the library is not imported again', async () => {
    await writeArticle(
      dir,
      'harbor.md',
      articleMarkdown({
        seed: 5,
        frontMatter: {
          id: 'harbor',
          source: {
            name: 'The Harbor Courier',
            url: 'https://harbor-courier.example/2026/05/14/harbor-bridge-sensors',
          },
        },
      }),
    );
    const run = await contentImport([`${site.origin}/harbor-bridge.html`], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Already imported: ${site.origin}/harbor-bridge.html is the published article harbor`,
    );
    expect(await drafts(dir)).toEqual([]);
  });

  test('two imports of the same story at the same moment write one draft', async () => {
    for (let round = 0; round < 2; round++) {
      const { dir: raceDir, remove: removeRace } = await tempFolder('newsquiz-import-race-');
      try {
        await writeLibrary(raceDir);
        const runs = await Promise.all(
          [1, 2].map(() => contentImport([`${site.origin}/harbor-bridge.html`], raceDir)),
        );
        expect(runs.map((run) => run.code)).toEqual([0, 0]);
        expect(await drafts(raceDir)).toEqual(['harbor-city-fits-its-old-bridge-with-strain-sensors.md']);
        expect(runs.filter((run) => run.stdout.includes('Already imported')).length).toBe(1);
        const records = (await readFile(join(raceDir, '_drafts', 'imported.jsonl'), 'utf8'))
          .trim()
          .split('\n');
        expect(records).toHaveLength(1);
      } finally {
        await removeRace();
      }
    }
  });
});

describe('refusals', () => {
  test('each hostile answer is refused with one line naming the address and the reason; the rest is imported; exit 1', async () => {
    const o = site.origin;
    const run = await contentImport(
      [
        `${o}/huge.html`,
        `${o}/endless.html`,
        `${o}/gzip-bomb.html`,
        `${o}/br-bomb.html`,
        `${o}/deflate-bomb.html`,
        `${o}/loop-a`,
        `${o}/redirects/6`,
        `${o}/redirect-javascript`,
        `${o}/redirect-private`,
        `${o}/report.pdf`,
        `${o}/entity-bomb.rss`,
        `${o}/xxe.rss`,
        `${o}/missing.html`,
        `${o}/no-newsquiz/feed.rss`,
        'ftp://files.example.org/story',
        `${o}/scripts.html`,
      ],
      dir,
    );
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      `Could not import ${o}/huge.html: is 6 MB; pages and feeds may be at most 5 MB`,
      `Could not import ${o}/endless.html: sent more than 5 MB; pages and feeds may be at most 5 MB`,
      `Could not import ${o}/gzip-bomb.html: sent more than 5 MB once decompressed; pages and feeds may be at most 5 MB`,
      `Could not import ${o}/br-bomb.html: sent more than 5 MB once decompressed; pages and feeds may be at most 5 MB`,
      `Could not import ${o}/deflate-bomb.html: sent more than 5 MB once decompressed; pages and feeds may be at most 5 MB`,
      `Could not import ${o}/loop-a: redirects in a loop (back to ${o}/loop-a)`,
      `Could not import ${o}/redirects/6: redirects more than 5 times; refused`,
      `Could not import ${o}/redirect-javascript: redirects to a javascript: URL; only http(s) redirects are followed`,
      `Could not import ${o}/redirect-private: points to 10.20.30.40, which is not a public address; intake connects only to public addresses and to hosts you type`,
      `Could not import ${o}/report.pdf: is application/pdf, not an HTML page or a feed (RSS, Atom or JSON Feed)`,
      `Could not import ${o}/entity-bomb.rss: declares XML entities (<!ENTITY …>), which feeds do not use; refused, nothing was expanded or fetched`,
      `Could not import ${o}/xxe.rss: declares XML entities (<!ENTITY …>), which feeds do not use; refused, nothing was expanded or fetched`,
      `Could not import ${o}/missing.html: answered 404 Not Found`,
      `Could not import ${o}/no-newsquiz/feed.rss: robots.txt of 127.0.0.1:${site.port} disallows newsquiz from fetching it`,
      'Could not import ftp://files.example.org/story: is not an http(s) address; give a page or feed such as https://example.org/news/story',
    ]);
    expect(site.requests.map((request) => request.path)).not.toContain('/no-newsquiz/feed.rss');
    expect(site.requests.map((request) => request.path)).not.toContain('/xxe-was-fetched');
    // Markup and scripts in every field: the page is imported, and nothing of its scripts is in the draft.
    expect(await drafts(dir)).toEqual(['council-backs-night-trains.md']);
    const text = await readFile(join(dir, '_drafts', 'council-backs-night-trains.md'), 'utf8');
    expect(text).not.toMatch(/alert|INJECTED|evil|steal|onerror|onclick|onmouseover|javascript:|<script/i);
    expect(run.ms).toBeLessThan(20_000);
  });

  test('a page that never finishes is refused at the 15 s deadline: the command ends within 20 s of asking for it', {
    timeout: 60_000,
  }, async () => {
    const before = site.requests.length;
    const run = await contentImport([`${site.origin}/trickle.html`], dir);
    const ended = Date.now();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Could not import ${site.origin}/trickle.html: did not finish within 15 s; refused\n`,
    );
    // Counted from its first request (robots.txt), so a slow start of Node on a busy machine is not the command's.
    const first = site.requests[before];
    expect(first).toBeDefined();
    expect(ended - (first?.at ?? 0)).toBeLessThan(20_000);
  });

  test('links in a feed reach only public addresses and the feed’s own host, without a connection to any other', async () => {
    // Something listening on loopback under another port: the feed names it as http://localhost:<port>/.
    const hits: string[] = [];
    const other = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('no');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherPort = (other.address() as AddressInfo).port;
    await site.close();
    site = await startNewsSite({ otherPort });
    try {
      const o = site.origin;
      const run = await contentImport([`${o}/private-links.rss`], dir);
      expect(run.code).toBe(1);
      const reason =
        'which is not a public address; intake connects only to public addresses and to hosts you type';
      expect(run.stderr.trim().split('\n').sort()).toEqual(
        [
          `Could not import http://10.1.2.3/story.html: points to 10.1.2.3, ${reason}`,
          `Could not import http://169.254.169.254/latest/meta-data/: points to 169.254.169.254, ${reason}`,
          `Could not import http://localhost:${otherPort}/harbor-bridge.html: localhost resolves to 127.0.0.1, ${reason}`,
          `Could not import http://[::1]:${site.port}/harbor-bridge.html: points to ::1, ${reason}`,
          `Could not import http://[::ffff:7f00:1]:${site.port}/harbor-bridge.html: points to ::ffff:7f00:1, ${reason}`,
        ].sort(),
      );
      expect(run.stdout).toContain(`${o}/private-links.rss: item "p-6" has no link to a page; skipped`);
      expect(run.stdout).toContain(`from ${o}/desal-pilot.html`);
      expect(hits).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
