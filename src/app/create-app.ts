// Builds the running bot from a config: content, store, core, the adapters whose tokens are set,
// round timers, and the scheduled-post pipeline; start() and stop() in the right order.
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { commands } from '../../commands/index.ts';
import { ConsolePoster } from '../adapters/console/console-poster.ts';
import { ConsoleSession } from '../adapters/console/console-session.ts';
import { DiscordAdapter } from '../adapters/discord/discord-adapter.ts';
import { DiscordHttpAdapter } from '../adapters/discord/http/discord-http-adapter.ts';
import { TelegramAdapter } from '../adapters/telegram/telegram-adapter.ts';
import { CommandRouter } from '../command-kit/command-router.ts';
import { type Config, modelSettings } from '../config.ts';
import {
  ContentLibrary,
  type ContentReport,
  describeReport,
  hasProblems,
} from '../content/content-library.ts';
import { PayloadSeal } from '../core/action-seal.ts';
import { type Clock, systemClock, systemTimers } from '../core/clock.ts';
import { type CoreServices, createCore } from '../core/core-services.ts';
import type { Timers } from '../core/ports.ts';
import type { ChatDelivery } from '../core/quiz/quiz-service.ts';
import type { Platform } from '../core/records/platform.ts';
import { ReleasedCatalog } from '../core/released-catalog.ts';
import { createModelDrafter } from '../intake/model-drafter.ts';
import { createLogger, type Logger } from '../logger.ts';
import { FeedPoller } from '../schedule/feed-poller.ts';
import { OutboxSender, type SenderChannel } from '../schedule/outbox-sender.ts';
import { pauseGoneChat } from '../schedule/pause-gone-chat.ts';
import { PostScheduler } from '../schedule/post-scheduler.ts';
import type { Poster } from '../schedule/poster.ts';
import { RateLimiter, scaleLimits } from '../schedule/rate-limits.ts';
import { RoundTimers } from '../schedule/round-timers.ts';
import { type OpenedStore, openStore } from '../store/open-store.ts';
import { loadPayloadKey } from '../store/payload-key.ts';
import { storePorts } from '../store/store-ports.ts';
import { AppMetrics } from './app-metrics.ts';
import { startOpsServer } from './ops-server.ts';

interface PlatformAdapter {
  platform: Exclude<Platform, 'console'>;
  poster: Poster;
  deliver(delivery: ChatDelivery): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Why it is not connected to its platform right now, or undefined while it is. */
  problem(): string | undefined;
  /** How it receives updates, when it has several ways (Discord: gateway or http). */
  readonly mode?: string;
}

export interface AppOptions {
  clock?: Clock;
  timers?: Timers;
  log?: Logger;
  /** Keeps several bots (or test runs) apart on one Redis; default STORE_NAMESPACE. */
  namespace?: string;
  /** Console mode: where the playground reads and writes (default: the process's stdin/stdout). */
  input?: Readable;
  output?: Writable;
}

export interface App {
  core: CoreServices;
  store: OpenedStore;
  consoleSession?: ConsoleSession;
  scheduler?: PostScheduler;
  sender?: OutboxSender;
  /** Polls the feeds of <CONTENT_DIR>/feeds.yaml (unless FEED_POLLING=off). */
  feeds?: FeedPoller;
  /** Starts everything; in console mode resolves when the input ends. */
  start(): Promise<void>;
  /** Stops taking work, finishes in-flight sends, closes the store. */
  stop(): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const consoleMode = !config.DISCORD_TOKEN && !config.TELEGRAM_TOKEN;
  const level = config.LOG_LEVEL ?? (consoleMode ? 'warn' : 'info');
  const rootLog =
    options.log ??
    createLogger(
      level,
      [config.DISCORD_TOKEN, config.TELEGRAM_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.LLM_API_KEY],
      consoleMode ? 2 : 1,
    );
  // The shards of `npm run start:shards` write to one terminal: each line says which shard wrote it.
  const log = config.discordShard ? rootLog.child({ shard: config.discordShard.id }) : rootLog;
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;

