// Feeds on a schedule: polled when due on the injected clock (no sleeping), with conditional GET, new
// stories drafted once, `auto` publishing only drafts that pass every check, a failing feed backed off
// and then paused with the reason, and one poll per due time however many pollers share the store.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Drafter } from '../../src/intake/draft.ts';
import { DRAFTS_FOLDER } from '../../src/intake/imported-stories.ts';
import { silentLogger } from '../../src/logger.ts';
import { backoffMs, FeedPoller, MAX_FEED_FAILURES } from '../../src/schedule/feed-poller.ts';
import { FeedStateRepository } from '../../src/store/feed-state-repository.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { tempFolder } from '../content/fixtures.ts';
import { completeDrafter } from '../intake/complete-drafter.ts';
import { writeLibrary } from '../intake/library.ts';
import { type NewsSite, startNewsSite } from '../intake/news-site.ts';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const MINUTE = 60_000;

let dir: string;
let remove: () => Promise<void>;
let site: NewsSite;
let latest: number;
let down: boolean;
let clock: ManualClock;
let store: OpenedStore;
let states: FeedStateRepository;
let library: ContentLibrary;
const pollers: FeedPoller[] = [];

beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-feeds-'));
  await writeLibrary(dir);
  latest = 2;
  down = false;
  site = await startNewsSite({
    benchPages: 40,
    latest: () => latest,
    down: (path) => down && path === '/feed.rss',
  });
  clock = new ManualClock(T0);
  store = await openStore('memory://', silentLogger(), `feeds-${Math.random()}`);
  states = new FeedStateRepository(store.records);
  library = new ContentLibrary(dir, silentLogger(), { logProblems: false });
  await library.load();
});
afterEach(async () => {
  for (const poller of pollers.splice(0)) await poller.stop();
  await library.close();
  await store.close();
  await site.close();
  await remove();
});

async function writeFeeds(feeds: string): Promise<void> {
  await writeFile(join(dir, 'feeds.yaml'), `feeds:\n${feeds}`);
}

function startPoller(options: { drafter?: Drafter; log?: ReturnType<typeof silentLogger> } = {}) {
  const poller = new FeedPoller({
    contentDir: dir,
    library,
    feeds: states,
    claims: new SubscriptionsRepository(store.records),
    clock,
    timers: clock,
    log: options.log ?? silentLogger(),
    ...(options.drafter ? { drafter: options.drafter } : {}),
  });
  pollers.push(poller);
  return poller;
}

/** Moves the injected clock and waits for what the pollers started then to finish. */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  for (const poller of pollers) await poller.settled();
}

const drafts = async () =>
  (await readdir(join(dir, DRAFTS_FOLDER)).catch(() => [])).filter((name) => name.endsWith('.md')).sort();
const libraryFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
const fetches = (path: string) => site.requests.filter((request) => request.path === path);

