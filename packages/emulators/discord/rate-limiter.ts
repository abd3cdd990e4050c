// Discord-style rate limits: per-route buckets with X-RateLimit-* headers, and the global per-second limit.
import { ApiError } from './errors.ts';
import { bucketHash } from './ids.ts';
import type { RateLimitOptions } from './types.ts';

export interface RateLimitRequest {
  method: string;
  /** Route pattern, e.g. `/channels/:channel_id/messages`. */
  pattern: string;
  /** Value of the route's major parameter (channel id, guild id, webhook id...). */
  major: string;
  /** Interaction endpoints are not bound to the global limit. */
  exemptFromGlobal: boolean;
}

interface Window {
  startedAt: number;
  count: number;
}

/** When no limits are configured, headers still advertise a bucket that never runs dry. */
const UNLIMITED = { limit: 10_000, windowMs: 1_000 };
const MESSAGE_WINDOW_MS = 5_000;
const GLOBAL_WINDOW_MS = 1_000;

export class RateLimiter {
  readonly #options: RateLimitOptions | undefined;
  readonly #buckets = new Map<string, Window>();
  #global: Window = { startedAt: 0, count: 0 };

  constructor(options: RateLimitOptions | undefined) {
    this.#options = options;
  }

  /**
   * Counts the request and returns the headers to send with its response.
   * Throws the 429 ApiError (with Retry-After and X-RateLimit-* headers) when a limit is exceeded.
   */
  take(request: RateLimitRequest, now: number = Date.now()): Record<string, string> {
    const options = this.#options;
    if (options && !request.exemptFromGlobal) {
      if (now - this.#global.startedAt >= GLOBAL_WINDOW_MS) this.#global = { startedAt: now, count: 0 };
      if (this.#global.count >= options.globalPerSecond) {
        const retryAfter = (this.#global.startedAt + GLOBAL_WINDOW_MS - now) / 1000;
        throw new ApiError(
          429,
          { message: 'You are being rate limited.', retry_after: round(retryAfter), global: true },
          {
            'Retry-After': String(Math.max(1, Math.ceil(retryAfter))),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
        );
      }
    }

    const { limit, windowMs } = this.#bucketShape(request);
    const routeKey = `${request.method} ${request.pattern}`;
    const key = `${routeKey}|${request.major}`;
    let window = this.#buckets.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      this.#buckets.set(key, window);
    }
    const resetAfter = (window.startedAt + windowMs - now) / 1000;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Reset': ((window.startedAt + windowMs) / 1000).toFixed(3),
      'X-RateLimit-Reset-After': resetAfter.toFixed(3),
      'X-RateLimit-Bucket': bucketHash(routeKey),
    };
    if (window.count >= limit) {
      throw new ApiError(
        429,
        { message: 'You are being rate limited.', retry_after: round(resetAfter), global: false },
        {
          ...headers,
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Scope': 'user',
          'Retry-After': String(Math.max(1, Math.ceil(resetAfter))),
        },
      );
    }
    window.count++;
    if (options && !request.exemptFromGlobal) this.#global.count++;
    headers['X-RateLimit-Remaining'] = String(limit - window.count);
    return headers;
  }

  #bucketShape(request: RateLimitRequest): { limit: number; windowMs: number } {
    const options = this.#options;
    if (options && request.method === 'POST' && request.pattern === '/channels/:channel_id/messages') {
      return { limit: options.perChannelPer5s, windowMs: MESSAGE_WINDOW_MS };
    }
    return UNLIMITED;
  }
}

function round(seconds: number): number {
  return Math.max(0.001, Math.round(seconds * 1000) / 1000);
}
