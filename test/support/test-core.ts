// Builds a real core (real store, the shipped articles as copied under test/fixtures) with a manual clock
// and seeded randomness.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { commands } from '../../commands/index.ts';
import { CommandRouter } from '../../src/command-kit/command-router.ts';
import type { Article } from '../../src/content/article-schema.ts';
import { loadContent } from '../../src/content/load-content.ts';
import { PayloadSeal } from '../../src/core/action-seal.ts';
import type { Actor } from '../../src/core/actor.ts';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { ManualClock, systemClock, systemTimers } from '../../src/core/clock.ts';
import { type CoreServices, createCore } from '../../src/core/core-services.ts';
import type { MetricsPort, Timers } from '../../src/core/ports.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { silentLogger } from '../../src/logger.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { storePorts } from '../../src/store/store-ports.ts';
import { FIXTURE_CONTENT } from './fixture-content.ts';

let shipped: Article[] | undefined;

/** The shipped articles as of their copy in test/fixtures/content (never the live content/ folder). */
export async function shippedArticles(): Promise<Article[]> {
  if (!shipped) {
    const loaded = await loadContent(FIXTURE_CONTENT);
    if (loaded.errors.length > 0)
      throw new Error(`the fixture articles have errors: ${loaded.errors[0]?.message}`);
    shipped = loaded.articles.map((entry) => entry.article);
  }
  return shipped;
}

export interface TestCore {
  core: CoreServices;
  router: CommandRouter;
  store: OpenedStore;
  clock: ManualClock;
  catalog: ArticleIndex;
  /** Applies what is pending, then closes the store. */
  close(): Promise<void>;
  /** Closes the store without applying anything pending: a process that died. */
  crash(): Promise<void>;
}

export const NOW = Date.parse('2026-11-23T12:00:00Z');

export async function makeCore(
  options: {
    storeUrl?: string;
    namespace?: string;
    /** Use the (possibly faked) system time instead of a manual clock. */
    systemTime?: boolean;
    clock?: ManualClock;
    seed?: number;
    timeZone?: string;
    /** Real timers beside a manual clock (benchmarks: batches flush on their own). */
    timers?: Timers;
    /** Where the core reports presses, answers, 429s and sends (default: nowhere). */
    metrics?: MetricsPort;
    /** Articles besides the shipped ones. */
    articles?: Article[];
  } = {},
): Promise<TestCore> {
  const catalog = new ArticleIndex([...(options.articles ?? []), ...(await shippedArticles())]);
  const store = await openStore(options.storeUrl ?? 'memory://', silentLogger(), options.namespace);
  const clock = options.clock ?? new ManualClock(NOW);
  const core = createCore({
    catalog: () => catalog,
    ports: storePorts(store),
    clock: options.systemTime ? systemClock : clock,
    timers: options.timers ?? (options.systemTime ? systemTimers : clock),
    random: seededRandom(options.seed ?? 42),
    defaultTimeZone: options.timeZone ?? 'UTC',
    log: silentLogger(),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const crash = () => store.close();
  const close = async () => {
    await core.effects.stop();
    if (options.namespace) await dropNamespace(store, options.namespace);
    await store.close();
  };
  return { core, router: new CommandRouter(commands, core), store, clock, catalog, close, crash };
}

/**
 * Removes a test run's keys from the shared Redis (REDIS_URL) when `store` is a Redis store, over a
 * connection of its own (the store keeps its client to itself).
 */
export async function dropNamespace(store: OpenedStore, namespace: string): Promise<void> {
  if (store.kind !== 'redis' || !redisUrl) return;
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${namespace}:*`, COUNT: 500 }))
      keys.push(...batch);
    for (let index = 0; index < keys.length; index += 500) await redis.del(keys.slice(index, index + 500));
  } finally {
    redis.destroy();
  }
}

export function actor(userId: string, chatId = 'chat-1', overrides: Partial<Actor> = {}): Actor {
  return { platform: 'console', userId, name: `User ${userId}`, chatId, chatKind: 'group', ...overrides };
}

export async function tempDir(prefix = 'newsquiz-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A unique Redis namespace per test run, or undefined (with the reason) when REDIS_URL is unset. */
export const redisUrl = process.env.REDIS_URL;
export const redisSkipReason =
  'REDIS_URL is not set: Redis-mode tests are skipped (set REDIS_URL=redis://127.0.0.1:6379)';
export const uniqueNamespace = () => `nqtest-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** A payload seal with a fixed key, as the harnesses' adapters use. */
export const testSeal = () => new PayloadSeal(Buffer.alloc(32, 7));