describe('on schedule', () => {
  test('a feed is polled as soon as it is listed, then every `every`, and never before; each new story becomes one draft', async () => {
    await writeFeeds(`  - url: ${site.origin}/bench/latest.rss\n    every: 30m\n`);
    const poller = startPoller();
    await poller.start();
    await poller.settled();

    expect(fetches('/bench/latest.rss')).toHaveLength(1);
    expect(await drafts()).toHaveLength(2);
    const first = await states.get(`${site.origin}/bench/latest.rss`);
    expect(first).toMatchObject({
      lastPollAt: T0,
      nextPollAt: T0 + 30 * MINUTE,
      lastOk: true,
      failures: 0,
      lastResult: '2 new drafts, 0 already imported',
      etag: '"latest-2"',
    });

    latest = 3;
    await advance(29 * MINUTE);
    expect(fetches('/bench/latest.rss')).toHaveLength(1);
    await advance(MINUTE);
    expect(fetches('/bench/latest.rss')).toHaveLength(2);
    // The older stories are known by their items' ids: only the new page is fetched.
    expect(fetches('/bench/page-3.html')).toHaveLength(1);
    expect(fetches('/bench/page-1.html')).toHaveLength(1);
    expect(await drafts()).toHaveLength(3);
    expect(await states.get(`${site.origin}/bench/latest.rss`)).toMatchObject({
      lastPollAt: T0 + 30 * MINUTE,
      nextPollAt: T0 + 60 * MINUTE,
      lastResult: '1 new draft, 2 already imported',
    });
  });

  test('conditional GET: the next poll sends the validators, and a 304 imports nothing', async () => {
    await writeFeeds(`  - url: ${site.origin}/etag.rss\n    every: 15m\n`);
    const poller = startPoller();
    await poller.start();
    await poller.settled();
    expect(await drafts()).toHaveLength(2);
    const pagesAfterFirst = site.requests.filter((request) => request.path.endsWith('.html')).length;
    expect(fetches('/etag.rss')[0]).toMatchObject({ ifNoneMatch: undefined, ifModifiedSince: undefined });

    await advance(15 * MINUTE);

    expect(fetches('/etag.rss')[1]).toMatchObject({
      ifNoneMatch: '"feed-v1"',
      ifModifiedSince: 'Mon, 09 Nov 2026 10:00:00 GMT',
    });
    expect(site.requests.filter((request) => request.path.endsWith('.html')).length).toBe(pagesAfterFirst);
    expect(await drafts()).toHaveLength(2);
    expect(await states.get(`${site.origin}/etag.rss`)).toMatchObject({
      lastPollAt: T0 + 15 * MINUTE,
      lastResult: 'not modified since the last poll',
      lastOk: true,
      etag: '"feed-v1"',
      lastModified: 'Mon, 09 Nov 2026 10:00:00 GMT',
    });
  });

  test('validators far longer than real ones are neither kept nor sent back', async () => {
    await writeFeeds(`  - url: ${site.origin}/huge-etag.rss\n    every: 15m\n`);
    const poller = startPoller();
    await poller.start();
    await poller.settled();
    expect(await states.get(`${site.origin}/huge-etag.rss`)).toMatchObject({
      etag: null,
      lastModified: null,
    });
    await advance(15 * MINUTE);
    expect(fetches('/huge-etag.rss')[1]).toMatchObject({
      ifNoneMatch: undefined,
      ifModifiedSince: undefined,
    });
  });

  test('a shorter `every` in feeds.yaml counts from the last poll at once', async () => {
    const url = `${site.origin}/bench/latest.rss`;
    await writeFeeds(`  - url: ${url}\n    every: 1d\n`);
    const poller = startPoller();
    await poller.start();
    await poller.settled();
    await writeFeeds(`  - url: ${url}\n    every: 10m\n`);
    await advance(10 * MINUTE);
    expect(fetches('/bench/latest.rss')).toHaveLength(2);
  });
});

describe('a failing feed', () => {
  test(`is backed off (every, twice that, four times…), then paused with the reason after ${MAX_FEED_FAILURES} failures in a row; a resume polls it again`, async () => {
    const url = `${site.origin}/feed.rss`;
    await writeFeeds(`  - url: ${url}\n    every: 5m\n`);
    down = true;
    const poller = startPoller();
    await poller.start();
    await poller.settled();

    for (let failures = 1; failures <= MAX_FEED_FAILURES; failures++) {
      const state = await states.get(url);
      expect(state).toMatchObject({
        failures,
        lastOk: false,
        lastResult: 'failed: answered 503 Service Unavailable',
      });
      expect((state?.nextPollAt ?? 0) - (state?.lastPollAt ?? 0)).toBe(backoffMs(failures, 5 * MINUTE));
      if (failures < MAX_FEED_FAILURES) {
        expect(state?.pausedReason).toBeNull();
        await advance((state?.nextPollAt ?? 0) - clock.now());
      }
    }
    expect(backoffMs(2, 5 * MINUTE)).toBe(10 * MINUTE);
    expect(backoffMs(MAX_FEED_FAILURES, 5 * MINUTE)).toBe(24 * 60 * MINUTE);
    expect(fetches('/feed.rss')).toHaveLength(MAX_FEED_FAILURES);
    const paused = await states.get(url);
    expect(paused?.pausedReason).toBe(
      `${MAX_FEED_FAILURES} polls in a row failed (the last: answered 503 Service Unavailable)`,
    );

    // Paused: days pass without a request, back up or not.
    down = false;
    await advance(3 * 24 * 60 * MINUTE);
    expect(fetches('/feed.rss')).toHaveLength(MAX_FEED_FAILURES);

    await states.requestResume(url, clock.now());
    await advance(MINUTE);
    expect(fetches('/feed.rss')).toHaveLength(MAX_FEED_FAILURES + 1);
    expect(await states.get(url)).toMatchObject({
      failures: 0,
      pausedAt: null,
      pausedReason: null,
      lastOk: true,
    });
  });
});

