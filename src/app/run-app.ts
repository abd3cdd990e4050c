// Builds the running bot from a config: which adapters start depends on which tokens are set.
import { resolve } from 'node:path';
import { commands } from '../../commands/index.ts';
import { ConsoleSession } from '../adapters/console/console-session.ts';
import { TelegramAdapter } from '../adapters/telegram/telegram-adapter.ts';
import { CommandRouter } from '../commands/command-router.ts';
import type { Config } from '../config.ts';
import { ContentLibrary } from '../content/content-library.ts';
import { systemClock } from '../core/clock.ts';
import { createCore } from '../core/core-services.ts';
import type { ChatDelivery } from '../core/quiz-service.ts';
import type { Platform } from '../core/records.ts';
import { RoundTimers } from '../core/round-timers.ts';
import { createLogger } from '../logger.ts';
import { openStore } from '../store/open-store.ts';

export async function runApp(config: Config): Promise<void> {
  const consoleMode = !config.DISCORD_TOKEN && !config.TELEGRAM_TOKEN;
  const level = consoleMode && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL;
  const log = createLogger(
    level,
    [config.DISCORD_TOKEN, config.TELEGRAM_TOKEN, config.TELEGRAM_WEBHOOK_SECRET],
    consoleMode ? 2 : 1,
  );

  const library = new ContentLibrary(resolve(config.CONTENT_DIR), log.child({ module: 'content' }));
  await library.load();
  library.watch();
  const store = await openStore(config.STORE_URL, log);
  const core = createCore({
    catalog: () => library.catalog,
    store,
    clock: systemClock,
    random: Math.random,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    log,
  });
  const router = new CommandRouter(commands, core);

  const deliverers = new Map<Platform, (delivery: ChatDelivery) => Promise<void>>();
  const stops: (() => Promise<void>)[] = [];
  let session: ConsoleSession | undefined;

  if (config.TELEGRAM_TOKEN) {
    const telegram = new TelegramAdapter({
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
    });
    await telegram.start();
    deliverers.set('telegram', telegram.deliver);
    stops.push(() => telegram.stop());
  }

  if (consoleMode) {
    session = new ConsoleSession({
      router,
      input: process.stdin,
      output: process.stdout,
      log,
      interactive: Boolean(process.stdin.isTTY),
    });
    deliverers.set('console', session.deliver);
  }

  const timers = new RoundTimers(
    core.quiz,
    async (delivery) => {
      const deliver = deliverers.get(delivery.platform);
      if (deliver) await deliver(delivery);
    },
    new Set(deliverers.keys()),
    systemClock,
    log.child({ module: 'round-timers' }),
  );
  await timers.start();

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    timers.stop();
    library.close();
    for (const stop of stops)
      await stop().catch((error: unknown) => log.error({ err: error }, 'stop failed'));
    await store.close().catch((error: unknown) => log.error({ err: error }, 'closing the store failed'));
    log.flush?.();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  if (session) {
    await session.run();
    await shutdown(0);
  }
}
