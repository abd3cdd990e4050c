import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startTelegramEmulator } from '@newsquiz/emulators/telegram';
import { expect, test } from 'vitest';
import { createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { cannotRun } from '../support/cannot-run.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

/** An address of this machine other than loopback, if it has one. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;
const needsExternal = cannotRun(
  external ? undefined : 'this machine has no IPv4 address besides loopback to try the webhook server from',
);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

test.skipIf(needsExternal.skip)(
  needsExternal.title(
    'the webhook server listens on loopback only unless TELEGRAM_WEBHOOK_HOST says otherwise',
  ),
  async () => {
    const telegram = await startTelegramEmulator();
    const port = await freePort();
    const app = await createApp(
      parseConfig({
        TELEGRAM_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: 'secret',
        TELEGRAM_WEBHOOK_PORT: String(port),
        STORE_URL: 'memory://',
        CONTENT_DIR: FIXTURE_CONTENT,
      }),
      { log: silentLogger() },
    );
    try {
      await app.start();
      expect(telegram.webhookInfo().url).toBe('https://bot.example.org/telegram');
      expect(await reachable('127.0.0.1', port)).toBe(true);
      expect(await reachable(external ?? '', port)).toBe(false);
    } finally {
      await app.stop();
      await telegram.close();
    }
  },
);
