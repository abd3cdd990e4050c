import { createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../emulators/telegram/index.ts';
import { eventually } from '../support/eventually.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { needsRedisServer, type OwnRedis, startOwnRedis } from '../support/redis-server.ts';

const ownRedis = needsRedisServer();

const group = { id: -100321, type: 'supergroup' as const, title: 'Ops group' };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('/healthz and /metrics (METRICS_PORT)', () => {
  let app: App | undefined;
  let telegram: TelegramEmulator | undefined;
  let redis: OwnRedis | undefined;
  afterEach(async () => {
    await app?.stop();
    await telegram?.close();
    await redis?.stop();
  });

  async function start(storeUrl: string) {
    telegram = await startTelegramEmulator();
    const port = await freePort();
    app = await createApp(
      parseConfig({
        TELEGRAM_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        STORE_URL: storeUrl,
        CONTENT_DIR: FIXTURE_CONTENT,
        METRICS_PORT: String(port),
      }),
      { log: silentLogger() },
    );
    await app.start();
    return `http://127.0.0.1:${port}`;
  }

  test('healthy: 200 with the store and each adapter; presses and answers are counted in /metrics', async () => {
    const base = await start('memory://');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', store: 'ok', adapters: { telegram: 'connected' } });

    const emulator = telegram as TelegramEmulator;
    emulator.sendText({
      chat: group,
      from: { id: 1, first_name: 'Host' },
      text: '/quiz deepseek-v4-delay group',
    });
    const question = await eventually(
      () => emulator.messages(group.id).find((view) => view.fromBot && view.text.includes('Question 1 of')),
      5_000,
    );
    const data = question.replyMarkup?.inline_keyboard.flat().find((button) => 'callback_data' in button);
    const press = emulator.pressButton({
      chat: group,
      from: { id: 2, first_name: 'Ana' },
      messageId: question.messageId,
      data: data && 'callback_data' in data ? String(data.callback_data) : '',
    });
    await emulator.callbackAnswer(press, 5_000);
    const text = await eventually(async () => {
      const body = await (await fetch(`${base}/metrics`)).text();
      return body.includes('newsquiz_press_ack_seconds_count{platform="telegram"} 1') ? body : undefined;
    }, 5_000);
    expect(text).toContain('newsquiz_presses_total{platform="telegram"} 1');
    expect(text).toContain('newsquiz_answers_recorded_total{platform="telegram"} 1');
    expect(text).toMatch(/newsquiz_outbox_pending \d+/);
    expect(text).toContain('newsquiz_content_errors 0');
    expect(text).toContain('newsquiz_process_cpu_seconds_total');
  });

  test.skipIf(ownRedis.skip)(
    ownRedis.title('unhealthy: 503 naming the store while Redis is down, 200 again when it is back'),
    async () => {
      redis = await startOwnRedis();
      const base = await start(redis.url);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      await redis.kill();
      const down = await eventually(async () => {
        const response = await fetch(`${base}/healthz`);
        return response.status === 503 ? response : undefined;
      }, 10_000);
      const body = (await down.json()) as { store: string };
      expect(body.store).toMatch(/^unreachable/);
      await redis.start();
      await eventually(async () => (await fetch(`${base}/healthz`)).status === 200 || undefined, 15_000);
    },
  );
});
