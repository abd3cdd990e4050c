// The outbox's Discord port: one scheduled post per call, de-duplicated by nonce, the outcome as a value.
import { createHash } from 'node:crypto';
import type { REST } from 'discord.js';
import type { PayloadSeal } from '../../core/action-seal.ts';
import type { Poster, PostResult } from '../../schedule/poster.ts';
import { sealMessage } from '../shared/seal-message.ts';
import { ChannelMessages, refOf } from './channel-messages.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { renderMessage } from './render-embeds.ts';

/** Discord accepts nonces of at most 25 characters. */
const NONCE_LENGTH = 25;

/**
 * A stable nonce per part of a post: a retry re-sends every part with the same nonces, and Discord
 * answers the parts that already went out with the first message instead of posting them twice.
 */
export const partNonce = (nonce: string, index: number) =>
  createHash('sha256').update(`${nonce}#${index}`).digest('base64url').slice(0, NONCE_LENGTH);

/**
 * `rest` must reject on rate limits (see createDiscordRest's handBackRateLimits), so a 429 comes back to
 * the outbox, which pauses that chat and retries after `retry_after`, instead of waiting in the queue.
 */
export function createDiscordPoster(rest: REST, seal: PayloadSeal): Poster {
  const channels = new ChannelMessages(rest);
  return {
    platform: 'discord',
    // Discord has no per-group message limit beyond the per-channel one.
    isGroup: () => false,
    async post(chatId, message, nonce): Promise<PostResult> {
      let last: string | undefined;
      try {
        const sealed = sealMessage(message, seal, { platform: 'discord', chatId });
        for (const [index, part] of renderMessage(sealed).entries()) {
          last = await channels.post(chatId, part, partNonce(nonce, index));
        }
      } catch (error) {
        const failure = classifyDiscordError(error);
        switch (failure.kind) {
          case 'rate-limited':
            return { ok: false, kind: 'rate-limited', retryAfterMs: failure.retryAfterMs };
          case 'chat-gone':
            return { ok: false, kind: 'permanent', reason: failure.description };
          case 'rejected':
            // 403/404 mean the channel is out of reach; anything else is this payload, not the channel.
            return failure.status === 403 || failure.status === 404
              ? { ok: false, kind: 'permanent', reason: failure.description }
              : { ok: false, kind: 'transient', reason: failure.description };
          default:
            return { ok: false, kind: 'transient', reason: failure.description };
        }
      }
      return last === undefined
        ? { ok: false, kind: 'transient', reason: 'nothing was posted' }
        : { ok: true, ref: refOf(chatId, last) };
    },
  };
}
