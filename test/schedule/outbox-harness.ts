// The outbox sender on a real core and store, posting through a platform's real poster to its emulator;
// time is a manual clock that the test drives.
import { Writable } from 'node:stream';
import { type DiscordEmulator, startDiscordEmulator } from '@newsquiz/emulators/discord';
import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import { pino } from 'pino';
import { createDiscordPoster } from '../../src/adapters/discord/discord-poster.ts';
import { createDiscordRest } from '../../src/adapters/discord/discord-rest.ts';
import { TelegramAdapter } from '../../src/adapters/telegram/telegram-adapter.ts';
import type { Actor } from '../../src/core/actor.ts';
import type { NeutralMessage } from '../../src/core/output.ts';
import type { MetricsPort } from '../../src/core/ports.ts';
import { type OutboxItem, type OutboxPayload, pendingOutboxItem } from '../../src/core/records/outbox.ts';
import type { Platform } from '../../src/core/records/platform.ts';
import type { Subscription } from '../../src/core/records/subscription.ts';
import type { SubscribeSpec } from '../../src/core/subscription-service.ts';
import { Deliverer } from '../../src/delivery/deliverer.ts';
import type { Poster } from '../../src/delivery/platform-adapter.ts';
import { OutboxSender } from '../../src/schedule/outbox-sender.ts';
import { pauseGoneChat } from '../../src/schedule/pause-gone-chat.ts';
import { RoundTimers } from '../../src/schedule/round-timers.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { makeCore, type TestCore, testSeal } from '../support/test-core.ts';

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

async function build(
  platform: Exclude<Platform, 'console'>,
  chatId: string,
  poster: Poster,
  t: TestCore,
  deliverer: Deliverer,
  closeEmulator: () => Promise<void>,
): Promise<OutboxHarness> {
  const { log, lines } = memoryLog();
  const outbox = new OutboxRepository(t.store.records);
  const subscriptions = new SubscriptionsRepository(t.store.records);
  const newSender = () =>
    new OutboxSender({
      outbox,
      channels: [
        {
          poster,
          limiter: deliverer.limiter(poster),
          lease: t.store.lease(`outbox:${platform}`, { ttlMs: 10_000, clock: t.clock }),
        },
      ],
      deliverer,
      core: t.core,
      clock: t.clock,
      timers: t.clock,
      log,
      onChatGone: pauseGoneChat(t.core),
    });
  let sender = newSender();
  const timers = new RoundTimers(t.core.quiz, deliverer.deliver, new Set([platform]), t.clock, t.clock, log);
  await timers.start();
  sender.start();
  const admin: Actor = { platform, chatId, chatKind: 'group', userId: 'admin', name: 'Admin' };
  let queued = 0;
  return {
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
      await t.core.subscriptions.subscribe(admin, { kind, time: '08:00', timezone: 'UTC', topics: [] });
      const subscription = (await subscriptions.forChat(platform, chatId)).find((item) => item.kind === kind);
      const now = t.clock.now();
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
        t.clock.advance(stepMs);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      timers.stop();
      await sender.stop();
      await closeEmulator();
      await t.close();
    },
  };
}

export const TELEGRAM_GROUP = -100_777;

export async function telegramOutbox(
  options: { metrics?: MetricsPort } = {},
): Promise<OutboxHarness & { emulator: TelegramEmulator; adapter: TelegramAdapter }> {
  const emulator = await startTelegramEmulator();
  emulator.addChat({ id: TELEGRAM_GROUP, type: 'supergroup', title: 'Readers' });
  const t = await makeCore(options);
  const log = pino({ level: 'silent' });
  const deliverer = new Deliverer({ core: t.core, log });
  const adapter = new TelegramAdapter({
    token: emulator.token,
    apiRoot: emulator.apiRoot,
    router: t.router,
    core: t.core,
    outlet: deliverer,
    seal: testSeal(),
    log,
  });
  deliverer.add(adapter);
  const harness = await build('telegram', String(TELEGRAM_GROUP), adapter, t, deliverer, () =>
    emulator.close(),
  );
  return Object.assign(harness, { emulator, adapter });
}

export async function discordOutbox(
  options: { metrics?: MetricsPort } = {},
): Promise<OutboxHarness & { emulator: DiscordEmulator }> {
  const emulator = await startDiscordEmulator();
  const t = await makeCore(options);
  const rest = createDiscordRest({
    token: emulator.token,
    apiBase: emulator.apiBase,
    handBackRateLimits: true,
    onTooManyRequests: () => t.core.metrics.rateLimited('discord'),
  });
  const poster = createDiscordPoster(rest, testSeal());
  const harness = await build(
    'discord',
    emulator.channelId,
    poster,
    t,
    new Deliverer({ core: t.core, log: pino({ level: 'silent' }) }),
    async () => {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      await emulator.close();
    },
  );
  return Object.assign(harness, { emulator });
}
