// Telegram's error rules around one Bot API call, with telegraf's own errors and an injected sleep.
import { TelegramError } from 'telegraf';
import { describe, expect, test } from 'vitest';
import {
  type CallOptions,
  callTelegram,
  isQueryTooOld,
  TelegramCallError,
} from '../../../src/adapters/telegram/telegram-call.ts';
import { silentLogger } from '../../../src/logger.ts';

const apiError = (code: number, description: string, retryAfter?: number) =>
  new TelegramError({
    error_code: code,
    description,
    ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }),
  });

/** A call that fails with each of `failures` in turn, then answers `result`; counts its attempts. */
function flaky<T>(failures: unknown[], result: T) {
  const calls = { count: 0 };
  const call = async () => {
    const failure = failures[calls.count++];
    if (failure !== undefined) throw failure;
    return result;
  };
  return { call, calls };
}

/** Options whose sleep only records how long it was asked to wait. */
function options(extra: Partial<CallOptions> = {}) {
  const waits: number[] = [];
  let rateLimited = 0;
  const base: CallOptions = {
    log: silentLogger(),
    sleep: async (ms) => {
      waits.push(ms);
    },
    onRateLimited: () => {
      rateLimited++;
    },
    ...extra,
  };
  return { options: base, waits, rateLimited: () => rateLimited };
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TelegramCallError))
    throw new Error(`expected a TelegramCallError, got ${String(error)}`);
  return error;
}

describe('callTelegram', () => {
  test('a 429 waits the retry_after Telegram gave, then sends again', async () => {
    const { call, calls } = flaky([apiError(429, 'Too Many Requests: retry after 3', 3)], 'sent');
    const o = options();
    expect(await callTelegram('sendMessage', call, o.options)).toBe('sent');
    expect(o.waits).toEqual([3_000]);
    expect(calls.count).toBe(2);
    expect(o.rateLimited()).toBe(1);
  });

  test('a 429 without retry_after waits a second; a very long one is capped at two minutes', async () => {
    const { call } = flaky(
      [apiError(429, 'Too Many Requests'), apiError(429, 'Too Many Requests: retry after 9000', 9_000)],
      'sent',
    );
    const o = options();
    await callTelegram('sendMessage', call, o.options);
    expect(o.waits).toEqual([1_000, 120_000]);
  });

  test('429s that never end give up after five attempts as unavailable', async () => {
    const busy = apiError(429, 'Too Many Requests: retry after 1', 1);
    const { call, calls } = flaky([busy, busy, busy, busy, busy, busy], 'sent');
    const o = options();
    const error = await failureOf(callTelegram('sendMessage', call, o.options));
    expect(error.failure.kind).toBe('unavailable');
    expect(calls.count).toBe(5);
    expect(o.waits).toEqual([1_000, 1_000, 1_000, 1_000]);
  });

  test('server errors and network failures are retried with a growing backoff', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const { call, calls } = flaky(
      [apiError(502, 'Bad Gateway'), reset, apiError(500, 'Internal Server Error'), reset],
      'sent',
    );
    const o = options();
    expect(await callTelegram('editMessageText', call, o.options)).toBe('sent');
    expect(calls.count).toBe(5);
    expect(o.waits).toEqual([500, 1_000, 2_000, 4_000]);
    expect(o.rateLimited()).toBe(0);
  });

  test('the backoff stops growing at eight seconds, and the attempts are the caller’s to set', async () => {
    const down = apiError(503, 'Service Unavailable');
    const { call, calls } = flaky(
      Array.from({ length: 10 }, () => down),
      'sent',
    );
    const o = options({ attempts: 7 });
    const error = await failureOf(callTelegram('sendMessage', call, o.options));
    expect(error.failure).toEqual({
      kind: 'unavailable',
      description: expect.stringContaining('Service Unavailable'),
    });
    expect(error.message).toBe('sendMessage: 503: Service Unavailable');
    expect(calls.count).toBe(7);
    expect(o.waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  test('a network failure that outlasts the attempts says what failed', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    const { call } = flaky([refused, refused], 'sent');
    const error = await failureOf(callTelegram('getMe', call, options({ attempts: 2 }).options));
    expect(error.failure).toEqual({ kind: 'unavailable', description: 'connect ECONNREFUSED 127.0.0.1:443' });
  });

  test.each([
    [403, 'Forbidden: bot was blocked by the user', 'blocked'],
    [403, 'Forbidden: bot was kicked from the supergroup chat', 'removed'],
    [400, 'Bad Request: chat not found', 'chat-not-found'],
    [400, 'Bad Request: bot is not a member of the channel chat', 'removed'],
    [400, 'Bad Request: not enough rights to send text messages to the chat', 'no-permission'],
    [403, "Forbidden: bot can't initiate conversation with a user", 'no-private-chat'],
  ])('%i “%s” means the chat is gone, at once (%s)', async (code, description, cause) => {
    const { call, calls } = flaky([apiError(code, description)], 'sent');
    const o = options();
    const error = await failureOf(callTelegram('sendMessage', call, o.options));
    expect(error.failure).toEqual({
      kind: 'chat-gone',
      description: expect.stringContaining(description),
      cause,
    });
    expect(calls.count).toBe(1);
    expect(o.waits).toEqual([]);
  });

  test('any other 4xx is rejected at once: sending it again would fail the same way', async () => {
    const { call, calls } = flaky(
      [apiError(400, 'Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 0')],
      'sent',
    );
    const o = options();
    const error = await failureOf(callTelegram('sendMessage', call, o.options));
    expect(error.failure.kind).toBe('rejected');
    expect(error.failure.description).toContain("can't parse entities");
    expect(calls.count).toBe(1);
    expect(o.waits).toEqual([]);
  });

  test('“message is not modified” is success: the message already shows that text', async () => {
    const { call, calls } = flaky(
      [
        apiError(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        ),
      ],
      'edited',
    );
    const o = options();
    await expect(callTelegram('editMessageText', call, o.options)).resolves.toBeUndefined();
    expect(calls.count).toBe(1);
    expect(o.waits).toEqual([]);
  });

  test('an expired callback query is recognised, so its press can go on without a toast', () => {
    expect(isQueryTooOld(apiError(400, 'Bad Request: query is too old and response timeout expired'))).toBe(
      true,
    );
    expect(isQueryTooOld(apiError(400, 'Bad Request: query ID is invalid'))).toBe(true);
    expect(isQueryTooOld(apiError(400, 'Bad Request: message to edit not found'))).toBe(false);
    expect(isQueryTooOld(new Error('query is too old'))).toBe(false);
  });
});
