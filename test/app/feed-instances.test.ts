// Two bots on one Redis and one content folder, both polling the same feed on one clock: each due time is
// polled by one of them, and each story becomes one draft.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { App } from '../../src/app/create-app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { DRAFTS_FOLDER } from '../../src/intake/imported-stories.ts';
import { silentLogger } from '../../src/logger.ts';
import { FeedStateRepository } from '../../src/store/feed-state-repository.ts';
import { openStore } from '../../src/store/open-store.ts';
import { startPlayground, step } from '../adapters/console/playground-harness.ts';
import { tempFolder } from '../content/fixtures.ts';
import { writeLibrary } from '../intake/library.ts';
import { type NewsSite, startNewsSite } from '../intake/news-site.ts';
import { dropNamespace, redisSkipReason, redisUrl, uniqueNamespace } from '../support/test-core.ts';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const EVERY_MS = 5 * 60_000;
const ROUNDS = 6;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bot (the playground, so no platform is needed) on `url`'s Redis, sharing `clock`. */
async function startBot(url: string, namespace: string, dir: string, clock: ManualClock): Promise<App> {
  const playground = await startPlayground(
    { STORE_URL: url, STORE_NAMESPACE: namespace, CONTENT_DIR: dir },
    { clock, timers: clock },
  );
  cleanups.push(() => playground.close());
  // The playground answers once everything has started, the feed poller included.
  await step(playground, '/help', /\/quiz/);
  return playground.app;
}

describe.skipIf(!redisUrl)(`two instances on one Redis${redisUrl ? '' : ` (${redisSkipReason})`}`, () => {
  test('poll a feed once per due time, and draft each story once (six due times, new stories each)', async () => {
    const url = redisUrl as string;
    const namespace = uniqueNamespace();
    let latest = 2;
    const site: NewsSite = await startNewsSite({ benchPages: 40, latest: () => latest });
    const { dir, remove } = await tempFolder('newsquiz-feed-instances-');
    cleanups.push(async () => {
      await site.close();
      await remove();
      const store = await openStore(url, silentLogger(), namespace);
      await dropNamespace(store, namespace);
      await store.close();
    });
    await writeLibrary(dir);
    const feedUrl = `${site.origin}/bench/latest.rss`;
    await writeFile(join(dir, 'feeds.yaml'), `feeds:\n  - url: ${feedUrl}\n    every: 5m\n`);
    const clock = new ManualClock(T0);

    const bots = [await startBot(url, namespace, dir, clock), await startBot(url, namespace, dir, clock)];
    const settled = () => Promise.all(bots.map((bot) => bot.feeds?.settled()));
    await settled();
    for (let round = 1; round <= ROUNDS; round++) {
      latest += 3;
      clock.advance(EVERY_MS);
      await settled();
    }

    const feedFetches = site.requests.filter((request) => request.path === '/bench/latest.rss');
    expect(feedFetches).toHaveLength(ROUNDS + 1);
    const drafts = (await readdir(join(dir, DRAFTS_FOLDER))).filter((name) => name.endsWith('.md'));
    expect(drafts).toHaveLength(latest);
    for (let n = 1; n <= latest; n++) {
      expect([n, site.requests.filter((request) => request.path === `/bench/page-${n}.html`).length]).toEqual(
        [n, 1],
      );
    }
    // Both instances read the one state the store keeps.
    const store = await openStore(url, silentLogger(), namespace);
    try {
      expect(await new FeedStateRepository(store.records).get(feedUrl)).toMatchObject({
        lastPollAt: T0 + ROUNDS * EVERY_MS,
        failures: 0,
        lastResult: `3 new drafts, ${latest - 3} already imported`,
      });
    } finally {
      await store.close();
    }
  });
});
