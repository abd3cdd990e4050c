// Discord's send: one new message (in parts when long) per call, de-duplicated by nonce, the outcome as a value.

import { createHash } from 'node:crypto';
import { type REST, Routes } from 'discord.js';
import type { PayloadSeal } from '../../core/action-seal.ts';
import { userOfPrivateChat } from '../../core/private-chat.ts';
import {
  malformed,
  type Poster,
  type SendResult,
  sendFailure,
  unpaced,
} from '../../delivery/platform-adapter.ts';
import { sealMessage } from '../shared/seal-message.ts';
import { classifyDiscordError, deliveryFailure } from './discord-errors.ts';
import { DISCORD_POST_LIMITS } from './discord-limits.ts';
import { ChannelMessages, refOf } from './discord-messages.ts';
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

/** `dm:<user id>` (see discord-actor.ts): a user's DM with the bot, opened when first posted to. */
const DM_CHAT = /^dm:(\d{1,20})$/;

/** Opens (or finds: Discord returns the existing one) the DM channel with a user; ids are cached. */
function dmChannels(rest: REST) {
  const known = new Map<string, string>();
  return async (userId: string): Promise<string> => {
    const cached = known.get(userId);
    if (cached) return cached;
    const channel = await rest.post(Routes.userChannels(), { body: { recipient_id: userId } });
    if (
      typeof channel !== 'object' ||
      channel === null ||
      !('id' in channel) ||
      typeof channel.id !== 'string'
    )
      throw new Error('Discord answered a DM channel create without a channel id');
    known.set(userId, channel.id);
    return channel.id;
  };
}

/**
 * `rest` must reject on rate limits (see createDiscordRest's handBackRateLimits), so a 429 comes back to
 * the caller (the outbox, the deliverer), which pauses that chat and retries after `retry_after`,
 * instead of waiting in the queue.
 */
export function createDiscordPoster(rest: REST, seal: PayloadSeal): Poster {
  const channels = new ChannelMessages(rest);
  const openDm = dmChannels(rest);
  return {
    platform: 'discord',
    limits: DISCORD_POST_LIMITS,
    // Discord has no per-group message limit beyond the per-channel one.
    isGroup: () => false,
    async send(target, message, options = {}): Promise<SendResult> {
      const progress = options.progress ?? unpaced();
      let chatId = target;
      // A user's private chat: `dm:<id>` (the actor's own, from a command) or `user:<id>` (a notice).
      const dmUser = DM_CHAT.exec(target)?.[1] ?? userOfPrivateChat(target);
      if (dmUser) {
        try {
          chatId = await openDm(dmUser);
        } catch (error) {
          return sendFailure(deliveryFailure(classifyDiscordError(error)));
        }
      }
      // Sealed to the channel the buttons are pressed in (a DM's own id, not the user's).
      const parts = renderMessage(sealMessage(message, seal, { platform: 'discord', chatId }));
      let last = progress.delivered.at(-1);
      for (let index = progress.delivered.length; index < parts.length; index++) {
        const part = parts[index];
        if (!part) break;
        let messageId: string;
        const answered = await progress.pace();
        try {
          messageId = await channels.post(
            chatId,
            part,
            options.nonce === undefined ? undefined : partNonce(options.nonce, index),
          );
        } catch (error) {
          return sendFailure(deliveryFailure(classifyDiscordError(error)));
        } finally {
          answered();
        }
        last = refOf(chatId, messageId);
        await progress.onPart(index, parts.length, last);
      }
      return last === undefined ? malformed('the message rendered to no parts') : { ok: true, ref: last };
    },
  };
}
