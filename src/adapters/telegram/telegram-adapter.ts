// Telegram adapter (telegraf): updates → commands and actions; neutral output → HTML messages.
import { Telegraf } from 'telegraf';
import type { Chat, Message, Update, User } from 'telegraf/types';
import type { CommandRouter } from '../../commands/command-router.ts';
import { type CommandLine, parseCommandLine } from '../../commands/parse-command-line.ts';
import type { Actor } from '../../core/actor.ts';
import { markChatActive, markChatInactive } from '../../core/chat-status.ts';
import { clipText } from '../../core/clip-text.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { Outgoing, Response } from '../../core/output.ts';
import type { ChatDelivery } from '../../core/quiz-service.ts';
import type { Logger } from '../../logger.ts';
import type { Poster, PostResult } from '../../schedule/poster.ts';
import { CoalescedEdits } from '../shared/coalesced-edits.ts';
import { escapeHtml, renderHtml, type TelegramMessage } from './render-html.ts';
import { isChatAdmin, telegramActor } from './telegram-actor.ts';
import { callTelegram, isQueryTooOld, TelegramCallError } from './telegram-call.ts';

/** answerCallbackQuery toasts are at most 200 characters. */
export const TELEGRAM_MAX_TOAST = 200;
/** Live answer counts are edited at most this often per message (groups allow ~20 messages a minute). */
const COUNTER_EDIT_INTERVAL_MS = 3_000;
const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a moment.';

export interface TelegramAdapterOptions {
  token: string;
  apiRoot?: string;
  webhook?: { url: string; secret: string; port: number; host?: string };
  /** How often a live answer count may be edited per message (default 3 s). */
  counterEditIntervalMs?: number;
  router: CommandRouter;
  core: CoreServices;
  log: Logger;
}

/** Where the update came from: the chat, and the message whose button was pressed. */
interface Origin {
  chatId: number;
  pressedMessageId?: number;
}

const refOf = (chatId: number, messageId: number) => `${chatId}:${messageId}`;
function parseRef(ref: string): { chatId: number; messageId: number } | undefined {
  const match = /^(-?\d+):(\d+)$/.exec(ref);
  return match ? { chatId: Number(match[1]), messageId: Number(match[2]) } : undefined;
}

export class TelegramAdapter {
  readonly platform = 'telegram' as const;
  readonly bot: Telegraf;
  readonly #edits: CoalescedEdits;
  readonly #log: Logger;
  #running: Promise<void> | undefined;

