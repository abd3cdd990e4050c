import { request } from 'node:http';
import { type DiscordEmulator, startDiscordEmulator } from '@newsquiz/emulators/discord';
import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { articleMarkdown, tempFolder, writeArticle } from '../content/fixtures.ts';
import { eventually } from '../support/eventually.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { freePort } from '../support/free-port.ts';
import { needsRedisServer, type OwnRedis, startOwnRedis } from '../support/redis-server.ts';

const ownRedis = needsRedisServer();
const group = { id: -100321, type: 'supergroup' as const, title: 'Ops group' };

describe('/healthz and /metrics (METRICS_PORT)', () => {
  let app: App | undefined;
  let telegram: TelegramEmulator | undefined;
  let discord: DiscordEmulator | undefined;
  let redis: OwnRedis | undefined;
  let content: { dir: string; remove: () => Promise<void> } | undefined;
  afterEach(async () => {
    await app?.stop();
    await telegram?.close();
    await discord?.close();
    await redis?.stop();
    await content?.remove();
    app = undefined;
    telegram = undefined;
    discord = undefined;
    content = undefined;
  });

  /** The app with Telegram (and Discord when asked) on `storeUrl`; returns the ops endpoint's base URL. */
  async function start(storeUrl: string, options: { discord?: boolean; contentDir?: string } = {}) {
    telegram = await startTelegramEmulator();
    if (options.discord) discord = await startDiscordEmulator();
    const port = await freePort();
    app = await createApp(
      parseConfig({
        TELEGRAM_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        ...(discord ? { DISCORD_TOKEN: discord.token, DISCORD_API_BASE: discord.apiBase } : {}),
        STORE_URL: storeUrl,
        CONTENT_DIR: options.contentDir ?? FIXTURE_CONTENT,
        METRICS_PORT: String(port),
      }),
      { log: silentLogger() },
    );
    await app.start();
    return `http://127.0.0.1:${port}`;
  }

  const health = async (base: string) => {
    const response = await fetch(`${base}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const metric = async (base: string, line: RegExp) => {
    const text = await (await fetch(`${base}/metrics`)).text();
    return line.exec(text)?.[1];
  };

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

  test('on loopback (the default METRICS_HOST) it answers only its own names: another site pointed at it gets 421', async () => {
    const base = await start('memory://');
    const port = Number(new URL(base).port);
    const status = (path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const outgoing = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    for (const path of ['/healthz', '/metrics']) {
      expect(await status(path, `localhost:${port}`)).toBe(200);
      expect(await status(path, `127.0.0.1:${port}`)).toBe(200);
      expect(await status(path, `[::1]:${port}`)).toBe(200);
      expect(await status(path, `attacker.example:${port}`)).toBe(421);
    }
  });

  test('Telegram polling: while getUpdates fails, /healthz is 503 saying so; 200 again once it answers', async () => {
    const base = await start('memory://');
    const emulator = telegram as TelegramEmulator;
    expect((await health(base)).status).toBe(200);
    emulator.failNext(
      'getUpdates',
      { error_code: 502, description: 'Bad Gateway', parameters: { retry_after: 1 } },
      2,
    );
    // The poll in progress returns with this update; the next ones fail.
    emulator.sendText({ from: { id: 7, first_name: 'Pat' }, text: '/help' });
    const down = await eventually(async () => {
      const current = await health(base);
      return current.status === 503 ? current : undefined;
    }, 10_000);
    expect(down.body).toMatchObject({
      status: 'unhealthy',
      store: 'ok',
      adapters: { telegram: expect.stringMatching(/^disconnected: getUpdates failing \(.*Bad Gateway/) },
    });
    await eventually(async () => (await health(base)).status === 200 || undefined, 20_000);
  }, 40_000);

  test('Discord gateway: while it is down, /healthz is 503 naming the gateway; 200 again once the session is back', async () => {
    const base = await start('memory://', { discord: true });
    const emulator = discord as DiscordEmulator;
    expect(await health(base)).toMatchObject({
      status: 200,
      body: { adapters: { discord: 'connected', telegram: 'connected' }, modes: { discord: 'gateway' } },
    });
    emulator.setGatewayDown(true);
    const down = await eventually(async () => {
      const current = await health(base);
      return current.status === 503 ? current : undefined;
    }, 10_000);
    expect(down.body).toMatchObject({
      adapters: { discord: expect.stringMatching(/^disconnected: shard 0: gateway /), telegram: 'connected' },
    });
    emulator.setGatewayDown(false);
    await eventually(async () => (await health(base)).status === 200 || undefined, 20_000);
  }, 40_000);

  test('a 429 answered to a reply counts in newsquiz_rate_limited_total, and the reply still goes out', async () => {
    const base = await start('memory://');
    const emulator = telegram as TelegramEmulator;
    emulator.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    emulator.sendText({ from: { id: 8, first_name: 'Quinn' }, text: '/help' });
    await emulator.waitFor(
      'sendMessage',
      (call) => String(call.params.chat_id) === '8' && call.response.ok,
      10_000,
    );
    expect(await metric(base, /^newsquiz_rate_limited_total\{platform="telegram"\} (\d+)$/m)).toBe('1');
  });

  test('on Discord too: a 429 to a channel post counts in newsquiz_rate_limited_total, and the post still goes out', async () => {
    const base = await start('memory://', { discord: true });
    const emulator = discord as DiscordEmulator;
    const creates = /^\/channels\/\d+\/messages$/;
    emulator.failNext('POST', creates, 429, {
      message: 'You are being rate limited.',
      retry_after: 1,
      global: false,
    });
    // A group quiz question is an ordinary channel message.
    const handle = emulator.runCommand({
      channelId: emulator.channelId,
      name: 'quiz',
      options: { article: 'deepseek', mode: 'group' },
    });
    await handle.callback();
    await eventually(() => emulator.channelMessages(emulator.channelId).length > 0 || undefined, 15_000);
    expect(await metric(base, /^newsquiz_rate_limited_total\{platform="discord"\} (\d+)$/m)).toBe('1');
  }, 30_000);

  test('a file that turns invalid while the bot runs shows in newsquiz_content_errors, and leaves it when fixed', async () => {
    content = await tempFolder('newsquiz-ops-content-');
    const path = await writeArticle(content.dir, 'a.md', articleMarkdown({ seed: 1 }));
    const base = await start('memory://', { contentDir: content.dir });
    expect(await metric(base, /^newsquiz_content_errors (\d+)$/m)).toBe('0');
    await writeArticle(content.dir, 'a.md', articleMarkdown({ seed: 1, frontMatter: { hook: undefined } }));
    await eventually(async () => (await metric(base, /^newsquiz_content_errors (\d+)$/m)) === '1', 10_000);
    await writeArticle(content.dir, 'a.md', articleMarkdown({ seed: 1 }));
    await eventually(async () => (await metric(base, /^newsquiz_content_errors (\d+)$/m)) === '0', 10_000);
    expect(path).toContain('a.md');
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
      // A command that needs the store is told it is unavailable, and counted.
      const emulator = telegram as TelegramEmulator;
      emulator.sendText({ from: { id: 9, first_name: 'Rae' }, text: '/progress' });
      await emulator.waitFor(
        'sendMessage',
        (call) => /cannot reach its storage/.test(String(call.params.text)),
        10_000,
      );
      expect(await metric(base, /^newsquiz_store_errors_total (\d+)$/m)).toBe('1');
      await redis.start();
      await eventually(async () => (await fetch(`${base}/healthz`)).status === 200 || undefined, 15_000);
    },
  );
});
