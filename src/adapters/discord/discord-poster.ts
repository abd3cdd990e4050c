// The outbox's Discord port: one scheduled post per call, de-duplicated by nonce, the outcome as a value.
import { createHash } from 'node:crypto';
import { type REST, Routes } from 'discord.js';
import type { PayloadSeal } from '../../core/action-seal.ts';
import {
  type DeliveryFailure,
  type Poster,
  type PostResult,
  postFailure,
  userOfPrivateChat,
} from '../../schedule/poster.ts';
import { sealMessage } from '../shared/seal-message.ts';
import { ChannelMessages, refOf } from './channel-messages.ts';
import { classifyDiscordError, type DiscordFailure } from './discord-errors.ts';
import { renderMessage } from './render-embeds.ts';

/** Discord accepts nonces of at most 25 characters. */
const NONCE_LENGTH = 25;

/**
 * A stable nonce per part of a post. A retry continues after the parts recorded as delivered; the
 * part whose outcome was unknown (a reset after Discord took it) is sent again with the same nonce,
 * and Discord answers with the first message instead of posting it twice.
 */
export const partNonce = (nonce: string, index: number) =>
  createHash('sha256').update(`${nonce}#${index}`).digest('base64url').slice(0, NONCE_LENGTH);

/** A failure to post in a channel, in the outbox's terms. */
function deliveryFailure(failure: DiscordFailure): DeliveryFailure {
  switch (failure.kind) {
    case 'rejected':
      // 403/404 on posting mean the channel is out of reach; any other refusal is about our payload.
      return failure.status === 403 || failure.status === 404
        ? { kind: 'chat-gone', description: failure.description }
        : { kind: 'rejected', description: failure.description };
    case 'interaction-expired':
    case 'already-acknowledged':
      return { kind: 'rejected', description: failure.description };
    default:
      return failure;
  }
}

/**
 * `rest` must reject on rate limits (see createDiscordRest's handBackRateLimits), so a 429 comes back to
 * the outbox, which pauses that chat and retries after `retry_after`, instead of waiting in the queue.
 */
export function createDiscordPoster(rest: REST, seal: PayloadSeal): Poster {
  const channels = new ChannelMessages(rest);
  /** User id → the id of the bot's DM channel with them (opening it again returns the same one). */
  const dms = new Map<string, string>();
  const channelOf = async (chatId: string): Promise<string> => {
    const userId = userOfPrivateChat(chatId);
    if (userId === undefined) return chatId;
    const known = dms.get(userId);
    if (known) return known;
    const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
      id: string;
    };
    dms.set(userId, channel.id);
    return channel.id;
  };
  return {
    platform: 'discord',
    // Discord has no per-group message limit beyond the per-channel one.
    isGroup: () => false,
    async post(target, message, nonce, progress): Promise<PostResult> {
      let chatId: string;
      try {
        chatId = await channelOf(target);
      } catch (error) {
        return postFailure(deliveryFailure(classifyDiscordError(error)));
      }
      const parts = renderMessage(sealMessage(message, seal, { platform: 'discord', chatId }));
      let last = progress.delivered.at(-1);
      for (let index = progress.delivered.length; index < parts.length; index++) {
        const part = parts[index];
        if (!part) break;
        let messageId: string;
        const answered = await progress.pace();
        try {
          messageId = await channels.post(chatId, part, partNonce(nonce, index));
        } catch (error) {
          return postFailure(deliveryFailure(classifyDiscordError(error)));
        } finally {
          answered();
        }
        last = refOf(chatId, messageId);
        await progress.onPart(index, parts.length, last);
      }
      return last === undefined
        ? { ok: false, kind: 'rejected', reason: 'the message rendered to no parts' }
        : { ok: true, ref: last };
    },
  };
}
