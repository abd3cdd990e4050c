// REST clients for Discord: the client's own (waits on rate limits) and the outbox's (hands 429s back).
import { DefaultRestOptions, REST, type RESTOptions } from 'discord.js';

export interface DiscordRestOptions {
  token: string;
  /** DISCORD_API_BASE: a proxy or the emulator (discord.js appends /v10). */
  apiBase?: string;
  /**
   * For the outbox: a rate limit rejects at once (RateLimitError) instead of waiting in the queue, and a
   * server error is not retried here, because the outbox schedules its own retries. The outbox paces
   * every post under the overall limit itself (scaled by OUTBOX_RATE_SCALE), so this client's own
   * 50-per-second counter, which sees only the outbox's requests anyway, is not applied twice.
   */
  handBackRateLimits?: boolean;
  /** Told of every answer of HTTP 429 (metrics). */
  onTooManyRequests?: () => void;
}

/**
 * discord.js's own request function, telling of each 429 it gets. Its RateLimited event only tells of
 * the waits it sees coming from the headers, not of a 429 it meets.
 */
export function countingTooManyRequests(onTooManyRequests: () => void): RESTOptions['makeRequest'] {
  return async (url, init) => {
    const response = await DefaultRestOptions.makeRequest(url, init);
    if (response.status === 429) onTooManyRequests();
    return response;
  };
}

export function createDiscordRest(options: DiscordRestOptions): REST {
  return new REST({
    ...(options.apiBase ? { api: options.apiBase } : {}),
    ...(options.onTooManyRequests ? { makeRequest: countingTooManyRequests(options.onTooManyRequests) } : {}),
    ...(options.handBackRateLimits
      ? { rejectOnRateLimit: () => true, retries: 0, globalRequestsPerSecond: Number.MAX_SAFE_INTEGER }
      : {}),
  }).setToken(options.token);
}
