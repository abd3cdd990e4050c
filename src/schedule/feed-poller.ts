// Polls the feeds <CONTENT_DIR>/feeds.yaml lists, each at its own pace: one instance per poll (a run
// claim, shared with scheduled posts), conditional GET, new stories imported as drafts (published at once
// with `publish: auto` when they pass every check), a failing feed backed off and, after many failures in
// a row, paused with the reason. The state lives in the store, so every instance and restart shares it.
import { randomUUID } from 'node:crypto';
import type { Article } from '../content/article-schema.ts';
import { formatContentError } from '../content/content-error.ts';
import type { Clock } from '../core/clock.ts';
import type { Timers } from '../core/ports.ts';
import { type FeedState, feedRunId } from '../core/records/feed-state.ts';
import { CLAIM_LEASE_MS, type FeedStatePort, type RunClaimsPort } from '../core/schedule-ports.ts';
import { builtInDrafter } from '../intake/built-in-drafter.ts';
import type { Drafter } from '../intake/draft.ts';
import { withFeedTopics } from '../intake/feed-topics.ts';
import { type FeedEntry, readFeedsFile } from '../intake/feeds-file.ts';
import { createHostileFetcher, type HostileFetcher } from '../intake/hostile-fetch.ts';
import { createImportContext } from '../intake/import-context.ts';
import { type ImportEvent, importStories } from '../intake/import-stories.ts';
import { publishDraft } from '../intake/publish-draft.ts';
import { userAgent } from '../intake/user-agent.ts';
import type { Logger } from '../logger.ts';
import { keepClaimAlive } from './claim-lease.ts';

/** feeds.yaml and the shared state are looked at at least this often (edits, other instances' polls, takeovers). */
const RESYNC_MS = 30_000;
/** Never look again sooner than this. */
const MIN_TICK_MS = 1_000;
/** A feed that failed this many polls in a row is paused until the operator resumes it. */
export const MAX_FEED_FAILURES = 10;
/** The longest wait between two polls of a failing feed (unless its own `every` is longer). */
export const MAX_BACKOFF_MS = 24 * 3_600_000;
/** A poll claimed this many times without finishing (its instances died in it) counts as a failure. */
const MAX_CLAIMS = 5;
/** An ETag or Last-Modified longer than this is not kept (nor sent back): real ones are tens of characters. */
const MAX_VALIDATOR_LENGTH = 512;

const validator = (value: string | undefined): string | null =>
  value !== undefined && value.length <= MAX_VALIDATOR_LENGTH ? value : null;

/** After `failures` failed polls in a row: `every`, then twice that, four times… up to MAX_BACKOFF_MS. */
export function backoffMs(failures: number, everyMs: number): number {
  const doubled = everyMs * 2 ** Math.min(Math.max(failures - 1, 0), 20);
  return Math.min(doubled, Math.max(everyMs, MAX_BACKOFF_MS));
}

/** When a feed's next poll is due: a shorter `every` in feeds.yaml counts from the last poll at once. */
export function dueAt(state: FeedState, everyMs: number): number {
  if (state.failures > 0 || state.lastPollAt === null) return state.nextPollAt;
  return Math.min(state.nextPollAt, state.lastPollAt + everyMs);
}

export interface FeedPollerDeps {
  contentDir: string;
  /** The library as loaded now: drafts never take an article's id. */
  library: { readonly articles: readonly Article[] };
  feeds: FeedStatePort;
  /** Run claims (those of scheduled posts): one instance polls a feed for each due time. */
  claims: Pick<RunClaimsPort, 'claimFire' | 'renewClaim' | 'releaseClaim'>;
  clock: Clock;
  timers: Timers;
  log: Logger;
  /** Names this instance's claims (default: a random id). */
  instanceId?: string;
  drafter?: Drafter;
  fetcher?: HostileFetcher;
  /** How long a claim holds without renewal; renewed every third of it. */
  leaseMs?: number;
}

