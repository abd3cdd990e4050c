// Builds the running bot from a config: content, store, core, the adapters whose tokens are set,
// round timers, and the scheduled-post pipeline; start() and stop() in the right order.
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { commands } from '../../commands/index.ts';
import { ConsoleSession } from '../adapters/console/console-session.ts';
import { DiscordAdapter } from '../adapters/discord/discord-adapter.ts';
import { TelegramAdapter } from '../adapters/telegram/telegram-adapter.ts';
import { CommandRouter } from '../commands/command-router.ts';
import type { Config } from '../config.ts';
import {
  ContentLibrary,
  type ContentReport,
  describeReport,
  hasProblems,
} from '../content/content-library.ts';
import { markChatInactive } from '../core/chat-status.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { type CoreServices, createCore } from '../core/core-services.ts';
import type { ChatDelivery } from '../core/quiz-service.ts';
import type { Platform } from '../core/records.ts';
import { RoundTimers } from '../core/round-timers.ts';
import { createLogger, type Logger } from '../logger.ts';
import { OutboxSender, type SenderChannel } from '../schedule/outbox-sender.ts';
import { PostScheduler } from '../schedule/post-scheduler.ts';
import type { Poster } from '../schedule/poster.ts';
import { PLATFORM_LIMITS, RateLimiter, scaleLimits } from '../schedule/rate-limits.ts';
import { RedisSenderLease, soleSender } from '../schedule/sender-lease.ts';
import { type OpenedStore, openStore } from '../store/open-store.ts';
import { OutboxRepository } from '../store/outbox-repository.ts';
import { SubscriptionsRepository } from '../store/subscriptions-repository.ts';

interface PlatformAdapter {
  platform: Exclude<Platform, 'console'>;
  poster: Poster;
  deliver(delivery: ChatDelivery): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  log?: Logger;
  /** Keeps several bots (or test runs) apart on one Redis. */
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
  /** Starts everything; in console mode resolves when the input ends. */
  start(): Promise<void>;
  /** Stops taking work, finishes in-flight sends, closes the store. */
  stop(): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const consoleMode = !config.DISCORD_TOKEN && !config.TELEGRAM_TOKEN;
  const level = consoleMode && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL;
  const log =
    options.log ??
    createLogger(
      level,
      [config.DISCORD_TOKEN, config.TELEGRAM_TOKEN, config.TELEGRAM_WEBHOOK_SECRET],
      consoleMode ? 2 : 1,
    );
  const clock = options.clock ?? systemClock;

  // The playground shows content problems on its own screen; servers log them.
  const library = new ContentLibrary(resolve(config.CONTENT_DIR), log.child({ module: 'content' }), {
    clock,
    logProblems: !consoleMode,
  });
  await library.load();
  const store = await openStore(config.STORE_URL, log, options.namespace);
  const core = createCore({
    catalog: () => library.catalog,
    store,
    clock,
    random: Math.random,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    log,
  });
  const router = new CommandRouter(commands, core);

  const adapters: PlatformAdapter[] = [];
  if (config.DISCORD_TOKEN && config.discordClientId) {
    adapters.push(
      new DiscordAdapter({
        token: config.DISCORD_TOKEN,
        apiBase: config.DISCORD_API_BASE,
        applicationId: config.discordClientId,
        guildId: config.DISCORD_GUILD_ID,
        router,
        core,
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
              },
            }
          : {}),
        router,
        core,
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
  const timers = new RoundTimers(
    core.quiz,
    async (delivery) => {
      await deliverers.get(delivery.platform)?.(delivery);
    },
    new Set(deliverers.keys()),
    clock,
    log.child({ module: 'round-timers' }),
  );

  let scheduler: PostScheduler | undefined;
  let sender: OutboxSender | undefined;
  if (adapters.length > 0) {
    const outbox = new OutboxRepository(store.records);
    const channels: SenderChannel[] = adapters.map((adapter) => ({
      poster: adapter.poster,
      limiter: new RateLimiter(scaleLimits(PLATFORM_LIMITS[adapter.platform], config.OUTBOX_RATE_SCALE)),
      lease: store.redis
        ? new RedisSenderLease(
            store.redis,
            `${options.namespace ?? 'newsquiz'}:lease:outbox:${adapter.platform}`,
          )
        : soleSender,
    }));
    const outboxSender = new OutboxSender({
      outbox,
      channels,
      core,
      clock,
      log: log.child({ module: 'outbox' }),
      onPermanentFailure: async (item, reason) => {
        await core.subscriptions.disable(item.platform, item.chatId, item.subscriptionId, reason);
        await markChatInactive(core, item.platform, item.chatId, reason);
      },
    });
    sender = outboxSender;
    scheduler = new PostScheduler({
      core,
      subscriptions: new SubscriptionsRepository(store.records),
      outbox,
      clock,
      graceMs: config.SCHEDULE_GRACE,
      platforms: new Set(adapters.map((adapter) => adapter.platform)),
      log: log.child({ module: 'scheduler' }),
      onQueued: () => outboxSender.kick(),
    });
  }

  let stopped = false;
  const app: App = {
    core,
    store,
    ...(consoleSession ? { consoleSession } : {}),
    ...(scheduler ? { scheduler } : {}),
    ...(sender ? { sender } : {}),
    async start() {
      await library.watch();
      for (const adapter of adapters) await adapter.start();
      await timers.start();
      sender?.start();
      await scheduler?.start();
      if (consoleSession) await consoleSession.run();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      scheduler?.stop();
      timers.stop();
      await library.close();
      await sender?.stop();
      for (const adapter of adapters) {
        await adapter
          .stop()
          .catch((error: unknown) => log.error({ err: error }, 'stopping an adapter failed'));
      }
      await store.close().catch((error: unknown) => log.error({ err: error }, 'closing the store failed'));
      log.flush?.();
    },
  };
  return app;
}
