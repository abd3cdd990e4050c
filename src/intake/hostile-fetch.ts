// Fetches one page, feed or robots.txt as hostile input: a deadline, a size cap after decompression,
// redirects followed by hand (http(s) only, no loops), and connections only to public addresses unless
// the operator typed the host. Feed polling reuses it with conditional GET (ETag, Last-Modified).
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import { hostKey, isPublicAddress } from './address-policy.ts';
import { FETCH_DEADLINE_MS, MAX_BODY_BYTES, MAX_REDIRECTS } from './intake-limits.ts';

/** Resolves a host name to every address it has; injectable so tests can play a DNS that lies. */
export type Resolve = (hostname: string) => Promise<readonly LookupAddress[]>;

export type FetchRefusalCode =
  | 'bad-url'
  | 'private-address'
  | 'unresolved'
  | 'network'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'redirect-scheme'
  | 'http-status'
  | 'bad-encoding';

/** An expected failure: the stable code, and the reason as a person reads it (the URL is said by the caller). */
export interface FetchRefusal {
  ok: false;
  code: FetchRefusalCode;
  reason: string;
  /** The HTTP status, for `http-status`. */
  status?: number;
}

export interface Fetched {
  ok: true;
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  /** True when a conditional request was answered 304: `body` is empty. */
  notModified: boolean;
  /** The media type, lower case, without parameters (`text/html`); empty when the server sent none. */
  mediaType: string;
  /** The `charset` parameter of Content-Type, if any. */
  charset: string | undefined;
  body: Uint8Array;
  etag: string | undefined;
  lastModified: string | undefined;
}

export type FetchResult = Fetched | FetchRefusal;

