// A local news site for intake tests and bench:intake: realistic pages and feeds (test/intake/site/), and
// hostile answers of every kind the issue names. Binds 127.0.0.1 on an ephemeral port.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

const SITE = join(import.meta.dirname, 'site');
const MB = 1024 * 1024;

export interface NewsSite {
  origin: string;
  port: number;
  /** Paths requested, in order, with the User-Agent and the conditional-GET headers each request carried. */
  requests: {
    path: string;
    userAgent: string | undefined;
    ifNoneMatch?: string | undefined;
    ifModifiedSince?: string | undefined;
    /** When it arrived (Date.now()). */
    at: number;
  }[];
  close(): Promise<void>;
}

export interface NewsSiteOptions {
  /** Serve /bench/page-N.html (1…N) and /bench/feed-K.rss listing pages 100·(K−1)+1 … 100·K. */
  benchPages?: number;
  /** A port the private-links feed points at by name (`localhost`): nothing must ever connect there. */
  otherPort?: number;
  /**
   * How many bench pages /bench/latest.rss lists (the newest first), asked at each request: a feed that
   * grows between polls. It answers If-None-Match with 304 while the count is the same.
   */
  latest?: () => number;
  /** Paths answered 503 while this says so (a feed that is down, then back). */
  down?: (path: string) => boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
};

/** Zeros compressed: a few hundred kilobytes that decompress to `size`. Made once, on first use. */
const bombs = new Map<string, Buffer>();
function bomb(encoding: 'gzip' | 'br' | 'deflate', size = 200 * MB): Buffer {
  const cached = bombs.get(encoding);
  if (cached) return cached;
  const zeros = Buffer.alloc(size, 0x20);
  const made =
    encoding === 'gzip'
      ? gzipSync(zeros, { level: 9 })
      : encoding === 'deflate'
        ? deflateSync(zeros, { level: 9 })
        : brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  bombs.set(encoding, made);
  return made;
}

const BENCH_PEOPLE = [
  'Ines Calloway',
  'Tomas Berg',
  'Marisol Ortega',
  'Ravi Okafor',
  'Priya Nandakumar',
  'Howard Pike',
];
const BENCH_PLACES = ['Harbor City', 'Port Alder', 'Santa Lena', 'Lake Corvo', 'Northgate', 'Eastfield'];
const BENCH_ORGS = [
  'Northbay Instruments',
  'Delta Energy Cooperative',
  'Eastmoor Development Agency',
  'Coastline Travel',
];

/** A generated article page, varied by `n`, marked up like harbor-bridge.html. */
function benchPage(n: number): string {
  const pick = <T>(list: readonly T[], offset: number) => list[(n + offset) % list.length] as T;
  const template = readFileSync(join(SITE, 'harbor-bridge.html'), 'utf8');
  const paragraphs = Array.from({ length: 14 }, (_, index) => {
    const person = pick(BENCH_PEOPLE, index);
    const place = pick(BENCH_PLACES, index * 2);
    const org = pick(BENCH_ORGS, index * 3);
    return `<p>${person} told reporters in ${place} that ${org} would publish report number ${n * 100 + index} in September 2026, after ${index + 2} years of work on the network.</p>`;
  }).join('\n');
  return template
    .replaceAll('harbor-bridge-sensors', `bench-story-${n}`)
    .replace(
      /<div class="story-body" itemprop="articleBody">[\s\S]*?<\/div>\n {6}<ul class="tags">/,
      `<div class="story-body" itemprop="articleBody">\n${paragraphs}\n</div>\n      <ul class="tags">`,
    )
    .replaceAll(
      'Harbor City fits its old bridge with strain sensors',
      `Story ${n}: the network reaches ${pick(BENCH_PLACES, n)}`,
    );
}

