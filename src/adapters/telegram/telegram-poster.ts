// Telegram's send: one new message (in parts when long) per call, the outcome as a value (the caller retries).

import type { Telegram } from 'telegraf';
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
import { renderHtml } from './render-html.ts';
import { classifyTelegramError } from './telegram-errors.ts';
import { TELEGRAM_POST_LIMITS } from './telegram-limits.ts';
import { messageOptions, refOf } from './telegram-messages.ts';

/** telegraf types its signal with an AbortSignal shim; node's own is what node-fetch receives. */
type TelegrafSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;

/** A send with no answer by then counts as failed with an unknown outcome (the outbox retries). */
const SEND_TIMEOUT_MS = 30_000;

/**
 * Each send is tried once: a 429, a server error or a network failure comes back to the caller (the
 * outbox, the deliverer), which paces, backs off and retries itself.
 */
export function createTelegramPoster(
  telegram: Telegram,
  seal: PayloadSeal,
  /** Told of every 429 (metrics). */
  onRateLimited: () => void = () => {},
): Poster {
  return {
    platform: 'telegram',
    limits: TELEGRAM_POST_LIMITS,
    // Groups, supergroups and channels have negative ids; they carry the 20-per-minute limit.
    isGroup: (chatId) => chatId.startsWith('-'),
    async send(chatId, message, options = {}): Promise<SendResult> {
      const progress = options.progress ?? unpaced();
      // A user's private chat with the bot has the user's id.
      const id = Number(userOfPrivateChat(chatId) ?? chatId);
      const parts = renderHtml(sealMessage(message, seal, { platform: 'telegram', chatId }));
      if (parts.length === 0) return malformed('the message rendered to no parts');
      let last = progress.delivered.at(-1);
      for (let index = progress.delivered.length; index < parts.length; index++) {
        const part = parts[index];
        if (!part) break;
        let messageId: number;
        const answered = await progress.pace();
        try {
          // Bounded, so a request that never answers does not hold its place in the rate windows.
          const sent = await telegram.callApi(
            'sendMessage',
            {
              chat_id: id,
              text: part.text,
              ...messageOptions(part),
            },
            { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) as unknown as TelegrafSignal },
          );
          messageId = sent.message_id;
        } catch (error) {
          const failure = classifyTelegramError(error);
          if (failure.kind === 'rate-limited') onRateLimited();
          // "Not modified" cannot answer a send; read it as the platform refusing the request.
          return sendFailure(failure.kind === 'not-modified' ? { ...failure, kind: 'rejected' } : failure);
        } finally {
          answered();
        }
        last = refOf(id, messageId);
        await progress.onPart(index, parts.length, last);
      }
      return last === undefined ? malformed('the message rendered to no parts') : { ok: true, ref: last };
    },
  };
}
