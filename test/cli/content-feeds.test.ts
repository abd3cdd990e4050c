// `npm run content:feeds` as npm runs it (the compiled command), reading the feed state a bot left in its
// SQLite store: each feed's last poll, next poll, last result, failures and why it is paused; `resume`.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { type FeedState, newFeedState } from '../../src/core/records/feed-state.ts';
import { silentLogger } from '../../src/logger.ts';
import { FeedStateRepository } from '../../src/store/feed-state-repository.ts';
import { openStore } from '../../src/store/open-store.ts';
import { tempFolder } from '../content/fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const HOUR = 3_600_000;
const A = 'https://a.example/feed.xml';
const B = 'https://b.example/feed.xml';
const C = 'https://c.example/feed.xml';

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['src/cli/ensure-build.mjs'], { cwd: ROOT, timeout: 120_000 });
}, 150_000);

let dir: string;
let remove: () => Promise<void>;
let storeUrl: string;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-feeds-cli-'));
  storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;
});
afterEach(async () => {
  await remove();
});

function contentFeeds(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['dist/src/cli/content-feeds.js', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, CONTENT_DIR: dir, STORE_URL: storeUrl, STORE_NAMESPACE: 'feeds-cli', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

async function withStates(work: (states: FeedStateRepository) => Promise<void>): Promise<void> {
  const store = await openStore(storeUrl, silentLogger(), 'feeds-cli');
  try {
    await work(new FeedStateRepository(store.records));
  } finally {
    await store.close();
  }
}

const state = (url: string, fields: Partial<FeedState>): FeedState => ({
  ...newFeedState(url, 0),
  ...fields,
});

const FEEDS = `feeds:
  - url: ${A}
    topics: [ai, open-source]
    every: 30m
  - url: ${B}
    every: 1h
    publish: auto
  - url: ${C}
`;

test('each feed with its last poll and result, its next poll, its failures, and why it is paused', async () => {
  await writeFile(join(dir, 'feeds.yaml'), FEEDS);
  const polled = Date.now() - 10 * 60_000;
  const paused = Date.now() - 2 * HOUR;
  await withStates(async (states) => {
    await states.update(A, () => ({
      next: state(A, {
        lastPollAt: polled,
        nextPollAt: polled + 30 * 60_000,
        lastResult: '2 new drafts, 3 already imported',
        lastOk: true,
      }),
      result: undefined,
    }));
    await states.update(B, () => ({
      next: state(B, {
        lastPollAt: paused,
        nextPollAt: paused + 24 * HOUR,
        lastResult: 'failed: answered 503 Service Unavailable',
        lastOk: false,
        failures: 10,
        pausedAt: paused,
        pausedReason: '10 polls in a row failed (the last: answered 503 Service Unavailable)',
      }),
      result: undefined,
    }));
  });

  const run = await contentFeeds([]);

  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(
    [
      `3 feeds in ${join(dir, 'feeds.yaml')} (the running bot polls them):`,
      '',
      A,
      '  every 30m, publish: review, topics: ai, open-source',
      `  last poll:  ${when(polled)}: 2 new drafts, 3 already imported`,
      `  next poll:  ${when(polled + 30 * 60_000)}`,
      '  failures:   0 in a row',
      '',
      B,
      '  every 1h, publish: auto',
      `  last poll:  ${when(paused)}: failed: answered 503 Service Unavailable`,
      `  paused:     since ${when(paused)}: 10 polls in a row failed (the last: answered 503 Service Unavailable)`,
      `              fix the cause, then: npm run content:feeds -- resume ${B}`,
      '  failures:   10 in a row (a feed is paused at 10)',
      '',
      C,
      '  every 1h, publish: review',
      '  last poll:  never',
      '  next poll:  as soon as a running bot looks (within 30 s of its start)',
      '',
    ].join('\n'),
  );

  const off = await contentFeeds([], { FEED_POLLING: 'off' });
  expect(off.stdout.split('\n')[0]).toBe(
    `3 feeds in ${join(dir, 'feeds.yaml')} (FEED_POLLING=off: this configuration polls none of them):`,
  );
});

test('resume asks the bots to poll a paused feed again; a feed not paused or not listed is said so', async () => {
  await writeFile(join(dir, 'feeds.yaml'), FEEDS);
  const pausedAt = Date.now() - HOUR;
  await withStates(async (states) => {
    await states.update(B, () => ({
      next: state(B, { lastPollAt: pausedAt, failures: 10, pausedAt, pausedReason: 'gone' }),
      result: undefined,
    }));
  });

  const resumed = await contentFeeds(['resume', B]);
  expect(resumed).toMatchObject({
    code: 0,
    stdout: `Asked the running bot to poll ${B} again: it does within two minutes, counting its failures from zero.\n`,
  });
  await withStates(async (states) => {
    expect(await states.resumeRequestedAt(B)).toBeGreaterThan(pausedAt);
    expect(await states.resumeRequestedAt(A)).toBeUndefined();
  });

  expect(await contentFeeds(['resume', A])).toMatchObject({
    code: 0,
    stdout: `${A} is not paused; nothing to resume.\n`,
  });
  const unknown = await contentFeeds(['resume', 'https://other.example/feed']);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toBe(
    `https://other.example/feed is not a feed of ${join(dir, 'feeds.yaml')}; its feeds are:\n  ${A}\n  ${B}\n  ${C}\n`,
  );
});

test('feeds.yaml with problems: exit 1 with each as feeds.yaml:line → field: message; no feeds.yaml: said, exit 0', async () => {
  const missing = await contentFeeds([]);
  expect(missing).toEqual({
    code: 0,
    stdout: `No feeds: ${join(dir, 'feeds.yaml')} does not exist. List feeds there for the running bot to poll (see content/README.md, "Feeds").\n`,
    stderr: '',
  });

  await writeFile(
    join(dir, 'feeds.yaml'),
    `feeds:\n  - url: ${A}\n    every: 10s\n    publish: always\n  - url: ${A}\n`,
  );
  const file = join(dir, 'feeds.yaml');
  const invalid = await contentFeeds([]);
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toBe(
    [
      `${file}:3 → feeds.0.every: expected how often to poll, from 5m to 7d, e.g. 30m, 2h or 1d`,
      `${file}:4 → feeds.0.publish: expected review (drafts wait for you) or auto`,
      '',
      `${file} has problems; the running bot keeps polling the feeds it last read without problems.`,
      '',
    ].join('\n'),
  );
});

test('anything else on the command line: exit 2 with how to call it', async () => {
  for (const args of [['resume'], ['list'], ['resume', A, B]]) {
    const run = await contentFeeds(args);
    expect([args, run.code]).toEqual([args, 2]);
    expect(run.stderr).toMatch(/^Usage: npm run content:feeds/);
  }
});