describe('publish: auto or review', () => {
  const feed = (publish: string) =>
    `  - url: ${site.origin}/feed.rss\n    topics: [harbours]\n    publish: ${publish}\n`;

  test('auto publishes each new story whose draft passes every check, with the feed’s topics', async () => {
    await writeFeeds(feed('auto'));
    const poller = startPoller({ drafter: completeDrafter });
    await poller.start();
    await poller.settled();
    expect(await drafts()).toEqual([]);
    expect(await libraryFiles()).toEqual([
      'harbor-city-fits-its-old-bridge-with-strain-sensors.md',
      'old-market-hall-to-become-a-food-start-up-centre.md',
      'port-cranes.md',
      'river-ferries.md',
    ]);
    await library.load();
    const harbor = library.articles.find((article) => article.id.startsWith('harbor-city'));
    expect(harbor?.topics[0]).toBe('harbours');
    expect(library.errors).toEqual([]);
    expect((await states.get(`${site.origin}/feed.rss`))?.lastResult).toBe(
      '2 new drafts, 0 already imported, 2 published, 0 drafts kept for review',
    );
  });

  test('review leaves every new story a draft, complete or not', async () => {
    await writeFeeds(feed('review'));
    const poller = startPoller({ drafter: completeDrafter });
    await poller.start();
    await poller.settled();
    expect(await drafts()).toHaveLength(2);
    expect(await libraryFiles()).toEqual(['port-cranes.md', 'river-ferries.md']);
  });

  test('auto keeps a draft that does not pass (the built-in drafter leaves judgment to you) for review', async () => {
    await writeFeeds(feed('auto'));
    const poller = startPoller();
    await poller.start();
    await poller.settled();
    expect(await drafts()).toHaveLength(2);
    expect(await libraryFiles()).toEqual(['port-cranes.md', 'river-ferries.md']);
    expect((await states.get(`${site.origin}/feed.rss`))?.lastResult).toBe(
      '2 new drafts, 0 already imported, 0 published, 2 drafts kept for review',
    );
  });
});

test('pollers sharing a store poll a feed once per due time and draft each story once (repeated)', async () => {
  await writeFeeds(`  - url: ${site.origin}/bench/latest.rss\n    every: 5m\n`);
  const all = [startPoller(), startPoller(), startPoller()];
  await Promise.all(all.map((poller) => poller.start()));
  for (const poller of all) await poller.settled();
  for (let round = 1; round <= 6; round++) {
    latest += 2;
    await advance(5 * MINUTE);
  }
  expect(fetches('/bench/latest.rss')).toHaveLength(7);
  expect(await drafts()).toHaveLength(latest);
  for (let n = 1; n <= latest; n++) expect(fetches(`/bench/page-${n}.html`)).toHaveLength(1);
});

test('feeds.yaml with problems is logged once as feeds.yaml:line → field: message; the last good list is still polled', async () => {
  const lines: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push((JSON.parse(chunk.toString()) as { msg: string }).msg);
        done();
      },
    }),
  );
  await writeFeeds(`  - url: ${site.origin}/bench/latest.rss\n    every: 5m\n`);
  const poller = startPoller({ log });
  await poller.start();
  await poller.settled();
  await writeFeeds(`  - url: ${site.origin}/bench/latest.rss\n    every: soon\n`);
  await advance(5 * MINUTE);
  await advance(5 * MINUTE);
  const file = join(dir, 'feeds.yaml');
  expect(lines.filter((line) => line.startsWith(file))).toEqual([
    `${file}:3 → feeds.0.every: expected how often to poll, from 5m to 7d, e.g. 30m, 2h or 1d`,
  ]);
  expect(fetches('/bench/latest.rss')).toHaveLength(3);
});