export interface FetchRequest {
  /** `host:port` the operator typed for this chain of requests: it may be on any address (loopback included). */
  trustedHost?: string | undefined;
  /** Sent as Accept. */
  accept?: string;
  maxBytes?: number;
  /** A shorter deadline than the fetcher's, for a small side request (robots.txt). */
  deadlineMs?: number;
  /** Past `maxBytes`: refuse the whole answer (the default), or keep its first `maxBytes` (robots.txt). */
  overflow?: 'refuse' | 'truncate';
  /** Conditional GET: the ETag and Last-Modified of the previous answer. */
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export interface HostileFetcherOptions {
  userAgent: string;
  resolve?: Resolve;
  deadlineMs?: number;
}

export interface HostileFetcher {
  fetch(url: string, request?: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

const refuse = (code: FetchRefusalCode, reason: string): FetchRefusal => ({ ok: false, code, reason });
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const defaultResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Raised inside a connection's lookup when a name resolves to an address intake may not use. */
class AddressRefused extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, which is not a public address`);
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect: resolves, then refuses the connection unless every address is allowed. */
function checkedLookup(resolve: Resolve, allow: (address: string) => boolean) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((entry) => !allow(entry.address));
        const first = addresses[0];
        if (refused) callback(new AddressRefused(hostname, refused.address), '');
        else if (!first)
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        else if (options.all) callback(null, [...addresses]);
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, ''),
    );
  };
}

/** The innermost cause of a fetch failure (undici wraps them as `TypeError: fetch failed`). */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | undefined)?.cause;
    if (cause === undefined) return current;
    current = cause;
  }
  return current;
}

function failureRefusal(error: unknown, deadlineMs: number, timedOut: boolean): FetchRefusal {
  if (timedOut) return refuse('timeout', `did not finish within ${deadlineMs / 1000} s; refused`);
  const cause = rootCause(error);
  if (cause instanceof AddressRefused) {
    return refuse(
      'private-address',
      `${cause.message}; intake connects only to public addresses and to hosts you type`,
    );
  }
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return refuse('unresolved', `its host name could not be resolved (${code}); check the address`);
  }
  if (
    code === 'Z_DATA_ERROR' ||
    code === 'Z_BUF_ERROR' ||
    /decompress|incorrect header check/i.test(message)
  ) {
    return refuse('bad-encoding', `sent a compressed body that could not be decompressed (${message})`);
  }
  return refuse('network', `could not be fetched (${code ?? message})`);
}

function httpUrlOrRefusal(value: string, base?: string): URL | FetchRefusal {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return refuse('bad-url', 'is not a well-formed URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse('bad-url', `is a ${url.protocol} URL; only http(s) pages and feeds are imported`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('bad-url', 'carries a user name or password; intake sends no credentials');
  }
  return url;
}

/** Reads a body up to `maxBytes` (counted after decompression), cancelling the stream past it. */
async function readCapped(
  response: Response,
  maxBytes: number,
  overflow: 'refuse' | 'truncate',
): Promise<Uint8Array | FetchRefusal> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (overflow === 'refuse' && !encoded && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return refuse(
      'too-large',
      `is ${megabytes(declared)} MB; pages and feeds may be at most ${megabytes(maxBytes)} MB`,
    );
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      if (overflow === 'truncate') {
        chunks.push(value.subarray(0, value.byteLength - (size - maxBytes)));
        break;
      }
      return refuse(
        'too-large',
        `sent more than ${megabytes(maxBytes)} MB${encoded ? ' once decompressed' : ''}; pages and feeds may be at most ${megabytes(maxBytes)} MB`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function parseContentType(header: string | null): { mediaType: string; charset: string | undefined } {
  const [type = '', ...parameters] = (header ?? '').split(';');
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  return { mediaType: type.trim().toLowerCase(), charset };
}

export function createHostileFetcher(options: HostileFetcherOptions): HostileFetcher {
  const resolve = options.resolve ?? defaultResolve;
  const deadlineMs = options.deadlineMs ?? FETCH_DEADLINE_MS;
  const timeouts = { headersTimeout: deadlineMs, bodyTimeout: deadlineMs, connectTimeout: deadlineMs };
  // Two pools: one for the hosts the operator typed (any address), one that checks every address it connects to.
  const trusted = new Agent({ ...timeouts, connect: { lookup: checkedLookup(resolve, () => true) } });
  const publicOnly = new Agent({ ...timeouts, connect: { lookup: checkedLookup(resolve, isPublicAddress) } });

  async function fetchOnce(start: string, request: FetchRequest, signal: AbortSignal): Promise<FetchResult> {
    let url = httpUrlOrRefusal(start);
    if (!(url instanceof URL)) return url;
    const seen = new Set<string>();
    for (let redirects = 0; ; redirects++) {
      const isTrusted = request.trustedHost !== undefined && hostKey(url) === request.trustedHost;
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (!isTrusted && isIP(literal) !== 0 && !isPublicAddress(literal)) {
        return refuse(
          'private-address',
          `points to ${literal}, which is not a public address; intake connects only to public addresses and to hosts you type`,
        );
      }
      seen.add(url.href);
      const headers: Record<string, string> = {
        'user-agent': options.userAgent,
        accept: request.accept ?? '*/*',
      };
      if (request.etag) headers['if-none-match'] = request.etag;
      if (request.lastModified) headers['if-modified-since'] = request.lastModified;
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers,
        dispatcher: isTrusted ? trusted : publicOnly,
      });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location)
          return refuse('http-status', `answered ${response.status} without a Location to follow`);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return refuse('redirect-scheme', 'redirects to a malformed URL');
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return refuse(
            'redirect-scheme',
            `redirects to a ${next.protocol} URL; only http(s) redirects are followed`,
          );
        }
        const checked = httpUrlOrRefusal(next.href);
        if (!(checked instanceof URL))
          return refuse('redirect-scheme', `redirects to a URL that ${checked.reason}`);
        if (seen.has(checked.href))
          return refuse('redirect-loop', `redirects in a loop (back to ${checked.href})`);
        if (redirects + 1 > MAX_REDIRECTS) {
          return refuse('too-many-redirects', `redirects more than ${MAX_REDIRECTS} times; refused`);
        }
        url = checked;
        continue;
      }
      const base = {
        ok: true as const,
        url: url.href,
        status: response.status,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
        ...parseContentType(response.headers.get('content-type')),
      };
      if (response.status === 304 && (request.etag || request.lastModified)) {
        await response.body?.cancel();
        return { ...base, notModified: true, body: new Uint8Array() };
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        return {
          ...refuse(
            'http-status',
            `answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
          ),
          status: response.status,
        };
      }
      const body = await readCapped(
        response,
        request.maxBytes ?? MAX_BODY_BYTES,
        request.overflow ?? 'refuse',
      );
      if (!(body instanceof Uint8Array)) return body;
      return { ...base, notModified: false, body };
    }
  }

  return {
    async fetch(url, request = {}) {
      const controller = new AbortController();
      const limit = Math.min(request.deadlineMs ?? deadlineMs, deadlineMs);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, limit);
      try {
        return await fetchOnce(url, request, controller.signal);
      } catch (error) {
        return failureRefusal(error, limit, timedOut);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.all([trusted.close(), publicOnly.close()]);
    },
  };
}
