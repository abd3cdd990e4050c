// The bot as createApp builds it for one platform, posting scheduled items through the app's outbox
// sender and the platform's real adapter to its emulator; time is a manual clock that the test drives.
import { Writable } from 'node:stream';
import { type DiscordEmulator, startDiscordEmulator } from '@newsquiz/emulators/discord';
import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import { pino } from 'pino';
import { TelegramAdapter } from '../../src/adapters/telegram/telegram-adapter.ts';
import type { AppMetrics } from '../../src/app/app-metrics.ts';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import type { Actor } from '../../src/core/actor.ts';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { NeutralMessage } from '../../src/core/output.ts';
import { type OutboxItem, type OutboxPayload, pendingOutboxItem } from '../../src/core/records/outbox.ts';
import type { Platform } from '../../src/core/records/platform.ts';
import type { Subscription } from '../../src/core/records/subscription.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import type { SubscribeSpec } from '../../src/core/subscription-service.ts';
import type { Deliverer } from '../../src/delivery/deliverer.ts';
import { OutboxSender } from '../../src/schedule/outbox-sender.ts';
import { pauseGoneChat } from '../../src/schedule/pause-gone-chat.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { NOW, shippedArticles, type TestCore, testSeal } from '../support/test-core.ts';

/** Log lines as parsed JSON objects. */
export function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

/** Far more than one message holds on either platform (Telegram 4,096 characters, Discord 6,000 in embeds). */
export const longPost = (): NeutralMessage => ({
  blocks: Array.from({ length: 8 }, (_, n) => ({
    kind: 'text' as const,
    text: `Story ${n + 1}. ${'A steady paragraph of detail. '.repeat(60)}`,
  })),
  buttons: [[{ kind: 'action', label: 'Open', payload: '1:w' }]],
});

export interface OutboxHarness {
  t: TestCore;
  /** The one way out, as the bot has it: the sender and the round timers send through it. */
  deliverer: Deliverer;
  readonly sender: OutboxSender;
  /** Stops the sender and starts a new one, as a restarted process would (it knows only the store). */
  restartSender(): Promise<void>;
  outbox: OutboxRepository;
  subscriptions: SubscriptionsRepository;
  lines: Record<string, unknown>[];
  /** Subscribes the chat and queues one post for it now; returns the item id. */
  queue(payload: OutboxPayload, kind?: SubscribeSpec['kind']): Promise<string>;
  item(id: string): Promise<OutboxItem | undefined>;
  subscription(): Promise<Subscription | undefined>;
  /** Moves the clock on in small steps until `check` holds (a generous real-time deadline). */
  until<T>(
    check: () => Promise<T | undefined | false> | T | undefined | false,
    options?: { timeoutMs?: number; stepMs?: number },
  ): Promise<T>;
  close(): Promise<void>;
}

/** The bot for one platform, as production builds it from its environment (`env`), on a manual clock. */
async function build(
  platform: Exclude<Platform, 'console'>,
  chatId: string,
  env: Record<string, string>,
  options: { metrics?: AppMetrics },
  closeEmulator: () => Promise<void>,
): Promise<OutboxHarness & { app: App }> {
  const { log, lines } = memoryLog();
  const clock = new ManualClock(NOW);
  const catalog = new ArticleIndex(await shippedArticles());
  const config = parseConfig({
    ...env,
    STORE_URL: 'memory://',
    CONTENT_DIR: FIXTURE_CONTENT,
    FEED_POLLING: 'off',
  });
  const app = await createApp(config, {
    clock,
    timers: clock,
    log,
    catalog,
    random: seededRandom(42),
    seal: testSeal(),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const { core, store } = app;
  const { deliverer, router } = app.parts;
  const poster = app.parts.adapters.find((adapter) => adapter.platform === platform);
  if (!poster || !app.sender) throw new Error(`the app did not start ${platform} and its outbox sender`);
  const t: TestCore = {
    core,
    router,
    store,
    clock,
    catalog,
    close: () => app.stop(),
    crash: () => store.close(),
  };
  const outbox = new OutboxRepository(store.records);
  const subscriptions = new SubscriptionsRepository(store.records);
  // A restarted process's sender: the app's parts, nothing it kept in memory.
  const newSender = () =>
    new OutboxSender({
      outbox,
      channels: [
        {
          poster,
          limiter: deliverer.limiter(poster),
          lease: store.lease(`outbox:${platform}`, { ttlMs: config.SCHEDULE_LEASE }),
        },
      ],
      deliverer,
      core,
      clock,
      timers: clock,
      log: log.child({ module: 'outbox' }),
      onChatGone: pauseGoneChat(core),
    });
  let sender = app.sender;
  await app.start();
  const admin: Actor = { platform, chatId, chatKind: 'group', userId: 'admin', name: 'Admin' };
  let queued = 0;
  return {
    app,
    t,
    deliverer,
    get sender() {
      return sender;
    },
    async restartSender() {
      await sender.stop();
      sender = newSender();
      sender.start();
    },
    outbox,
    subscriptions,
    lines,
    async queue(payload, kind = 'daily-brief') {
      await core.subscriptions.subscribe(admin, { kind, time: '08:00', timezone: 'UTC', topics: [] });
      const subscription = (await subscriptions.forChat(platform, chatId)).find((item) => item.kind === kind);
      const now = clock.now();
      const item = pendingOutboxItem(
        {
          subscriptionId: subscription?.id ?? '',
          platform,
          chatId,
          period: `run-${queued++}`,
          scheduledFor: now,
          payload,
        },
        now,
      );
      await outbox.enqueue(item);
      sender.kick();
      return item.id;
    },
    item: (id) => outbox.get(id),
    subscription: async () => (await subscriptions.forChat(platform, chatId))[0],
    async until(check, { timeoutMs = 15_000, stepMs = 50 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error('condition not met in time');
        clock.advance(stepMs);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      // A restarted sender is the harness's own; the app stops the rest.
      if (sender !== app.sender) await sender.stop();
      await app.stop();
      await closeEmulator();
    },
  };
}

export const TELEGRAM_GROUP = -100_777;

export async function telegramOutbox(
  options: { metrics?: AppMetrics } = {},
): Promise<OutboxHarness & { app: App; emulator: TelegramEmulator; adapter: TelegramAdapter }> {
  const emulator = await startTelegramEmulator();
  emulator.addChat({ id: TELEGRAM_GROUP, type: 'supergroup', title: 'Readers' });
  const harness = await build(
    'telegram',
    String(TELEGRAM_GROUP),
    { TELEGRAM_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot },
    options,
    () => emulator.close(),
  );
  const adapter = harness.app.parts.adapters.find((entry) => entry instanceof TelegramAdapter);
  if (!adapter) throw new Error('the app did not start a Telegram adapter');
  return Object.assign(harness, { emulator, adapter });
}

export async function discordOutbox(
  options: { metrics?: AppMetrics } = {},
): Promise<OutboxHarness & { app: App; emulator: DiscordEmulator }> {
  const emulator = await startDiscordEmulator();
  const harness = await build(
    'discord',
    emulator.channelId,
    {
      DISCORD_TOKEN: emulator.token,
      DISCORD_CLIENT_ID: emulator.applicationId,
      DISCORD_API_BASE: emulator.apiBase,
    },
    options,
    () => emulator.close(),
  );
  return Object.assign(harness, { emulator });
}
