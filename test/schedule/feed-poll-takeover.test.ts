// A feed poll whose instance stalls is taken over when its claim lapses; when the stalled instance comes
// back, the poll stays recorded once, by the instance that took it over: the feed's state and the poll's
// claim are written in one change, and agree. Over every store backend, as two instances where shared.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { feedRunId } from '../../src/core/records/feed-state.ts';
import { CLAIM_LEASE_MS } from '../../src/core/schedule-ports.ts';
import { builtInDrafter } from '../../src/intake/built-in-drafter.ts';
import type { Drafter } from '../../src/intake/draft.ts';
import { DRAFTS_FOLDER } from '../../src/intake/imported-stories.ts';
import { silentLogger } from '../../src/logger.ts';
import { FeedPoller } from '../../src/schedule/feed-poller.ts';
import { FeedStateRepository } from '../../src/store/feed-state-repository.ts';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { tempFolder } from '../content/fixtures.ts';
import { writeLibrary } from '../intake/library.ts';
import { type NewsSite, startNewsSite } from '../intake/news-site.ts';
import { STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const EVERY_MS = 5 * 60_000;
const ROUNDS = 3;

/** A drafter that waits, once entered, until released: an instance stalled in the middle of a poll. */
function stallingDrafter() {
  let release = () => {};
  let entered = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const inside = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const drafter: Drafter = {
    name: 'stalling',
    async draft(source, library) {
      entered();
      await released;
      return builtInDrafter.draft(source, library);
    },
  };
  return { drafter, inside, release };
}

describe.each(STORE_BACKENDS)('a feed poll taken over from a stalled instance ($name)', (backend) => {
  const { pair, maybe } = useStorePair(backend);
  let site: NewsSite;
  let folder: { dir: string; remove: () => Promise<void> };
  let latest = 0;
  beforeAll(async () => {
    if (backend.skip) return;
    site = await startNewsSite({ benchPages: 40, latest: () => latest });
    folder = await tempFolder('newsquiz-feed-takeover-');
    await writeLibrary(folder.dir);
  });
  afterAll(async () => {
    await site?.close();
    await folder?.remove();
  });

  const poller = (store: OpenedStore, clock: ManualClock, library: ContentLibrary, stalled?: Drafter) => {
    const claims = new SubscriptionsRepository(store.records);
    return new FeedPoller({
      contentDir: folder.dir,
      library,
      feeds: new FeedStateRepository(store.records),
      // A stalled instance cannot renew its claim either.
      claims: stalled
        ? {
            claimFire: (...args) => claims.claimFire(...args),
            renewClaim: () => new Promise<boolean>(() => {}),
            releaseClaim: (...args) => claims.releaseClaim(...args),
          }
        : claims,
      clock,
      timers: clock,
      log: silentLogger(),
      ...(stalled ? { drafter: stalled } : {}),
    });
  };

  maybe(
    'the poll is recorded once, by the instance that finished it: state and claim agree (repeated)',
    async () => {
      const url = `${site.origin}/bench/latest.rss`;
      await writeFile(join(folder.dir, 'feeds.yaml'), `feeds:\n  - url: ${url}\n    every: 5m\n`);
      const library = new ContentLibrary(folder.dir, silentLogger(), { logProblems: false });
      await library.load();
      const clock = new ManualClock(T0);
      const states = new FeedStateRepository(pair.on(0).records);
      const claims = new SubscriptionsRepository(pair.on(0).records);
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          latest += 2;
          const due = T0 + (round - 1) * (EVERY_MS + CLAIM_LEASE_MS + 1_000);
          clock.set(due);
          const stall = stallingDrafter();
          const stalled = poller(pair.on(0), clock, library, stall.drafter);
          await stalled.start();
          await stall.inside;

          // Its claim lapses; the other instance finds the feed still due and takes the poll over.
          clock.advance(CLAIM_LEASE_MS + 1_000);
          const other = poller(pair.on(1), clock, library);
          await other.start();
          await other.settled();
          // The stalled instance comes back and finishes its poll: it is recorded no more.
          stall.release();
          await stalled.settled();
          await Promise.all([stalled.stop(), other.stop()]);

          const state = await states.get(url);
          const fire = await claims.getFire(feedRunId(url), `poll-${new Date(due).toISOString()}`);
          expect(state).toMatchObject({
            lastPollAt: due + CLAIM_LEASE_MS + 1_000,
            lastResult: `2 new drafts, ${latest - 2} already imported`,
          });
          expect(fire).toMatchObject({ status: 'queued', reason: state?.lastResult, owner: null });
          const drafts = (await readdir(join(folder.dir, DRAFTS_FOLDER))).filter((name) =>
            name.endsWith('.md'),
          );
          expect(drafts).toHaveLength(latest);
        }
      } finally {
        await library.close();
      }
    },
  );
});
