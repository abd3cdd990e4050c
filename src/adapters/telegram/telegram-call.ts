// Calls the Bot API with Telegram's error rules: wait on 429, retry network errors, classify the rest.

import type { DeliveryFailure } from '../../delivery/platform-adapter.ts';
import type { Logger } from '../../logger.ts';
import { classifyTelegramError } from './telegram-errors.ts';

export { isQueryTooOld } from './telegram-errors.ts';

const MAX_ATTEMPTS = 5;
const MAX_RETRY_AFTER_MS = 120_000;

export type CallFailure = DeliveryFailure;

export class TelegramCallError extends Error {
  constructor(
    readonly method: string,
    readonly failure: CallFailure,
  ) {
    super(`${method}: ${failure.description}`);
    this.name = 'TelegramCallError';
  }
}

export interface CallOptions {
  log: Logger;
  /** Attempts for network and server errors (default 5). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of every 429 (metrics). */
  onRateLimited?: () => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Bot API call. A 429 waits `retry_after` and retries; network errors retry with backoff;
 * "message is not modified" counts as success; the rest throws a TelegramCallError with its class.
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
      const failure = classifyTelegramError(error);
      if (failure.kind === 'not-modified') return undefined;
      if (failure.kind === 'rate-limited') {
        options.onRateLimited?.();
        const wait = Math.min(failure.retryAfterMs, MAX_RETRY_AFTER_MS);
        options.log.warn({ method, retryAfterMs: wait, attempt }, 'Telegram asked us to slow down');
        if (attempt >= MAX_ATTEMPTS)
          throw new TelegramCallError(method, { kind: 'unavailable', description: failure.description });
        await sleep(wait);
        continue;
      }
      if (failure.kind !== 'unavailable') throw new TelegramCallError(method, failure);
      if (attempt >= (options.attempts ?? MAX_ATTEMPTS)) throw new TelegramCallError(method, failure);
      options.log.warn({ method, attempt, err: error }, 'Telegram call failed; retrying');
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 8_000);
    }
  }
}
