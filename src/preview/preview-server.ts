// The preview's web server (Node's http): the page, its state as JSON, and server-sent events on each reload.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HostAllowlist, hostAllowlist, MISDIRECTED } from '../app/host-allowlist.ts';
import type { ContentLibrary } from '../content/content-library.ts';
import { type Clock, systemClock } from '../core/clock.ts';
import { PREVIEW_PAGE } from './preview-page.ts';
import type { PreviewQuality } from './preview-quality.ts';
import { type PreviewState, previewState } from './preview-state.ts';

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
  /** Answer statistics and readers' reports for `/quality` (see preview-quality.ts); none without. */
  quality?: () => Promise<PreviewQuality>;
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
  let version = 1;
  let cached: PreviewState | undefined;
  const streams = new Set<ServerResponse>();

  const state = () => {
    if (cached?.version !== version) {
      cached = previewState(library.dir, version, library.files, library.errors, clock.now(), (file) =>
        library.questionLines(file),
      );
    }
    return cached;
  };
  const announce = () => {
    version += 1;
    for (const stream of streams) stream.write(`event: version\ndata: ${version}\n\n`);
  };
  const offChange = library.onChange(announce);
  const offProblems = library.onProblems(announce);

  let allowlist: HostAllowlist | undefined;
  let port = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://preview').pathname;
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
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end('The preview only answers GET requests.\n');
      return;
    }
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PREVIEW_PAGE);
      return;
    }
    if (path === '/state') {
      response
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        .end(JSON.stringify(state()));
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
      clearInterval(keepAlive);
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
