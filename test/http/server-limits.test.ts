// Every HTTP server of the bot holds to time and size limits: a request whose headers never end is
// answered 408 and closed, and a body that is not wanted (or too large) is not read to its end: the
// connection is closed after the answer. Over raw sockets, as a hostile client sends.
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { startTelegramEmulator } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { TelegramAdapter } from '../../src/adapters/telegram/telegram-adapter.ts';
import { AppMetrics } from '../../src/app/app-metrics.ts';
import { startOpsServer } from '../../src/app/ops-server.ts';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { Deliverer } from '../../src/delivery/deliverer.ts';
import type { ServerLimits } from '../../src/http/server-limits.ts';
import { silentLogger } from '../../src/logger.ts';
import { type PreviewServer, startPreviewServer } from '../../src/preview/preview-server.ts';
import { TOKEN_HEADER } from '../../src/preview/publish-endpoint.ts';
import { articleMarkdown, tempFolder, writeArticle } from '../content/fixtures.ts';
import { freePort } from '../support/free-port.ts';
import { makeCore, testSeal } from '../support/test-core.ts';

/** Short limits, so the test sees them at work; the servers' defaults are in server-limits.ts. */
const LIMITS: ServerLimits = { headersMs: 300, requestMs: 600, idleMs: 2_000 };
/** Generous: a busy machine still closes well within this, a server without limits never does. */
const DEADLINE_MS = 8_000;

interface Exchange {
  /** What the server sent before it closed the connection (or the deadline passed). */
  received: string;
  closed: boolean;
}

/**
 * Sends `head` over a raw connection, then, with `drip`, one more chunk of body every few milliseconds
 * for as long as the server reads; resolves when the server closes or the deadline passes.
 */
function exchange(port: number, head: string, drip?: Buffer): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    let dripper: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      clearInterval(dripper);
      socket.destroy();
      resolve({ received, closed });
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', () => done(true));
    socket.on('error', () => done(true));
    socket.on('connect', () => {
      socket.write(head);
      if (drip) {
        dripper = setInterval(() => {
          if (!socket.destroyed && socket.writable) socket.write(drip);
        }, 5);
      }
    });
    timer = setTimeout(() => done(false), DEADLINE_MS);
  });
}

const statusOf = (received: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
const CHUNK = Buffer.alloc(64 * 1024, 'x');

describe('the ops endpoint (METRICS_PORT)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });
  const start = async () => {
    const metrics = new AppMetrics({ outboxPending: async () => 0, contentErrors: () => 0 });
    const checks = { store: async () => undefined, adapters: () => ({}) };
    server = await startOpsServer(0, '127.0.0.1', metrics, checks, LIMITS);
    return (server.address() as AddressInfo).port;
  };

  test('a request whose headers never end is answered 408 and closed', async () => {
    const port = await start();
    const answer = await exchange(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    expect(answer.closed).toBe(true);
    expect(statusOf(answer.received)).toBe(408);
  });

  test('a POST with an endless body is answered 405 and closed, its body not read on', async () => {
    const port = await start();
    const answer = await exchange(
      port,
      `POST /metrics HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 1000000000\r\n\r\n`,
      CHUNK,
    );
    expect(statusOf(answer.received)).toBe(405);
    expect(answer.closed).toBe(true);
  });
});

describe('the preview', () => {
  let folder: { dir: string; remove: () => Promise<void> } | undefined;
  let library: ContentLibrary | undefined;
  let server: PreviewServer | undefined;
  afterEach(async () => {
    await server?.close();
    await library?.close();
    await folder?.remove();
    server = undefined;
  });
  const start = async () => {
    folder = await tempFolder('newsquiz-server-limits-');
    await writeArticle(folder.dir, 'a.md', articleMarkdown({ seed: 1 }));
    library = new ContentLibrary(folder.dir, silentLogger(), { logProblems: false });
    await library.load();
    server = await startPreviewServer({ library, port: 0, limits: LIMITS });
    return Number(new URL(server.url).port);
  };

  test('a request whose headers never end is answered 408 and closed', async () => {
    const port = await start();
    const answer = await exchange(port, `GET /state HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    expect(answer.closed).toBe(true);
    expect(statusOf(answer.received)).toBe(408);
  });

  test('a publish request with an endless body is refused (400, as any body that is not one draft name) and closed, its body not read on', async () => {
    const port = await start();
    const page = await fetch(`http://127.0.0.1:${port}/`);
    const token = /<meta name="publish-token" content="([0-9a-f]+)">/.exec(await page.text())?.[1] ?? '';
    const answer = await exchange(
      port,
      [
        'POST /publish HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        `Origin: http://127.0.0.1:${port}`,
        'Content-Type: application/json',
        `${TOKEN_HEADER}: ${token}`,
        'Transfer-Encoding: chunked',
        '',
        '',
      ].join('\r\n'),
      Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]),
    );
    expect(statusOf(answer.received)).toBe(400);
    expect(answer.closed).toBe(true);
  });

  test('a request refused before its body is read (no token) is closed after the answer', async () => {
    const port = await start();
    const answer = await exchange(
      port,
      `POST /publish HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nContent-Length: 1000000000\r\n\r\n`,
      CHUNK,
    );
    expect(statusOf(answer.received)).toBe(403);
    expect(answer.closed).toBe(true);
  });
});

describe("the Telegram webhook server (telegraf's)", () => {
  test('a connection that sends nothing is closed after the idle limit', async () => {
    const telegram = await startTelegramEmulator();
    const t = await makeCore();
    const port = await freePort();
    const adapter = new TelegramAdapter({
      token: telegram.token,
      apiRoot: telegram.apiRoot,
      webhook: {
        url: 'https://bot.example.org/telegram',
        secret: 'secret',
        port,
        host: '127.0.0.1',
        limits: { ...LIMITS, idleMs: 500 },
      },
      router: t.router,
      core: t.core,
      outlet: new Deliverer({ core: t.core, log: silentLogger() }),
      seal: testSeal(),
      log: silentLogger(),
    });
    try {
      await adapter.start();
      const answer = await exchange(port, '');
      expect(answer.closed).toBe(true);
    } finally {
      await adapter.stop();
      await t.close();
      await telegram.close();
    }
  });
});