/** What one poll found. */
type PollOutcome =
  | { ok: true; result: string; etag: string | null; lastModified: string | null }
  | { ok: false; reason: string };

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export class FeedPoller {
  readonly #owner: string;
  readonly #fetcher: HostileFetcher;
  readonly #ownsFetcher: boolean;
  readonly #drafter: Drafter;
  /** Feeds this instance is polling now, by URL. */
  readonly #polls = new Map<string, Promise<void>>();
  readonly #stopping = new AbortController();
  #feeds: FeedEntry[] = [];
  /** The problems of feeds.yaml last logged, so a reread that finds the same says nothing. */
  #problemsKey = '';
  #ticking: Promise<void> | undefined;
  #cancelTick: (() => void) | undefined;
  #stopped = false;

  constructor(private readonly deps: FeedPollerDeps) {
    this.#owner = deps.instanceId ?? randomUUID();
    this.#ownsFetcher = deps.fetcher === undefined;
    this.#fetcher = deps.fetcher ?? createHostileFetcher({ userAgent: userAgent() });
    this.#drafter = deps.drafter ?? builtInDrafter;
  }

  /** Reads feeds.yaml and starts the polls that are due; later ones follow on the injected timers. */
  async start(): Promise<void> {
    await this.#runTick();
  }

  /** Resolves when the current look at the feeds and every poll it started have finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#ticking || this.#polls.size > 0) {
      await Promise.allSettled([this.#ticking, ...this.#polls.values()]);
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelTick?.();
    // Items not yet started are left for the next poll (by any instance); those under way finish.
    this.#stopping.abort();
    await this.settled();
    if (this.#ownsFetcher) await this.#fetcher.close();
  }

  #runTick(): Promise<void> {
    const tick = this.#tick()
      .catch((error: unknown) => {
        this.deps.log.error({ err: error }, 'looking at the feeds failed; trying again shortly');
        return RESYNC_MS;
      })
      .then((delay) => {
        this.#ticking = undefined;
        if (this.#stopped) return;
        this.#cancelTick = this.deps.timers.after(delay, () => void this.#runTick());
      });
    this.#ticking = tick;
    return tick;
  }

  /** Starts the polls that are due; resolves with how long to wait before looking again. */
  async #tick(): Promise<number> {
    await this.#readFeeds();
    const dues = await Promise.all(
      this.#feeds.map((feed) =>
        this.#consider(feed).catch((error: unknown) => {
          this.deps.log.error(
            { err: error, feed: feed.url },
            'looking at a feed failed; trying again shortly',
          );
          return undefined;
        }),
      ),
    );
    const now = this.deps.clock.now();
    const next = Math.min(
      now + RESYNC_MS,
      ...dues.filter((due): due is number => due !== undefined && due > now),
    );
    return Math.max(MIN_TICK_MS, next - now);
  }

  async #readFeeds(): Promise<void> {
    const file = await readFeedsFile(this.deps.contentDir);
    if (file.kind === 'invalid') {
      const lines = file.errors.map(formatContentError);
      const key = lines.join('\n');
      if (key !== this.#problemsKey) {
        this.#problemsKey = key;
        for (const line of lines) this.deps.log.error({ file: file.file }, line);
        this.deps.log.warn(
          { file: file.file, feeds: this.#feeds.length },
          'feeds.yaml has problems; the feeds it last listed without problems are still polled',
        );
      }
      return;
    }
    this.#problemsKey = '';
    this.#feeds = file.kind === 'ok' ? file.feeds : [];
  }

  /** Polls the feed if it is due (and not paused); returns when it will be due, if later. */
  async #consider(feed: FeedEntry): Promise<number | undefined> {
    if (this.#stopped || this.#polls.has(feed.url)) return undefined;
    const { feeds, clock } = this.deps;
    let state = (await feeds.get(feed.url)) ?? (await feeds.ensure(feed.url, clock.now()));
    if (state.pausedAt !== null) {
      const resumed = await this.#resumed(feed, state);
      if (!resumed) return undefined;
      state = resumed;
    }
    const due = dueAt(state, feed.every);
    if (due > clock.now()) return due;
    const polled = state;
    const work = this.#poll(feed, polled, due)
      .catch((error: unknown) => this.deps.log.error({ err: error, feed: feed.url }, 'polling a feed failed'))
      .finally(() => this.#polls.delete(feed.url));
    this.#polls.set(feed.url, work);
    return undefined;
  }

  /** The state after the operator's resume request, when one came after the pause. */
  async #resumed(feed: FeedEntry, paused: FeedState): Promise<FeedState | undefined> {
    const { feeds, clock, log } = this.deps;
    const requested = await feeds.resumeRequestedAt(feed.url);
    if (requested === undefined || paused.pausedAt === null || requested <= paused.pausedAt) return undefined;
    const now = clock.now();
    const state = await feeds.update(feed.url, (current) => {
      if (!current || current.pausedAt !== paused.pausedAt) return { result: current };
      const next: FeedState = {
        ...current,
        pausedAt: null,
        pausedReason: null,
        failures: 0,
        nextPollAt: now,
      };
      return { next, result: next };
    });
    if (state?.pausedAt === null) log.info({ feed: feed.url }, 'feed resumed by the operator');
    return state?.pausedAt === null ? state : undefined;
  }

  /** One poll of one feed at one due time: claimed once across instances, recorded once. */
  async #poll(feed: FeedEntry, state: FeedState, due: number): Promise<void> {
    const { claims, clock, log } = this.deps;
    const run = {
      subscriptionId: feedRunId(feed.url),
      period: `poll-${new Date(due).toISOString()}`,
      scheduledFor: due,
    };
    const leaseMs = this.deps.leaseMs ?? CLAIM_LEASE_MS;
    const claim = await claims.claimFire(run, this.#owner, clock.now(), leaseMs);
    if (!claim.claimed) return;
    if (claim.claims > MAX_CLAIMS) {
      const reason = `its poll was started ${MAX_CLAIMS} times without finishing; see the errors logged for it`;
      await this.#record(feed, state, run, { ok: false, reason });
      return;
    }
    const lease = keepClaimAlive(
      () => claims.renewClaim(run.subscriptionId, run.period, this.#owner, clock.now(), leaseMs),
      {
        timers: this.deps.timers,
        renewMs: leaseMs / 3,
        onError: (error) =>
          log.warn({ err: error, feed: feed.url }, 'renewing the claim on a feed poll failed'),
      },
    );
    try {
      const outcome = await this.#import(feed, state);
      if (this.#stopped) {
        await claims.releaseClaim(run.subscriptionId, run.period, this.#owner);
        return;
      }
      if (lease.lost) {
        log.warn(
          { feed: feed.url },
          'another instance took this feed poll over while it ran; leaving it to that one',
        );
        return;
      }
      await this.#record(feed, state, run, outcome);
    } catch (error) {
      log.error({ err: error, feed: feed.url }, 'a feed poll failed; the claim is handed back for a retry');
      await claims.releaseClaim(run.subscriptionId, run.period, this.#owner).catch(() => undefined);
    } finally {
      lease.end();
    }
  }

  /** Fetches the feed (conditionally) and imports its new stories; `auto` publishes those that pass. */
  async #import(feed: FeedEntry, state: FeedState): Promise<PollOutcome> {
    const { contentDir, clock } = this.deps;
    const events: ImportEvent[] = [];
    const { context } = createImportContext({
      contentDir,
      articles: this.deps.library.articles,
      onEvent: (event) => events.push(event),
      drafter: withFeedTopics(this.#drafter, feed.topics),
      fetcher: this.#fetcher,
    });
    const summary = await importStories([feed.url], {
      ...context,
      now: () => new Date(clock.now()),
      validators: new Map([
        [feed.url, { etag: state.etag ?? undefined, lastModified: state.lastModified ?? undefined }],
      ]),
      signal: this.#stopping.signal,
    });
    const refused = events.find((event) => event.kind === 'failed' && event.feed === undefined);
    if (refused?.kind === 'failed') return { ok: false, reason: refused.reason };
    if (events.some((event) => event.kind === 'unchanged')) {
      return {
        ok: true,
        result: 'not modified since the last poll',
        etag: state.etag,
        lastModified: state.lastModified,
      };
    }
    const read = events.find((event) => event.kind === 'feed');
    if (read?.kind !== 'feed') {
      return {
        ok: false,
        reason: 'is an article page, not a feed; list RSS, Atom or JSON feeds in feeds.yaml',
      };
    }
    const parts = [`${count(summary.drafted, 'new draft')}`, `${summary.already} already imported`];
    if (summary.failed > 0) parts.push(`${count(summary.failed, 'item')} failed`);
    if (feed.publish === 'auto') parts.push(await this.#publishReady(feed, events));
    return {
      ok: true,
      result: parts.join(', '),
      etag: validator(read.etag),
      lastModified: validator(read.lastModified),
    };
  }

  /** `publish: auto`: each new draft that passes every check goes into the library; the rest wait. */
  async #publishReady(feed: FeedEntry, events: readonly ImportEvent[]): Promise<string> {
    let published = 0;
    let kept = 0;
    for (const event of events) {
      if (event.kind !== 'drafted') continue;
      // A draft that failed a check as it was written is not worth a second look.
      const result =
        event.check.errors.length === 0
          ? await publishDraft(this.deps.contentDir, event.id, { now: () => new Date(this.deps.clock.now()) })
          : undefined;
      if (result?.published) {
        published += 1;
        this.deps.log.info({ feed: feed.url, id: result.id, file: result.to }, 'feed story published');
      } else {
        kept += 1;
        this.deps.log.info(
          { feed: feed.url, id: event.id, reason: result?.message ?? 'does not pass content:check' },
          'feed story kept as a draft for review',
        );
      }
    }
    return `${published} published, ${count(kept, 'draft')} kept for review`;
  }

  /**
   * Writes the poll's outcome and settles its claim, together; neither when the claim was taken over or
   * the state moved meanwhile (another instance recorded this poll).
   */
  async #record(
    feed: FeedEntry,
    polled: FeedState,
    run: { subscriptionId: string; period: string },
    outcome: PollOutcome,
  ): Promise<void> {
    const { feeds, clock, log } = this.deps;
    const now = clock.now();
    const recorded = await feeds.recordPoll(feed.url, { ...run, owner: this.#owner }, (current) => {
      if (!current || current.nextPollAt !== polled.nextPollAt || current.lastPollAt !== polled.lastPollAt)
        return undefined;
      if (outcome.ok) {
        const state: FeedState = {
          ...current,
          lastPollAt: now,
          nextPollAt: now + feed.every,
          lastResult: outcome.result,
          lastOk: true,
          failures: 0,
          etag: outcome.etag,
          lastModified: outcome.lastModified,
        };
        return { state, status: 'queued', reason: outcome.result };
      }
      const failures = current.failures + 1;
      const paused = failures >= MAX_FEED_FAILURES;
      const state: FeedState = {
        ...current,
        lastPollAt: now,
        nextPollAt: now + backoffMs(failures, feed.every),
        lastResult: `failed: ${outcome.reason}`,
        lastOk: false,
        failures,
        pausedAt: paused ? now : null,
        pausedReason: paused ? `${failures} polls in a row failed (the last: ${outcome.reason})` : null,
      };
      return { state, status: 'failed', reason: outcome.reason };
    });
    if (!recorded) {
      log.warn({ feed: feed.url }, 'another instance recorded this feed poll; this one’s result is dropped');
      return;
    }
    if (recorded.pausedReason) log.error({ feed: feed.url }, `feed paused: ${recorded.pausedReason}`);
    else if (!outcome.ok) {
      log.warn(
        {
          feed: feed.url,
          failures: recorded.failures,
          nextPollAt: new Date(recorded.nextPollAt).toISOString(),
        },
        `feed poll failed: ${outcome.reason}; polling it again later`,
      );
    } else log.info({ feed: feed.url, result: recorded.lastResult }, 'feed polled');
  }
}
