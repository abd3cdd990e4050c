// The preview's web server (Node's http): the page, its state as JSON, and server-sent events on each reload.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContentLibrary } from '../content/content-library.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { type HostAllowlist, hostAllowlist, MISDIRECTED } from '../http/host-allowlist.ts';
import { closeAfterBody, type ServerLimits, serverOptions } from '../http/server-limits.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { type PreviewDrafts, previewDrafts, watchDrafts } from './preview-drafts.ts';
import { previewPage } from './preview-page.ts';
import type { PreviewQuality } from './preview-quality.ts';
import { type PreviewState, previewState } from './preview-state.ts';
import { handlePublish, newPublishToken } from './publish-endpoint.ts';

/** A comment line now and then keeps the event stream open through proxies and idle timeouts. */
const KEEP_ALIVE_MS = 15_000;

export interface PreviewServerOptions {
  library: ContentLibrary;
  port: number;
  /** Loopback by default: the preview is for the author's own browser. */
  host?: string;
  /** Names answered besides localhost, 127.0.0.1, [::1] and the bound address (PREVIEW_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  clock?: Clock;
  log?: Logger;
  /** Answer statistics and readers' reports for `/quality` (see preview-quality.ts); none without. */
  quality?: () => Promise<PreviewQuality>;
  /** Time limits on requests (default: SERVER_LIMITS). */
  limits?: ServerLimits;
}

/** A request sent by a page: same-site when its Origin is one of the preview's own names. */
function sameOrigin(origin: string | undefined, allowlist: HostAllowlist): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowlist.allows(url.host);
  } catch {
    // `null` (a sandboxed frame, a file: page) or garbage.
    return false;
  }
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { library } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger();
  // The Publish button's token: only the page this server sent knows it.
  const token = newPublishToken();
  let version = 1;
  let cached: { version: number; state: Promise<PreviewState & PreviewDrafts> } | undefined;
  const streams = new Set<ServerResponse>();

  const state = () => {
    if (cached?.version !== version) {
      const at = version;
      const articles = previewState(library.dir, at, library.files, library.errors, clock.now(), (file) =>
        library.questionLines(file),
      );
      cached = {
        version: at,
        state: previewDrafts(library.dir, library.files).then((drafts) => ({ ...articles, ...drafts })),
      };
    }
    return cached.state;
  };
  const announce = () => {
    version += 1;
    for (const stream of streams) stream.write(`event: version\ndata: ${version}\n\n`);
  };
  const offChange = library.onChange(announce);
  const offProblems = library.onProblems(announce);
  const offDrafts = watchDrafts(library.dir, announce, log);

  let allowlist: HostAllowlist | undefined;
  let port = 0;
  const server = createServer(serverOptions(options.limits), (request, response) => {
    const path = new URL(request.url ?? '/', 'http://preview').pathname;
    // Only /publish reads a body, at most a few kilobytes of it: any other is never read on.
    closeAfterBody(request, response);
    // Another site's name pointed at this machine (DNS rebinding) must not read the drafts.
    if (!allowlist?.allows(request.headers.host)) {
      response
        .writeHead(MISDIRECTED, { 'content-type': 'text/plain; charset=utf-8' })
        .end(
          `This preview answers only as ${allowlist?.names ?? 'localhost'} on port ${port}, so that pages of other sites cannot read it. To open it under another name, add that name to PREVIEW_ALLOWED_HOSTS.\n`,
        );
      return;
    }
    if (!sameOrigin(request.headers.origin, allowlist)) {
      response
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The preview answers only its own page, not requests sent by pages of other sites.\n');
      return;
    }
    if (request.method === 'POST' && path === '/publish') {
      handlePublish(request, response, {
        contentDir: library.dir,
        token,
        onPublished: async () => {
          await library.reload();
          announce();
        },
      }).catch((error: unknown) => {
        log.error({ err: error }, 'publishing a draft failed');
        const message = `Publishing failed: ${error instanceof Error ? error.message : String(error)}`;
        if (!response.headersSent) {
          response
            .writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
            .end(JSON.stringify({ ok: false, message, problems: [] }));
        }
      });
      return;
    }
    if (request.method !== 'GET') {
      response
        .writeHead(405, { allow: 'GET' })
        .end('The preview answers GET requests, and POST /publish from its own page.\n');
      return;
    }
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(previewPage(token));
      return;
    }
    if (path === '/state') {
      state().then(
        (current) =>
          response
            .writeHead(200, {
              'content-type': 'application/json; charset=utf-8',
              'cache-control': 'no-store',
            })
            .end(JSON.stringify(current)),
        (error: unknown) => {
          log.error({ err: error }, 'reading the preview state failed');
          response
            .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
            .end(`The drafts could not be read: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
      return;
    }
    if (path === '/quality') {
      const json = (body: PreviewQuality) =>
        response
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
          .end(JSON.stringify(body));
      const read = options.quality ?? (async () => ({ unavailable: 'no store was given', articles: {} }));
      read().then(json, (error: unknown) =>
        json({ unavailable: error instanceof Error ? error.message : String(error), articles: {} }),
      );
      return;
    }
    if (path === '/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(`retry: 1000\nevent: version\ndata: ${version}\n\n`);
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`No page at ${path}.\n`);
  });
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  allowlist = hostAllowlist(address.address, address.port, options.allowedHosts);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    close: async () => {
      offChange();
      offProblems();
      offDrafts();
      clearInterval(keepAlive);
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
