import { createServer } from 'node:net';
import { join } from 'node:path';
import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { dropNamespace, redisUrl, tempDir, uniqueNamespace } from '../support/test-core.ts';
import {
  addTelegramGroups,
  type BotProcess,
  ensureBuild,
  exited,
  outboxState,
  runStates,
  seedDailyBriefs,
  seedDeadClaims,
  spawnBot,
  summarise,
  telegramChats,
  telegramDeliveries,
  telegramEnv,
  waitFor,
  withStore,
} from './fanout-harness.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Deadlines are generous: the machine may be busy; every wait ends as soon as its condition holds. */
const DEADLINE_MS = 60_000;
/**
 * The bots' claims on runs, and the outbox sender's lease on Redis (SCHEDULE_LEASE): shorter than the
 * 10 s default, so a takeover does not wait out ten seconds; long enough that a live bot on a busy
 * machine renews it (every second).
 */
const LEASE = { SCHEDULE_LEASE: '3s' };
const LEASE_MS = 3_000;

const onRedis = needsRedis();

const takeovers = (bot: BotProcess) => bot.lines.filter((line) => String(line.msg).includes('taken over'));

describe('scheduled fan-out through the outbox (the bot as its own process)', () => {
  let emulator: TelegramEmulator | undefined;
  const apps: App[] = [];
  const bots: BotProcess[] = [];
  beforeAll(() => ensureBuild(), 180_000);
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    for (const bot of bots.splice(0)) {
      bot.child.kill('SIGKILL');
      await exited(bot.child);
    }
    await emulator?.close();
  });

  const start = (env: Record<string, string>, logs = false) => {
    const bot = spawnBot({ ...LEASE, ...env }, { logs });
    bots.push(bot);
    return bot;
  };

  test('a bot killed mid-fan-out resumes on restart: nothing lost, duplicates only for sends in flight', async () => {
    const dir = await tempDir();
    try {
      const chats = telegramChats(150);
      const running = await startTelegramEmulator();
      emulator = running;
      addTelegramGroups(running, chats);
      const deliveries = telegramDeliveries(running, chats);
      const storeUrl = `sqlite://${join(dir.path, 'bot.sqlite')}`;
      const seeded = await seedDailyBriefs(storeUrl, 'telegram', chats);
      const env = { ...telegramEnv(running), STORE_URL: storeUrl };
      const first = start(env);
      expect(await waitFor(() => summarise(deliveries.counts()).delivered >= 20, DEADLINE_MS)).toBe(true);
      first.child.kill('SIGKILL');
      await exited(first.child);
      const atKill = summarise(deliveries.counts());
      // At 30 posts a second, well over a hundred are still to go when the first twenty are out.
      expect(atKill.lost).toBeGreaterThan(0);
      // What the killed bot recorded as sent; deliveries beyond that were in flight at the kill.
      const inFlight = atKill.delivered - (await outboxState(storeUrl, chats, seeded)).sent;

      const second = start(env);
      expect(await waitFor(() => summarise(deliveries.counts()).lost === 0, DEADLINE_MS)).toBe(true);
      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
      // Stopped gracefully with nothing left to send: no post can still go out twice.
      expect((await outboxState(storeUrl, chats, seeded)).pending).toBe(0);
      const final = summarise(deliveries.counts());
      expect(final.lost).toBe(0);
      expect(final.duplicates).toBeLessThanOrEqual(Math.max(0, inFlight));
    } finally {
      await dir.remove();
    }
  }, 150_000);

  test('runs claimed by a bot that was killed before queueing them are taken over by the restarted bot', async () => {
    const dir = await tempDir();
    try {
      const chats = telegramChats(60);
      const running = await startTelegramEmulator();
      emulator = running;
      addTelegramGroups(running, chats);
      const deliveries = telegramDeliveries(running, chats);
      const storeUrl = `sqlite://${join(dir.path, 'bot.sqlite')}`;
      const seeded = await seedDailyBriefs(storeUrl, 'telegram', chats);
      // The killed bot had claimed every run of the minute (its leases still running) and queued none.
      await seedDeadClaims(storeUrl, chats, seeded, 'killed-instance', undefined, LEASE_MS);
      const bot = start({ ...telegramEnv(running), STORE_URL: storeUrl }, true);
      expect(await waitFor(() => summarise(deliveries.counts()).lost === 0, DEADLINE_MS)).toBe(true);
      bot.child.kill('SIGTERM');
      expect(await exited(bot.child)).toBe(0);
      expect(summarise(deliveries.counts())).toEqual({ delivered: chats.length, lost: 0, duplicates: 0 });
      expect(takeovers(bot)).toHaveLength(chats.length);
      expect(takeovers(bot)[0]).toMatchObject({ previousOwner: 'killed-instance' });
      expect(await runStates(storeUrl, chats, seeded)).toEqual({ claimed: 0, queued: chats.length });
    } finally {
      await dir.remove();
    }
  }, 150_000);

  test('a permanent error pauses the subscription with the reason; a 429 is waited out', async () => {
    const dir = await tempDir();
    try {
      const chats = telegramChats(6);
      const running = await startTelegramEmulator();
      emulator = running;
      addTelegramGroups(running, chats);
      const deliveries = telegramDeliveries(running, chats);
      const storeUrl = `sqlite://${join(dir.path, 'bot.sqlite')}`;
      const seeded = await seedDailyBriefs(storeUrl, 'telegram', chats);
      const gone = chats[0] ?? '';
      running.blockChat(Number(gone));
      running.failNext('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      });
      const config = parseConfig({
        ...telegramEnv(running),
        STORE_URL: storeUrl,
        CONTENT_DIR: FIXTURE_CONTENT,
      });
      const app = await createApp(config, { log: silentLogger() });
      apps.push(app);
      await app.start();
      expect(
        await waitFor(() => summarise(deliveries.counts()).delivered === chats.length - 1, DEADLINE_MS),
      ).toBe(true);
      const subscriptions = new SubscriptionsRepository(app.store.records);
      await expect
        .poll(async () => (await subscriptions.forChat('telegram', gone))[0], { timeout: DEADLINE_MS })
        .toMatchObject({
          active: false,
          disabledReason: expect.objectContaining({ detail: expect.stringContaining('Forbidden') }),
        });
      // The chat is marked right after the subscription: wait for it too.
      await expect
        .poll(async () => (await app.core.chats.get('telegram', gone))?.active, { timeout: 5_000 })
        .toBe(false);
      await apps.splice(0)[0]?.stop();
      // The one injected 429 was waited out: its chat still got exactly one post.
      expect(
        running.calls.filter(
          (call) => call.method === 'sendMessage' && !call.response.ok && call.response.error_code === 429,
        ),
      ).toHaveLength(1);
      expect(summarise(deliveries.counts()).duplicates).toBe(0);
      expect((await outboxState(storeUrl, chats, seeded)).pending).toBe(0);
    } finally {
      await dir.remove();
    }
  }, 90_000);

  test.skipIf(onRedis.skip)(
    onRedis.title(
      "two instances on one Redis post every scheduled message exactly once, and take over a killed third's claims",
    ),
    async () => {
      const namespace = uniqueNamespace();
      const url = redisUrl ?? '';
      const chats = telegramChats(40);
      const running = await startTelegramEmulator();
      emulator = running;
      addTelegramGroups(running, chats);
      const deliveries = telegramDeliveries(running, chats);
      const seeded = await seedDailyBriefs(url, 'telegram', chats, { namespace });
      // A third instance claimed the first ten runs and was killed.
      const claimedByDead = chats.slice(0, 10);
      await seedDeadClaims(url, claimedByDead, seeded, 'killed-instance', namespace, LEASE_MS);
      const instances = await Promise.all(
        [0, 1].map(async () =>
          start(
            {
              ...telegramEnv(running),
              TELEGRAM_WEBHOOK_URL: `https://bot.example.org/telegram`,
              TELEGRAM_WEBHOOK_SECRET: 'shared-secret',
              TELEGRAM_WEBHOOK_PORT: String(await freePort()),
              STORE_URL: url,
              STORE_NAMESPACE: namespace,
              OUTBOX_RATE_SCALE: '10',
            },
            true,
          ),
        ),
      );
      expect(await waitFor(() => summarise(deliveries.counts()).lost === 0, DEADLINE_MS)).toBe(true);
      // One instance may send every post before the other has started: stop both once both run.
      expect(
        await waitFor(
          () => running.calls.filter((call) => call.method === 'setWebhook').length >= instances.length,
          DEADLINE_MS,
        ),
      ).toBe(true);
      for (const bot of instances) bot.child.kill('SIGTERM');
      for (const bot of instances) expect(await exited(bot.child)).toBe(0);
      expect((await outboxState(url, chats, seeded, namespace)).pending).toBe(0);
      expect(summarise(deliveries.counts())).toEqual({ delivered: chats.length, lost: 0, duplicates: 0 });
      expect(instances.flatMap(takeovers)).toHaveLength(claimedByDead.length);
      await withStore(url, namespace, (store) => dropNamespace(store, namespace));
    },
    150_000,
  );

  test.skipIf(onRedis.skip)(
    onRedis.title(
      "one of two instances killed while claiming the minute's runs: the other sends every post, once",
    ),
    async () => {
      const namespace = uniqueNamespace();
      const url = redisUrl ?? '';
      const chats = telegramChats(200);
      const running = await startTelegramEmulator();
      emulator = running;
      addTelegramGroups(running, chats);
      const deliveries = telegramDeliveries(running, chats);
      const seeded = await seedDailyBriefs(url, 'telegram', chats, { namespace });
      const env = async () => ({
        ...telegramEnv(running),
        TELEGRAM_WEBHOOK_URL: `https://bot.example.org/telegram`,
        TELEGRAM_WEBHOOK_SECRET: 'shared-secret',
        TELEGRAM_WEBHOOK_PORT: String(await freePort()),
        STORE_URL: url,
        STORE_NAMESPACE: namespace,
        // Sending is not what this test is about: the posts go out ten times as fast once taken over.
        OUTBOX_RATE_SCALE: '10',
      });
      const doomed = start(await env());
      const survivor = start(await env(), true);
      expect(
        await waitFor(
          async () => (await runStates(url, chats, seeded, namespace)).claimed > 0,
          DEADLINE_MS,
          5,
        ),
      ).toBe(true);
      doomed.child.kill('SIGKILL');
      await exited(doomed.child);
      expect(await waitFor(() => summarise(deliveries.counts()).lost === 0, DEADLINE_MS)).toBe(true);
      survivor.child.kill('SIGTERM');
      expect(await exited(survivor.child)).toBe(0);
      expect((await outboxState(url, chats, seeded, namespace)).pending).toBe(0);
      expect(summarise(deliveries.counts())).toEqual({ delivered: chats.length, lost: 0, duplicates: 0 });
      await withStore(url, namespace, (store) => dropNamespace(store, namespace));
    },
    150_000,
  );
});
