// `npm run content:feeds`: each feed of <CONTENT_DIR>/feeds.yaml with its state in the store (last poll,
// next poll, last result, failures, why it is paused); `-- resume <url>` asks the bot to poll a paused feed again.
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { formatContentError } from '../content/content-error.ts';
import type { FeedState } from '../core/records/feed-state.ts';
import { type FeedEntry, readFeedsFile } from '../intake/feeds-file.ts';
import { silentLogger } from '../logger.ts';
import { dueAt, MAX_FEED_FAILURES } from '../schedule/feed-poller.ts';
import { FeedStateRepository } from '../store/feed-state-repository.ts';
import { openStore } from '../store/open-store.ts';

const USAGE =
  'Usage: npm run content:feeds                 (each feed of feeds.yaml and its state)\n' +
  '       npm run content:feeds -- resume <url>  (poll a paused feed again)';

const args = process.argv.slice(2);
const resumeUrl = args[0] === 'resume' && args.length === 2 ? args[1] : undefined;
if (!(args.length === 0 || resumeUrl !== undefined)) {
  console.error(USAGE);
  process.exit(2);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
  process.exit(2);
}

const file = await readFeedsFile(resolve(config.CONTENT_DIR));
if (file.kind === 'missing') {
  console.log(
    `No feeds: ${file.file} does not exist. List feeds there for the running bot to poll (see content/README.md, "Feeds").`,
  );
  process.exit(resumeUrl === undefined ? 0 : 1);
}
if (file.kind === 'invalid') {
  for (const error of file.errors) console.error(formatContentError(error));
  console.error(
    `\n${file.file} has problems; the running bot keeps polling the feeds it last read without problems.`,
  );
  process.exit(1);
}

const store = await openStore(config.STORE_URL, silentLogger(), config.STORE_NAMESPACE);
const states = new FeedStateRepository(store.records);
const now = Date.now();

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const every = (ms: number) => {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
};

function describe(feed: FeedEntry, state: FeedState | undefined): string[] {
  const settings = [`every ${every(feed.every)}`, `publish: ${feed.publish}`];
  if (feed.topics.length > 0) settings.push(`topics: ${feed.topics.join(', ')}`);
  const lines = [feed.url, `  ${settings.join(', ')}`];
  if (!state || state.lastPollAt === null) {
    lines.push(
      '  last poll:  never',
      '  next poll:  as soon as a running bot looks (within 30 s of its start)',
    );
    return lines;
  }
  lines.push(`  last poll:  ${when(state.lastPollAt)}: ${state.lastResult ?? ''}`);
  if (state.pausedAt !== null) {
    lines.push(`  paused:     since ${when(state.pausedAt)}: ${state.pausedReason ?? ''}`);
    lines.push(`              fix the cause, then: npm run content:feeds -- resume ${feed.url}`);
  } else {
    const due = dueAt(state, feed.every);
    lines.push(`  next poll:  ${due <= now ? 'now (due)' : when(due)}`);
  }
  lines.push(
    `  failures:   ${state.failures} in a row${state.failures > 0 ? ` (a feed is paused at ${MAX_FEED_FAILURES})` : ''}`,
  );
  return lines;
}

try {
  if (resumeUrl !== undefined) {
    const feed = file.feeds.find((entry) => entry.url === resumeUrl);
    if (!feed) {
      console.error(`${resumeUrl} is not a feed of ${file.file}; its feeds are:`);
      for (const entry of file.feeds) console.error(`  ${entry.url}`);
      process.exitCode = 1;
    } else if ((await states.get(feed.url))?.pausedAt == null) {
      console.log(`${feed.url} is not paused; nothing to resume.`);
    } else {
      await states.requestResume(feed.url, now);
      console.log(
        `Asked the running bot to poll ${feed.url} again: it does within two minutes, counting its failures from zero.`,
      );
    }
  } else {
    const polling =
      config.FEED_POLLING === 'on'
        ? 'the running bot polls them'
        : 'FEED_POLLING=off: this configuration polls none of them';
    console.log(
      `${file.feeds.length} feed${file.feeds.length === 1 ? '' : 's'} in ${file.file} (${polling}):`,
    );
    for (const feed of file.feeds) console.log(`\n${describe(feed, await states.get(feed.url)).join('\n')}`);
  }
} finally {
  await store.close();
}