  constructor(private readonly options: TelegramAdapterOptions) {
    this.#log = options.log.child({ platform: 'telegram' });
    this.#edits = new CoalescedEdits(options.counterEditIntervalMs ?? COUNTER_EDIT_INTERVAL_MS);
    this.bot = new Telegraf(options.token, {
      telegram: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), webhookReply: false },
    });
    this.bot.on('callback_query', (ctx) =>
      this.#onPress(ctx.update.update_id, ctx.callbackQuery.id, ctx.callbackQuery),
    );
    this.bot.on('message', (ctx) => this.#onMessage(ctx.update.update_id, ctx.message, ctx.me));
    this.bot.on('channel_post', (ctx) => this.#onMessage(ctx.update.update_id, ctx.channelPost, ctx.me));
    this.bot.catch((error, ctx) => this.#onError(error, ctx.update));
  }

  async #call<T>(method: string, chatId: number, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await callTelegram(method, call, { log: this.#log });
    } catch (error) {
      if (error instanceof TelegramCallError && error.failure.kind === 'chat-gone') {
        await markChatInactive(this.options.core, 'telegram', String(chatId), error.failure.description);
        return undefined;
      }
      throw error;
    }
  }

  async #sendParts(chatId: number, parts: TelegramMessage[]): Promise<number | undefined> {
    let last: number | undefined;
    for (const part of parts) {
      const sent = await this.#call('sendMessage', chatId, () =>
        this.bot.telegram.sendMessage(chatId, part.text, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
        }),
      );
      if (!sent) return undefined;
      last = sent.message_id;
    }
    return last;
  }

  async #editMessage(chatId: number, messageId: number, part: TelegramMessage): Promise<void> {
    await this.#call('editMessageText', chatId, () =>
      this.bot.telegram.editMessageText(chatId, messageId, undefined, part.text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
      }),
    );
  }

  /** Replaces a message; what does not fit in it follows as new messages. */
  async #replace(chatId: number, messageId: number, parts: TelegramMessage[]): Promise<void> {
    const [first, ...rest] = parts;
    if (!first) return;
    await this.#editMessage(chatId, messageId, first);
    if (rest.length > 0) await this.#sendParts(chatId, rest);
  }

  async #deliver(origin: Origin, messages: Outgoing[]): Promise<void> {
    for (const out of messages) {
      const parts = renderHtml(out.message);
      const target = out.target;
      if (target.to === 'edit') {
        const ref = parseRef(target.ref);
        if (!ref) continue;
        await this.#edits.edit(target.ref, () => this.#replace(ref.chatId, ref.messageId, parts), {
          coalesce: out.coalesceKey !== undefined,
        });
        continue;
      }
      if (target.to === 'update' && origin.pressedMessageId !== undefined) {
        const ref = refOf(origin.chatId, origin.pressedMessageId);
        const messageId = origin.pressedMessageId;
        await this.#edits.edit(ref, () => this.#replace(origin.chatId, messageId, parts), {
          coalesce: false,
        });
        await out.afterSend?.(ref);
        continue;
      }
      // reply, private (Telegram has no ephemeral messages) and chat all post a new message.
      const messageId = await this.#sendParts(origin.chatId, parts);
      if (messageId !== undefined) await out.afterSend?.(refOf(origin.chatId, messageId));
    }
  }

  async #onPress(
    updateId: number,
    queryId: string,
    query: { from: User; data?: string; message?: { chat: Chat; message_id: number } },
  ): Promise<void> {
    const chat = query.message?.chat;
    if (!chat) {
      await this.bot.telegram.answerCbQuery(queryId, 'This button no longer works here.');
      return;
    }
    const actor = telegramActor(chat, query.from, undefined);
    const log = this.#log.child({ updateId, chatId: actor.chatId, userId: actor.userId });
    const response: Response =
      typeof query.data === 'string'
        ? await this.options.router.press(actor, query.data)
        : { notice: { text: 'That button is not valid.', tone: 'error' }, messages: [] };
    try {
      await callTelegram(
        'answerCallbackQuery',
        () =>
          this.bot.telegram.answerCbQuery(
            queryId,
            response.notice ? clipText(response.notice.text, TELEGRAM_MAX_TOAST) : undefined,
          ),
        { log },
      );
    } catch (error) {
      // A press we were too slow for still gets its effect; only the toast is lost.
      if (!isQueryTooOld(error)) throw error;
      log.warn('callback query expired before it was answered');
    }
    const origin: Origin = { chatId: chat.id, pressedMessageId: query.message?.message_id ?? 0 };
    await this.#deliver(origin, response.messages);
  }

  /** `/start quiz-<article>` (deep links) runs that command; plain `/start` greets. */
  #startLine(line: CommandLine): CommandLine {
    const link = /^(quiz|group|read|brief)-([a-z0-9-]{1,60})$/.exec(line.args);
    if (!link) return { name: 'help', args: '' };
    const [, kind, article] = link;
    if (kind === 'group') return { name: 'quiz', args: `${article} group` };
    return { name: kind ?? 'help', args: article ?? '' };
  }

  async #onMessage(updateId: number, message: Message, me: string): Promise<void> {
    if (!('text' in message)) return;
    const line = parseCommandLine(message.text);
    if (!line) return;
    if (line.addressee && line.addressee.toLowerCase() !== me.toLowerCase()) return;
    const from = 'from' in message ? message.from : undefined;
    const senderChat = 'sender_chat' in message ? message.sender_chat : undefined;
    const actor: Actor = telegramActor(message.chat, from, senderChat);
    const log = this.#log.child({ updateId, chatId: actor.chatId, userId: actor.userId, command: line.name });
    await markChatActive(this.options.core, 'telegram', actor.chatId);
    const effective = line.name === 'start' ? this.#startLine(line) : line;
    const response = await this.options.router.runLine(actor, effective, () =>
      isChatAdmin(this.bot.telegram, message.chat, from, senderChat),
    );
    if (line.name === 'start' && !line.args) {
      await this.#sendParts(message.chat.id, [
        { text: 'Welcome to <b>newsquiz</b>. Here is what I can do:' },
      ]);
    }
    if (response.notice) await this.#sendParts(message.chat.id, [{ text: escapeHtml(response.notice.text) }]);
    await this.#deliver({ chatId: message.chat.id }, response.messages);
    log.debug('command handled');
  }

  async #onError(error: unknown, update: Update): Promise<void> {
    this.#log.error({ err: error, updateId: update.update_id }, 'update handler failed');
    try {
      if ('callback_query' in update) {
        await this.bot.telegram.answerCbQuery(update.callback_query.id, APOLOGY);
      } else if ('message' in update) {
        await this.bot.telegram.sendMessage(update.message.chat.id, APOLOGY);
      } else if ('channel_post' in update) {
        await this.bot.telegram.sendMessage(update.channel_post.chat.id, APOLOGY);
      }
    } catch (apologyError) {
      this.#log.warn({ err: apologyError, updateId: update.update_id }, 'could not send the apology');
    }
  }

  /** The outbox's port: one scheduled post, with the outcome as a value (429s are the sender's to wait). */
  readonly poster: Poster = {
    platform: 'telegram',
    isGroup: (chatId) => chatId.startsWith('-'),
    post: async (chatId, message): Promise<PostResult> => {
      const id = Number(chatId);
      let last: number | undefined;
      try {
        for (const part of renderHtml(message)) {
          const sent = await callTelegram(
            'sendMessage',
            () =>
              this.bot.telegram.sendMessage(id, part.text, {
                parse_mode: 'HTML',
                link_preview_options: { is_disabled: true },
                ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
              }),
            { log: this.#log, rateLimitsToCaller: true, attempts: 1 },
          );
          last = sent?.message_id;
        }
      } catch (error) {
        if (!(error instanceof TelegramCallError)) throw error;
        const failure = error.failure;
        if (failure.kind === 'rate-limited')
          return { ok: false, kind: 'rate-limited', retryAfterMs: failure.retryAfterMs };
        if (failure.kind === 'unavailable')
          return { ok: false, kind: 'transient', reason: failure.description };
        return { ok: false, kind: 'permanent', reason: failure.description };
      }
      return last === undefined
        ? { ok: false, kind: 'transient', reason: 'no message id returned' }
        : { ok: true, ref: refOf(id, last) };
    },
  };

  /** Timer-driven posts (group rounds closing) for one chat. */
  deliver = async (delivery: ChatDelivery): Promise<void> => {
    await this.#deliver({ chatId: Number(delivery.chatId) }, delivery.messages);
  };

  /** Publishes the command list (a failure is logged, not fatal), then polls or serves the webhook. */
  async start(): Promise<void> {
    try {
      await this.bot.telegram.setMyCommands(
        this.options.router.commands.map((command) => ({
          command: command.name,
          description: command.description,
        })),
      );
    } catch (error) {
      this.#log.error(
        { err: error },
        'setMyCommands failed; commands still work but are not listed in the menu',
      );
    }
    const allowedUpdates: ('message' | 'channel_post' | 'callback_query')[] = [
      'message',
      'channel_post',
      'callback_query',
    ];
    const webhook = this.options.webhook;
    if (webhook) {
      // In webhook mode launch() resolves once the webhook is set.
      const url = new URL(webhook.url);
      this.#running = this.bot.launch({
        allowedUpdates,
        webhook: {
          domain: url.host,
          path: url.pathname === '/' ? '/telegram' : url.pathname,
          port: webhook.port,
          host: webhook.host ?? '0.0.0.0',
          secretToken: webhook.secret,
        },
      });
      await this.#running;
    } else {
      // In polling mode launch() runs until stop(); its callback fires once the bot is known.
      await new Promise<void>((ready, fail) => {
        this.#running = this.bot
          .launch({ allowedUpdates }, () => ready())
          .catch((error: unknown) => {
            this.#log.error({ err: error }, 'Telegram polling stopped');
            fail(error);
          });
      });
    }
    this.#log.info(
      { username: this.bot.botInfo?.username, mode: this.options.webhook ? 'webhook' : 'polling' },
      'Telegram bot started',
    );
  }

  async stop(): Promise<void> {
    this.#edits.close();
    try {
      this.bot.stop('shutdown');
    } catch {
      // Not running (start failed); nothing to stop.
    }
    await this.#running;
  }
}
