import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hostKey } from '../../src/intake/address-policy.ts';
import { createHostileFetcher, type FetchResult, type Resolve } from '../../src/intake/hostile-fetch.ts';
import { userAgent } from '../../src/intake/user-agent.ts';
import { type NewsSite, startNewsSite } from './news-site.ts';

let site: NewsSite;
let trustedHost: string;
beforeAll(async () => {
  site = await startNewsSite();
  trustedHost = hostKey(new URL(site.origin));
});
afterAll(async () => {
  await site.close();
});

/** A fetcher as intake uses it, the operator having typed the test site's address. */
async function fetchFromSite(path: string, options: { deadlineMs?: number; resolve?: Resolve } = {}) {
  const fetcher = createHostileFetcher({ userAgent: userAgent(), ...options });
  try {
    const started = Date.now();
    const result = await fetcher.fetch(`${site.origin}${path}`, { trustedHost });
    return { result, ms: Date.now() - started };
  } finally {
    await fetcher.close();
  }
}

function refusal(result: FetchResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${result.status} from ${result.url}`);
  return result;
}

test('a page is fetched with a User-Agent naming newsquiz and its version', async () => {
  const { result } = await fetchFromSite('/harbor-bridge.html');
  expect(result.ok && result.mediaType).toBe('text/html');
  const request = site.requests.findLast((entry) => entry.path === '/harbor-bridge.html');
  expect(request?.userAgent).toMatch(/^newsquiz\/\d+\.\d+\.\d+ /);
});

describe('size limits', () => {
  test('a page whose Content-Length is over 5 MB is refused before its body is read', async () => {
    const { result } = await fetchFromSite('/huge.html');
    expect(refusal(result)).toMatchObject({
      code: 'too-large',
      reason: 'is 6 MB; pages and feeds may be at most 5 MB',
    });
  });

  test.each(['/huge-chunked.html', '/endless.html'])(
    '%s, streamed past 5 MB without a length, is refused',
    async (path) => {
      const { result, ms } = await fetchFromSite(path);
      expect(refusal(result)).toMatchObject({
        code: 'too-large',
        reason: 'sent more than 5 MB; pages and feeds may be at most 5 MB',
      });
      expect(ms).toBeLessThan(10_000);
    },
  );

  test.each(['gzip', 'br', 'deflate'])(
    'a %s bomb (200 MB of output) is refused after 5 MB, in bounded memory',
    async (encoding) => {
      // The site makes its bomb on the first request (in this process): measure the second.
      await fetchFromSite(`/${encoding}-bomb.html`);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      try {
        const { result, ms } = await fetchFromSite(`/${encoding}-bomb.html`);
        expect(refusal(result)).toMatchObject({
          code: 'too-large',
          reason: expect.stringContaining('once decompressed'),
        });
        expect(ms).toBeLessThan(15_000);
      } finally {
        clearInterval(sampler);
      }
      // Reading the whole bomb would take 200 MB; stopping at 5 MB keeps the process near where it was.
      expect((peak - before) / 1024 / 1024).toBeLessThan(100);
    },
  );

  test('a body compressed in more layers than 5 is refused', async () => {
    const { result } = await fetchFromSite('/layered-gzip.html');
    expect(refusal(result).reason).toMatch(/content-encodings/);
  });
});

describe('time limits', () => {
  test.each(['/trickle.html', '/stall.html'])(
    '%s, which never finishes, is refused at the deadline',
    async (path) => {
      const { result, ms } = await fetchFromSite(path, { deadlineMs: 1_000 });
      expect(refusal(result)).toMatchObject({
        code: 'timeout',
        reason: 'did not finish within 1 s; refused',
      });
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(8_000);
    },
  );
});

describe('redirects', () => {
  test('five redirects are followed; a sixth is refused', async () => {
    const five = await fetchFromSite('/redirects/5');
    expect(five.result.ok && five.result.url).toBe(`${site.origin}/harbor-bridge.html`);
    const six = await fetchFromSite('/redirects/6');
    expect(refusal(six.result)).toMatchObject({
      code: 'too-many-redirects',
      reason: 'redirects more than 5 times; refused',
    });
  });

  test('a redirect loop is refused at the first repeat', async () => {
    const { result } = await fetchFromSite('/loop-a');
    expect(refusal(result)).toMatchObject({
      code: 'redirect-loop',
      reason: `redirects in a loop (back to ${site.origin}/loop-a)`,
    });
  });

  test.each([
    ['/redirect-ftp', 'ftp:'],
    ['/redirect-javascript', 'javascript:'],
    ['/redirect-file', 'file:'],
  ])('%s, a redirect to anything but http(s), is refused', async (path, scheme) => {
    const { result } = await fetchFromSite(path);
    expect(refusal(result)).toMatchObject({
      code: 'redirect-scheme',
      reason: `redirects to a ${scheme} URL; only http(s) redirects are followed`,
    });
  });

  test('a redirect to a private address is refused without connecting to it', async () => {
    const { result, ms } = await fetchFromSite('/redirect-private');
    expect(refusal(result)).toMatchObject({
      code: 'private-address',
      reason: expect.stringContaining('points to 10.20.30.40'),
    });
    expect(ms).toBeLessThan(2_000);
  });

  test('a redirect to loopback under another name is refused: the name is resolved and its address checked', async () => {
    const { result } = await fetchFromSite('/redirect-localhost');
    expect(refusal(result)).toMatchObject({
      code: 'private-address',
      reason: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1)/),
    });
  });
});

describe('addresses', () => {
  /** A DNS that answers `news.example` with the test site's loopback address (and other names as told). */
  const lyingDns =
    (answers: Record<string, string[]>): Resolve =>
    async (hostname) =>
      (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  test('a public-looking name that resolves to loopback is refused when the connection is made', async () => {
    const fetcher = createHostileFetcher({
      userAgent: userAgent(),
      resolve: lyingDns({ 'news.example': ['127.0.0.1'] }),
    });
    try {
      const result = await fetcher.fetch(`http://news.example:${site.port}/harbor-bridge.html`, {
        trustedHost,
      });
      expect(refusal(result)).toMatchObject({
        code: 'private-address',
        reason:
          'news.example resolves to 127.0.0.1, which is not a public address; intake connects only to public addresses and to hosts you type',
      });
    } finally {
      await fetcher.close();
    }
  });

  test('one private address among public ones is enough to refuse the name', async () => {
    const fetcher = createHostileFetcher({
      userAgent: userAgent(),
      resolve: lyingDns({ 'mixed.example': ['93.184.216.34', '169.254.169.254'] }),
    });
    try {
      const result = await fetcher.fetch('http://mixed.example/story.html');
      expect(refusal(result).reason).toContain('mixed.example resolves to 169.254.169.254');
    } finally {
      await fetcher.close();
    }
  });

  test('a host the operator typed may be on loopback, and the connection uses the checked lookup', async () => {
    const fetcher = createHostileFetcher({
      userAgent: userAgent(),
      resolve: lyingDns({ 'news.example': ['127.0.0.1'] }),
    });
    try {
      const result = await fetcher.fetch(`http://news.example:${site.port}/harbor-bridge.html`, {
        trustedHost: `news.example:${site.port}`,
      });
      expect(result.ok && result.status).toBe(200);
    } finally {
      await fetcher.close();
    }
  });

  test.each([
    'http://10.1.2.3/story',
    'http://[::1]:80/story',
    'http://[::ffff:127.0.0.1]/story',
    'http://169.254.169.254/',
  ])('an address literal %s that is not public is refused unless typed', async (url) => {
    const fetcher = createHostileFetcher({ userAgent: userAgent() });
    try {
      expect(refusal(await fetcher.fetch(url)).code).toBe('private-address');
    } finally {
      await fetcher.close();
    }
  });

  test('credentials in an address are refused', async () => {
    const fetcher = createHostileFetcher({ userAgent: userAgent() });
    try {
      const answer = await fetcher.fetch(`http://user:secret@127.0.0.1:${site.port}/harbor-bridge.html`, {
        trustedHost,
      });
      expect(refusal(answer).reason).toBe('carries a user name or password; intake sends no credentials');
    } finally {
      await fetcher.close();
    }
  });
});

test('a conditional GET answered 304 says not modified, with no body', async () => {
  const fetcher = createHostileFetcher({ userAgent: userAgent() });
  try {
    const first = await fetcher.fetch(`${site.origin}/etag.rss`, { trustedHost });
    if (!first.ok) throw new Error(first.reason);
    expect(first.etag).toBe('"feed-v1"');
    const again = await fetcher.fetch(`${site.origin}/etag.rss`, {
      trustedHost,
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(again).toMatchObject({ ok: true, notModified: true, status: 304 });
  } finally {
    await fetcher.close();
  }
});