  // The playground shows content problems on its own screen; servers log them.
  const library = new ContentLibrary(resolve(config.CONTENT_DIR), log.child({ module: 'content' }), {
    now: () => clock.now(),
    logProblems: !consoleMode,
  });
  await library.load();
  // What readers see: the library's articles published by now, rebuilt when the files change.
  let released = new ReleasedCatalog(library.articles, clock);
  library.onChange(() => {
    released = new ReleasedCatalog(library.articles, clock);
  });
  const namespace = options.namespace ?? config.STORE_NAMESPACE;
  const store = await openStore(config.STORE_URL, log, namespace);
  const ports = storePorts(store);
  const { outbox } = ports;
  const metrics =
    config.METRICS_PORT === undefined
      ? undefined
      : new AppMetrics({
          outboxPending: async () => (await outbox.pendingIds()).length,
          contentErrors: () => library.errors.length,
        });
  const core = createCore({
    ...(metrics ? { metrics } : {}),
    catalog: () => released,
    ports,
    clock,
    timers,
    random: Math.random,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    log,
  });
  const router = new CommandRouter(commands, core);
  const seal = new PayloadSeal(await loadPayloadKey(store.records));

  const adapters: PlatformAdapter[] = [];
  if (config.DISCORD_TOKEN && config.discordClientId && config.DISCORD_PUBLIC_KEY) {
    adapters.push(
      new DiscordHttpAdapter({
        token: config.DISCORD_TOKEN,
        apiBase: config.DISCORD_API_BASE,
        applicationId: config.discordClientId,
        guildId: config.DISCORD_GUILD_ID,
        publicKey: config.DISCORD_PUBLIC_KEY,
        port: config.DISCORD_INTERACTIONS_PORT ?? 0,
        host: config.DISCORD_INTERACTIONS_HOST,
        router,
        core,
        seal,
        log,
      }),
    );
  } else if (config.DISCORD_TOKEN && config.discordClientId) {
    adapters.push(
      new DiscordAdapter({
        token: config.DISCORD_TOKEN,
        apiBase: config.DISCORD_API_BASE,
        applicationId: config.discordClientId,
        guildId: config.DISCORD_GUILD_ID,
        shard: config.discordShard,
        router,
        core,
        seal,
        log,
      }),
    );
  }
  if (config.TELEGRAM_TOKEN) {
    adapters.push(
      new TelegramAdapter({
        token: config.TELEGRAM_TOKEN,
        ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
        ...(config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
          ? {
              webhook: {
                url: config.TELEGRAM_WEBHOOK_URL,
                secret: config.TELEGRAM_WEBHOOK_SECRET,
                port: config.TELEGRAM_WEBHOOK_PORT,
                host: config.TELEGRAM_WEBHOOK_HOST,
              },
            }
          : {}),
        router,
        core,
        seal,
        log,
      }),
    );
  }

  const consoleSession = consoleMode
    ? new ConsoleSession({
        router,
        input: options.input ?? process.stdin,
        output: options.output ?? process.stdout,
        log,
        interactive: Boolean(!options.input && process.stdin.isTTY),
      })
    : undefined;

  if (consoleSession) {
    const show = (report: ContentReport) => consoleSession.notify(describeReport(report));
    if (hasProblems(library.report)) show(library.report);
    library.onProblems(show);
  }

  const deliverers = new Map<Platform, (delivery: ChatDelivery) => Promise<void>>();
  for (const adapter of adapters) deliverers.set(adapter.platform, adapter.deliver);
  if (consoleSession) deliverers.set('console', consoleSession.deliver);
  const roundTimers = new RoundTimers(
    core.quiz,
    async (delivery: ChatDelivery) => {
      await deliverers.get(delivery.platform)?.(delivery);
    },
    new Set(deliverers.keys()),
    clock,
    timers,
    log.child({ module: 'round-timers' }),
  );

