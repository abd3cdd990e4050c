import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../emulators/telegram/index.ts';
import { dropNamespace, redisSkipReason, redisUrl, tempDir, uniqueNamespace } from '../support/test-core.ts';
import {
  addGroups,
  chatIds,
  exited,
  postsPerChat,
  ROOT,
  seedDailyBriefs,
  spawnBot,
  summarise,
  waitFor,
} from './fanout-harness.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('scheduled fan-out through the outbox', () => {
  let emulator: TelegramEmulator | undefined;
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await emulator?.close();
  });

  test('a bot killed mid-fan-out resumes on restart: nothing lost, duplicates only for in-flight sends', async () => {
    const dir = await tempDir();
    try {
      const chats = chatIds(60);
      emulator = await startTelegramEmulator();
      addGroups(emulator, chats);
      const storeUrl = `sqlite://${join(dir.path, 'bot.sqlite')}`;
      await seedDailyBriefs(storeUrl, chats);
      const first = spawnBot(emulator, { STORE_URL: storeUrl });
      const running = emulator;
      expect(await waitFor(() => summarise(postsPerChat(running, chats)).delivered >= 20, 20_000)).toBe(true);
      first.kill('SIGKILL');
      await exited(first);
      const atKill = summarise(postsPerChat(running, chats));
      expect(atKill.lost).toBeGreaterThan(0);

      // What the killed bot recorded as sent; deliveries beyond that were in flight at the kill.
      const store = await openStore(storeUrl, silentLogger());
      const outbox = new OutboxRepository(store.records);
      const items = await Promise.all(
        chats.map((_, index) => outbox.get(`fan${index}:${new Date().toISOString().slice(0, 10)}`)),
      );
      const recorded = items.filter((item) => item?.status === 'sent').length;
      await store.close();
      const inFlight = atKill.delivered - recorded;

      const second = spawnBot(running, { STORE_URL: storeUrl });
      expect(await waitFor(() => summarise(postsPerChat(running, chats)).lost === 0, 20_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
      const final = summarise(postsPerChat(running, chats));
      expect(final.lost).toBe(0);
      expect(final.duplicates).toBeLessThanOrEqual(Math.max(0, inFlight));
    } finally {
      await dir.remove();
    }
  }, 60_000);

  test('a permanent error pauses the subscription with the reason; a 429 is waited out', async () => {
    const dir = await tempDir();
    try {
      const chats = chatIds(6);
      emulator = await startTelegramEmulator();
      addGroups(emulator, chats);
      const storeUrl = `sqlite://${join(dir.path, 'bot.sqlite')}`;
      await seedDailyBriefs(storeUrl, chats);
      const gone = chats[0] ?? 0;
      emulator.blockChat(gone);
      emulator.failNext('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      });
      const config = parseConfig({
        TELEGRAM_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        STORE_URL: storeUrl,
        CONTENT_DIR: join(ROOT, 'content'),
      });
      const app = await createApp(config, { log: silentLogger() });
      apps.push(app);
      await app.start();
      const running = emulator;
      expect(
        await waitFor(() => summarise(postsPerChat(running, chats)).delivered === chats.length - 1, 10_000),
      ).toBe(true);
      const subscriptions = new SubscriptionsRepository(app.store.records);
      await expect
        .poll(async () => (await subscriptions.forChat('telegram', String(gone)))[0], { timeout: 5_000 })
        .toMatchObject({ active: false, disabledReason: expect.stringContaining('Forbidden') });
      // The chat is marked right after the subscription: wait for it too.
      await expect
        .poll(async () => (await app.core.chats.get('telegram', String(gone)))?.active, { timeout: 5_000 })
        .toBe(false);
      // The one injected 429 was waited out: its chat still got exactly one post.
      expect(
        emulator.calls.filter(
          (call) => call.method === 'sendMessage' && !call.response.ok && call.response.error_code === 429,
        ),
      ).toHaveLength(1);
      expect(summarise(postsPerChat(running, chats)).duplicates).toBe(0);
    } finally {
      await dir.remove();
    }
  }, 30_000);

  test.skipIf(!redisUrl)(
    `two instances on one Redis post every scheduled message exactly once${redisUrl ? '' : ` (${redisSkipReason})`}`,
    async () => {
      const namespace = uniqueNamespace();
      const chats = chatIds(40);
      emulator = await startTelegramEmulator();
      addGroups(emulator, chats);
      await seedDailyBriefs(redisUrl ?? '', chats, Date.now(), namespace);
      for (let instance = 0; instance < 2; instance++) {
        const config = parseConfig({
          TELEGRAM_TOKEN: emulator.token,
          TELEGRAM_API_ROOT: emulator.apiRoot,
          TELEGRAM_WEBHOOK_URL: `https://bot-${instance}.example.org/telegram`,
          TELEGRAM_WEBHOOK_SECRET: 'shared-secret',
          TELEGRAM_WEBHOOK_PORT: String(await freePort()),
          STORE_URL: redisUrl,
          CONTENT_DIR: join(ROOT, 'content'),
          OUTBOX_RATE_SCALE: '10',
        });
        apps.push(await createApp(config, { log: silentLogger(), namespace }));
      }
      await Promise.all(apps.map((app) => app.start()));
      const running = emulator;
      expect(await waitFor(() => summarise(postsPerChat(running, chats)).lost === 0, 15_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const final = summarise(postsPerChat(running, chats));
      expect(final).toEqual({ delivered: chats.length, lost: 0, duplicates: 0 });
      const [first] = apps;
      if (first) await dropNamespace(first.store, namespace);
    },
    30_000,
  );
});
