// Calls the Bot API with Telegram's error rules: wait on 429, retry network errors, classify the rest.
import type { Logger } from '../../logger.ts';

/** Telegram's own texts for the cases we treat specially. */
const NOT_MODIFIED = /message is not modified/i;
const QUERY_TOO_OLD = /query is too old|query ID is invalid/i;
const MAX_ATTEMPTS = 5;
const MAX_RETRY_AFTER_S = 120;

export type CallFailure =
  /** The bot was blocked, kicked, or the chat is gone: stop writing there. */
  | { kind: 'chat-gone'; description: string }
  /** The request itself is wrong (bad markup, message to edit not found, ...). */
  | { kind: 'rejected'; description: string }
  /** Telegram said 429 and the caller handles waiting itself. */
  | { kind: 'rate-limited'; description: string; retryAfterMs: number }
  /** Retries ran out (flood wait or network). */
  | { kind: 'unavailable'; description: string };

export class TelegramCallError extends Error {
  constructor(
    readonly method: string,
    readonly failure: CallFailure,
  ) {
    super(`${method}: ${failure.description}`);
    this.name = 'TelegramCallError';
  }
}

interface ApiErrorShape {
  code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
  response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
}

function apiError(error: unknown): { code: number; description: string; retryAfter?: number } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const shape = error as ApiErrorShape;
  const code = shape.response?.error_code ?? shape.code;
  if (typeof code !== 'number') return undefined;
  const description = String(shape.response?.description ?? shape.description ?? '');
  const retryAfter = shape.response?.parameters?.retry_after ?? shape.parameters?.retry_after;
  return typeof retryAfter === 'number' ? { code, description, retryAfter } : { code, description };
}

export const isQueryTooOld = (error: unknown) => QUERY_TOO_OLD.test(apiError(error)?.description ?? '');

export interface CallOptions {
  log: Logger;
  /** Hand 429s back to the caller (the outbox schedules its own retry) instead of waiting here. */
  rateLimitsToCaller?: boolean;
  /** Attempts for network and server errors (default 5). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of every 429 (metrics). */
  onRateLimited?: () => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Bot API call. A 429 waits `retry_after` and retries; network errors retry with backoff;
 * "message is not modified" counts as success; 403 becomes chat-gone; other 4xx become rejected.
 */
export async function callTelegram<T>(
  method: string,
  call: () => Promise<T>,
  options: CallOptions,
): Promise<T | undefined> {
  const sleep = options.sleep ?? defaultSleep;
  let backoff = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const api = apiError(error);
      if (api && NOT_MODIFIED.test(api.description)) return undefined;
      if (api?.code === 429) {
        options.onRateLimited?.();
        const wait = Math.min(api.retryAfter ?? 1, MAX_RETRY_AFTER_S);
        if (options.rateLimitsToCaller) {
          throw new TelegramCallError(method, {
            kind: 'rate-limited',
            description: api.description,
            retryAfterMs: wait * 1000,
          });
        }
        options.log.warn({ method, retryAfter: wait, attempt }, 'Telegram asked us to slow down');
        if (attempt >= MAX_ATTEMPTS)
          throw new TelegramCallError(method, { kind: 'unavailable', description: api.description });
        await sleep(wait * 1000);
        continue;
      }
      if (
        api?.code === 403 ||
        (api?.code === 400 && /chat not found|bot was kicked|not a member/i.test(api.description))
      ) {
        throw new TelegramCallError(method, { kind: 'chat-gone', description: api.description });
      }
      if (api && api.code >= 400 && api.code < 500) {
        throw new TelegramCallError(method, { kind: 'rejected', description: api.description });
      }
      // 5xx and network failures: retry with exponential backoff.
      if (attempt >= (options.attempts ?? MAX_ATTEMPTS)) {
        const description = api?.description ?? (error instanceof Error ? error.message : String(error));
        throw new TelegramCallError(method, { kind: 'unavailable', description });
      }
      options.log.warn({ method, attempt, err: error }, 'Telegram call failed; retrying');
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 8_000);
    }
  }
}
