// Failure injection: makes the next N requests matching a method and path answer with a chosen status/body.
import { ApiError, type DiscordErrorBody } from './errors.ts';
import { isRecord } from './json.ts';

interface Injection {
  method: string;
  path: RegExp;
  status: number;
  body: DiscordErrorBody;
  remaining: number;
  /** Matching requests to let through before this one applies. */
  after: number;
}

export class FailureInjector {
  readonly #queue: Injection[] = [];

  /**
   * `method` may be '*'. `path` is matched against the path below /api/v10 (e.g. `/channels/1/messages`).
   * A 429 gets Retry-After/X-RateLimit headers derived from `body.retry_after` (default 0.05 s), so
   * discord.js retries it like a real one; 5xx are retried by discord.js up to 3 times.
   */
  add(method: string, path: RegExp | string, status: number, body?: unknown, times = 1, after = 0): void {
    this.#queue.push({
      method: method.toUpperCase(),
      path: typeof path === 'string' ? new RegExp(path) : path,
      status,
      body: toErrorBody(status, body),
      remaining: times,
      after,
    });
  }

  /** Consumes one matching injection, returning it as an ApiError to throw. */
  take(method: string, path: string): ApiError | undefined {
    const index = this.#queue.findIndex(
      (i) => (i.method === '*' || i.method === method) && i.path.test(path),
    );
    const injection = index >= 0 ? this.#queue[index] : undefined;
    if (!injection) return undefined;
    if (injection.after > 0) {
      injection.after--;
      return undefined;
    }
    injection.remaining--;
    if (injection.remaining <= 0) this.#queue.splice(index, 1);
    return new ApiError(injection.status, injection.body, headersFor(injection));
  }
}

function toErrorBody(status: number, body: unknown): DiscordErrorBody {
  if (isRecord(body) && typeof body.message === 'string') {
    const out: DiscordErrorBody = { message: body.message };
    if (typeof body.code === 'number') out.code = body.code;
    if (typeof body.retry_after === 'number') out.retry_after = body.retry_after;
    if (typeof body.global === 'boolean') out.global = body.global;
    if (body.errors !== undefined) out.errors = JSON.parse(JSON.stringify(body.errors));
    return out;
  }
  if (status === 429) return { message: 'You are being rate limited.', retry_after: 0.05, global: false };
  return { message: `${status}: Injected failure`, code: 0 };
}

function headersFor(injection: Injection): Record<string, string> {
  if (injection.status !== 429) return {};
  const retryAfter = injection.body.retry_after ?? 0.05;
  const headers: Record<string, string> = {
    'Retry-After': String(retryAfter),
    'X-RateLimit-Scope': injection.body.global ? 'global' : 'shared',
  };
  if (injection.body.global) headers['X-RateLimit-Global'] = 'true';
  return headers;
}