  // Every place that can post gets the scheduled-post pipeline; the playground prints its posts, so
  // subscriptions can be tried before there is a token.
  const posters: Poster[] = adapters.map((adapter) => adapter.poster);
  if (consoleSession) posters.push(new ConsolePoster(consoleSession));
  let scheduler: PostScheduler | undefined;
  let sender: OutboxSender | undefined;
  if (posters.length > 0) {
    const channels: SenderChannel[] = posters.map((poster) => ({
      poster,
      limiter: new RateLimiter(scaleLimits(poster.limits, config.OUTBOX_RATE_SCALE)),
      lease: store.lease(`outbox:${poster.platform}`, { ttlMs: config.SCHEDULE_LEASE }),
    }));
    const outboxSender = new OutboxSender({
      outbox,
      channels,
      core,
      clock,
      timers,
      log: log.child({ module: 'outbox' }),
      onChatGone: pauseGoneChat(core),
    });
    sender = outboxSender;
    scheduler = new PostScheduler({
      core,
      subscriptions: ports.subscriptions,
      outbox,
      clock,
      timers,
      graceMs: config.SCHEDULE_GRACE,
      leaseMs: config.SCHEDULE_LEASE,
      platforms: new Set(posters.map((poster) => poster.platform)),
      log: log.child({ module: 'scheduler' }),
      onQueued: () => outboxSender.kick(),
    });
  }

  // Feeds draft with the language model when one is configured, as content:import does.
  const model = modelSettings(config);
  const feeds =
    config.FEED_POLLING === 'on'
      ? new FeedPoller({
          ...(model ? { drafter: createModelDrafter(model) } : {}),
          leaseMs: config.SCHEDULE_LEASE,
          contentDir: library.dir,
          library,
          feeds: ports.feeds,
          claims: ports.subscriptions,
          clock,
          timers,
          log: log.child({ module: 'feeds' }),
        })
      : undefined;

  let stopped = false;
  let opsServer: Server | undefined;
  const app: App = {
    core,
    store,
    ...(consoleSession ? { consoleSession } : {}),
    ...(scheduler ? { scheduler } : {}),
    ...(sender ? { sender } : {}),
    ...(feeds ? { feeds } : {}),
    async start() {
      await library.watch();
      await core.effects.start();
      if (metrics && config.METRICS_PORT !== undefined) {
        opsServer = await startOpsServer(config.METRICS_PORT, config.METRICS_HOST, metrics, {
          store: () => store.ping(),
          adapters: () =>
            Object.fromEntries(adapters.map((adapter) => [adapter.platform, adapter.problem()])),
          modes: () =>
            Object.fromEntries(
              adapters.flatMap((adapter) => (adapter.mode ? [[adapter.platform, adapter.mode]] : [])),
            ),
        });
        log.info({ port: config.METRICS_PORT, host: config.METRICS_HOST }, 'serving /healthz and /metrics');
      }
      for (const adapter of adapters) await adapter.start();
      // A new playground session starts afresh: a round left open by an earlier one is not resumed.
      if (consoleSession) await core.quiz.abandonOpenRounds('console');
      await roundTimers.start();
      sender?.start();
      await scheduler?.start();
      await feeds?.start();
      if (consoleSession) await consoleSession.run();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await scheduler?.stop();
      await feeds?.stop();
      await roundTimers.stop();
      await library.close();
      await sender?.stop();
      for (const adapter of adapters) {
        await adapter
          .stop()
          .catch((error: unknown) => log.error({ err: error }, 'stopping an adapter failed'));
      }
      await core.effects.stop();
      const ops = opsServer;
      if (ops) await new Promise((resolve) => ops.close(resolve));
      await store.close().catch((error: unknown) => log.error({ err: error }, 'closing the store failed'));
      log.flush?.();
    },
  };
  return app;
}