/** Feed `part` of the bench pages: 100 items, as a feed is read at most 100 items at a time. */
function benchFeed(origin: string, part: number): string {
  const items = Array.from({ length: 100 }, (_, index) => (part - 1) * 100 + index + 1)
    .map(
      (n) =>
        `<item><title>Story ${n}</title><link>${origin}/bench/page-${n}.html</link><guid isPermaLink="false">bench-${n}</guid><category>energy</category></item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench Wire</title>${items}</channel></rss>`;
}

export async function startNewsSite(options: NewsSiteOptions = {}): Promise<NewsSite> {
  const requests: NewsSite['requests'] = [];
  const open = new Set<ServerResponse>();
  let origin = '';
  let port = 0;
  const fill = (text: string) =>
    text
      .replaceAll('{{origin}}', origin)
      .replaceAll('{{port}}', String(port))
      .replaceAll('{{otherPort}}', String(options.otherPort ?? 9));

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    requests.push({
      path,
      userAgent: request.headers['user-agent'],
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
      at: Date.now(),
    });
    open.add(response);
    response.on('close', () => open.delete(response));
    const send = (
      status: number,
      type: string,
      body: string | Buffer,
      headers: Record<string, string> = {},
    ) => {
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(body);
    };
    const redirect = (location: string, status = 302) => {
      response.writeHead(status, { location });
      response.end();
    };

    if (options.down?.(path)) return send(503, 'text/plain', 'down for maintenance');
    switch (path) {
      case '/robots.txt':
        return send(
          200,
          'text/plain',
          'User-agent: *\nDisallow: /private/\n\nUser-agent: newsquiz\nDisallow: /no-newsquiz/\n',
        );
      case '/huge.html':
        return send(200, 'text/html', Buffer.alloc(6 * MB, 0x61), { 'content-length': String(6 * MB) });
      case '/huge-chunked.html': {
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = () => {
          while (sent < 8 * MB) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        return pump();
      }
      case '/endless.html': {
        // Never ends: as fast as the reader takes it.
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.from('<p>more</p>'.repeat(4096));
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        return pump();
      }
      case '/trickle.html': {
        // Never ends either: a byte now and then, so only the deadline stops it.
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write(' '), 200);
        response.on('close', () => clearInterval(timer));
        return;
      }
      case '/stall.html':
        return; // Headers never come.
      case '/gzip-bomb.html':
      case '/br-bomb.html':
      case '/deflate-bomb.html': {
        const encoding = path.slice(1, path.indexOf('-')) as 'gzip' | 'br' | 'deflate';
        return send(200, 'text/html', bomb(encoding), { 'content-encoding': encoding });
      }
      case '/layered-gzip.html': {
        let body: Buffer = Buffer.from('<p>hello</p>');
        for (let layer = 0; layer < 8; layer++) body = gzipSync(body);
        return send(200, 'text/html', body, { 'content-encoding': Array(8).fill('gzip').join(', ') });
      }
      case '/loop-a':
        return redirect('/loop-b');
      case '/loop-b':
        return redirect('/loop-a');
      case '/redirect-ftp':
        return redirect('ftp://files.example.org/story.html');
      case '/redirect-javascript':
        return redirect("javascript:alert('x')");
      case '/redirect-file':
        return redirect('file:///etc/passwd');
      case '/redirect-private':
        return redirect('http://10.20.30.40/story.html');
      case '/redirect-localhost':
        return redirect(`http://localhost:${port}/harbor-bridge.html`);
      case '/redirect-home':
        return redirect('/harbor-bridge.html', 301);
      case '/report.pdf':
        return send(200, 'application/pdf', '%PDF-1.7 not a page');
      case '/image.png':
        return send(200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      case '/etag.rss': {
        // Conditional GET, as feed polling uses it.
        const etag = '"feed-v1"';
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, { etag });
          return response.end();
        }
        return send(200, TYPES['.rss'] as string, fill(readFileSync(join(SITE, 'feed.rss'), 'utf8')), {
          etag,
          'last-modified': 'Mon, 09 Nov 2026 10:00:00 GMT',
        });
      }
      case '/bench/latest.rss': {
        const latest = options.latest?.() ?? 0;
        const etag = `"latest-${latest}"`;
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, { etag });
          return response.end();
        }
        const items = Array.from({ length: latest }, (_, index) => latest - index)
          .map(
            (n) =>
              `<item><title>Story ${n}</title><link>${origin}/bench/page-${n}.html</link><guid isPermaLink="false">bench-${n}</guid></item>`,
          )
          .join('\n');
        return send(
          200,
          TYPES['.rss'] as string,
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench Wire</title>${items}</channel></rss>`,
          { etag },
        );
      }
      case '/huge-etag.rss':
        // Validators no real server sends: they must not be stored or sent back.
        return send(200, TYPES['.rss'] as string, fill(readFileSync(join(SITE, 'feed.rss'), 'utf8')), {
          etag: `"${'e'.repeat(4000)}"`,
          'last-modified': 'x'.repeat(4000),
        });
      case '/plain-feed':
        return send(200, 'text/plain', fill(readFileSync(join(SITE, 'feed.rss'), 'utf8')));
      case '/xxe-was-fetched':
        return send(200, 'text/plain', 'the parser fetched an external entity');
      case '/private/story.html':
      case '/no-newsquiz/feed.rss':
        return send(200, 'text/html', fill(readFileSync(join(SITE, 'harbor-bridge.html'), 'utf8')));
    }
    const chain = /^\/redirects\/(\d+)$/.exec(path);
    if (chain) {
      const left = Number(chain[1]);
      // /redirects/N redirects N times, then serves the page.
      return redirect(left <= 1 ? '/harbor-bridge.html' : `/redirects/${left - 1}`);
    }
    const benchFeedPart = /^\/bench\/feed-(\d+)\.rss$/.exec(path);
    if (benchFeedPart) return send(200, TYPES['.rss'] as string, benchFeed(origin, Number(benchFeedPart[1])));
    const bench = /^\/bench\/page-(\d+)\.html$/.exec(path);
    if (bench && Number(bench[1]) <= (options.benchPages ?? 0)) {
      return send(200, TYPES['.html'] as string, benchPage(Number(bench[1])));
    }
    const file = /^\/([a-z-]+)(\.html|\.rss|\.atom|\.json)$/.exec(path);
    if (file) {
      try {
        return send(
          200,
          TYPES[file[2] as string] as string,
          fill(readFileSync(join(SITE, `${file[1]}${file[2]}`), 'utf8')),
        );
      } catch {
        // No such fixture: a 404 below.
      }
    }
    return send(404, 'text/plain', 'not found');
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    close: async () => {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
