// Builds the running bot from a config: content, store, core, the adapters whose tokens are set,
// round timers, and the scheduled-post pipeline; start() and stop() in the right order.

import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { commands } from '../../commands/index.ts';
import { ConsoleAdapter } from '../adapters/console/console-adapter.ts';
import type { ConsoleSession } from '../adapters/console/console-session.ts';
import { DiscordAdapter, type DiscordAdapterOptions } from '../adapters/discord/discord-adapter.ts';
import { DiscordHttpAdapter } from '../adapters/discord/http/discord-http-adapter.ts';
import { TelegramAdapter, type TelegramAdapterOptions } from '../adapters/telegram/telegram-adapter.ts';
import { CommandRouter } from '../command-kit/command-router.ts';
import { type Config, modelSettings } from '../config.ts';
import {
  ContentLibrary,
  type ContentReport,
  describeReport,
  hasProblems,
} from '../content/content-library.ts';
import { PayloadSeal } from '../core/action-seal.ts';
import type { ArticleCatalog } from '../core/article-catalog.ts';
import { type Clock, systemClock, systemTimers } from '../core/clock.ts';
import { type CoreServices, createCore } from '../core/core-services.ts';
import type { Timers } from '../core/ports.ts';
import { ReleasedCatalog } from '../core/released-catalog.ts';
import { Deliverer } from '../delivery/deliverer.ts';
import type { PlatformAdapter } from '../delivery/platform-adapter.ts';
import { setDefaultLocale } from '../i18n/current-locale.ts';
import { createModelDrafter } from '../intake/model-drafter.ts';
import { createLogger, type Logger } from '../logger.ts';
import { FeedPoller } from '../schedule/feed-poller.ts';
import { OutboxSender, type SenderChannel } from '../schedule/outbox-sender.ts';
import { pauseGoneChat } from '../schedule/pause-gone-chat.ts';
import { PostScheduler } from '../schedule/post-scheduler.ts';
import { RoundTimers } from '../schedule/round-timers.ts';
import { type OpenedStore, openStore } from '../store/open-store.ts';
import { loadPayloadKey } from '../store/payload-key.ts';
import { storePorts } from '../store/store-ports.ts';
import { AppMetrics } from './app-metrics.ts';
import { startOpsServer } from './ops-server.ts';

export interface AppOptions {
  clock?: Clock;
  timers?: Timers;
  log?: Logger;
  /** Keeps several bots (or test runs) apart on one Redis; default STORE_NAMESPACE. */
  namespace?: string;
  /** Console mode: where the playground reads and writes (default: the process's stdin/stdout). */
  input?: Readable;
  output?: Writable;
  /** Tests: the articles readers see, instead of the content folder's released ones. */
  catalog?: ArticleCatalog;
  /** Tests: a seeded random for shuffles (default Math.random). */
  random?: () => number;
  /** Tests: seals button payloads with a known key (default: the store's key). */
  seal?: PayloadSeal;
  /** Tests: wraps the command router, e.g. to make it slow or throw. */
  router?: (router: CommandRouter) => CommandRouter;
  /** Tests: the adapters' pacing (live-count edits, Discord's deferral, either mode) instead of the platforms' own. */
  telegram?: Pick<TelegramAdapterOptions, 'counterEditIntervalMs'>;
  discord?: Pick<DiscordAdapterOptions, 'counterEditIntervalMs' | 'deferAfterMs'>;
  /** Tests: the metrics the app counts into (default: its own, when METRICS_PORT is set). */
  metrics?: AppMetrics;
}

/** The parts the app runs, for tests that drive or inspect them. */
export interface AppParts {
  adapters: readonly PlatformAdapter<never>[];
  router: CommandRouter;
  deliverer: Deliverer;
  roundTimers: RoundTimers;
}

export interface App {
  core: CoreServices;
  store: OpenedStore;
  consoleSession?: ConsoleSession;
  scheduler?: PostScheduler;
  sender?: OutboxSender;
  /** Polls the feeds of <CONTENT_DIR>/feeds.yaml (unless FEED_POLLING=off). */
  feeds?: FeedPoller;
  parts: AppParts;
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
  setDefaultLocale(config.DEFAULT_LOCALE);
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
    options.metrics ??
    (config.METRICS_PORT === undefined
      ? undefined
      : new AppMetrics({
          outboxPending: async () => (await outbox.pendingIds()).length,
          contentErrors: () => library.errors.length,
        }));
  const core = createCore({
    ...(metrics ? { metrics } : {}),
    catalog: () => options.catalog ?? released,
    ports,
    clock,
    timers,
    random: options.random ?? Math.random,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    log,
  });
  const plainRouter = new CommandRouter(commands, core);
  const router = options.router ? options.router(plainRouter) : plainRouter;
  const seal = options.seal ?? new PayloadSeal(await loadPayloadKey(store.records));

  // Every message goes out through the deliverer; each adapter below only speaks its platform.
  const deliverer = new Deliverer({ core, log, rateScale: config.OUTBOX_RATE_SCALE });
  const adapters: PlatformAdapter<never>[] = [];
  if (config.DISCORD_TOKEN && config.discordClientId && config.DISCORD_PUBLIC_KEY) {
    // Interactions over HTTP: no gateway connection; any number of instances serve one application.
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
        outlet: deliverer,
        seal,
        log,
        ...options.discord,
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
        outlet: deliverer,
        seal,
        log,
        ...options.discord,
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
        outlet: deliverer,
        seal,
        log,
        ...options.telegram,
      }),
    );
  }
  // No token: the playground, so commands and subscriptions can be tried before there is one.
  const playground = consoleMode
    ? new ConsoleAdapter({
        router,
        core,
        outlet: deliverer,
        input: options.input ?? process.stdin,
        output: options.output ?? process.stdout,
        log,
        interactive: Boolean(!options.input && process.stdin.isTTY),
      })
    : undefined;
  if (playground) adapters.push(playground);
  for (const adapter of adapters) deliverer.add(adapter);

  for (const adapter of adapters) {
    if (!adapter.notify) continue;
    const show = (report: ContentReport) => adapter.notify?.(describeReport(report));
    if (hasProblems(library.report)) show(library.report);
    library.onProblems(show);
  }

  const roundTimers = new RoundTimers(
    core.quiz,
    deliverer.deliver,
    deliverer.platforms,
    clock,
    timers,
    log.child({ module: 'round-timers' }),
  );

  // Every adapter gets the scheduled-post pipeline, paced by the same limiter as its timer posts.
  let scheduler: PostScheduler | undefined;
  let sender: OutboxSender | undefined;
  if (adapters.length > 0) {
    const channels: SenderChannel[] = adapters.map((poster) => ({
      poster,
      limiter: deliverer.limiter(poster),
      lease: store.lease(`outbox:${poster.platform}`, { ttlMs: config.SCHEDULE_LEASE }),
    }));
    const outboxSender = new OutboxSender({
      outbox,
      channels,
      deliverer,
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
      platforms: deliverer.platforms,
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
    ...(playground ? { consoleSession: playground.session } : {}),
    ...(scheduler ? { scheduler } : {}),
    ...(sender ? { sender } : {}),
    ...(feeds ? { feeds } : {}),
    parts: { adapters, router, deliverer, roundTimers },
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
      await roundTimers.start();
      sender?.start();
      await scheduler?.start();
      await feeds?.start();
      await Promise.all(adapters.map((adapter) => adapter.run?.()));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await scheduler?.stop();
      await feeds?.stop();
      await roundTimers.stop();
      await library.close();
      await sender?.stop();
      deliverer.close();
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
