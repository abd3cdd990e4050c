// Telegram adapter (telegraf): updates → commands and actions; neutral output → HTML messages.
import type { Server } from 'node:http';
import { Telegraf } from 'telegraf';
import type { Chat, Message, Update, User } from 'telegraf/types';
import type { CommandRouter } from '../../command-kit/command-router.ts';
import { descriptionIn } from '../../command-kit/command-texts.ts';
import { type CommandLine, parseCommandLine } from '../../command-kit/parse-command-line.ts';
import type { PayloadSeal } from '../../core/action-seal.ts';
import type { Actor } from '../../core/actor.ts';
import { markChatInactive } from '../../core/chat-status.ts';
import { clipText } from '../../core/clip-text.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { NeutralMessage, Outgoing, Response } from '../../core/output.ts';
import { isStoreUnavailable } from '../../core/ports.ts';
import type {
  Acknowledged,
  PlatformAdapter,
  PlatformWording,
  Poster,
  ResponseOutlet,
  SendOptions,
  SendResult,
} from '../../delivery/platform-adapter.ts';
import { failureReason, malformed, sendFailure } from '../../delivery/platform-adapter.ts';
import { limitServer, type ServerLimits } from '../../http/server-limits.ts';
import { defaultLocale, inLocale, t } from '../../i18n/current-locale.ts';
import { matchLocale } from '../../i18n/locales.ts';
import type { Logger } from '../../logger.ts';
import { failureLevel, failureText } from '../shared/failure-text.ts';
import { sealMessage } from '../shared/seal-message.ts';
import { type PollingWatch, watchPolling } from './polling-watch.ts';
import { escapeHtml, renderHtml, type TelegramMessage } from './render-html.ts';
import { isChatAdmin, telegramActor } from './telegram-actor.ts';
import { callTelegram, isQueryTooOld, TelegramCallError } from './telegram-call.ts';
import {
  TELEGRAM_LIVE_EDIT_INTERVAL_MS,
  TELEGRAM_MAX_TOAST,
  TELEGRAM_POST_LIMITS,
} from './telegram-limits.ts';
import { messageOptions, parseRef, refOf } from './telegram-messages.ts';
import { createTelegramPoster } from './telegram-poster.ts';

export { TELEGRAM_MAX_TOAST };

export interface TelegramAdapterOptions {
  token: string;
  apiRoot?: string;
  /** `limits`: the webhook server's time limits (default: SERVER_LIMITS, as the bot's own servers). */
  webhook?: { url: string; secret: string; port: number; host?: string; limits?: ServerLimits };
  /** How often a live answer count may be edited per message (default: Telegram's, 3 s). */
  counterEditIntervalMs?: number;
  router: CommandRouter;
  core: CoreServices;
  /** The deliverer: every response goes out through it. */
  outlet: ResponseOutlet;
  /** Seals button payloads to their chat, and opens them on a press. */
  seal: PayloadSeal;
  log: Logger;
}

/** Where the update came from: the chat, who acted, and the message whose button was pressed. */
interface Origin {
  chatId: number;
  /** A chat with just the bot and this user (personal messages can stay in it). */
  isPrivate: boolean;
  /** The acting user: personal messages from a group or channel go to their private chat. */
  userId?: number;
  pressedMessageId?: number;
}

/** The languages besides English whose command lists are published, with Telegram's codes for them. */
const TELEGRAM_LANGUAGES = [
  ['de', 'de'],
  ['zh-CN', 'zh'],
] as const;

/** An update being answered: where it came from, and what answering it takes besides the messages. */
export interface TelegramEvent {
  origin: Origin;
  /** A button press: its callback query is answered with a toast. */
  press?: { queryId: string; began: number; log: Logger };
  /** Plain `/start`: a greeting goes first. */
  greet?: boolean;
  /** A typed command: a private chat that could not be reached is explained in the chat. */
  command?: boolean;
}

/** Telegram's own words for where personal messages go. */
export const TELEGRAM_WORDING: PlatformWording = {
  privatePlace: 'wording-telegram-private-place',
  reachPrivately: 'wording-telegram-reach-privately',
  linkElsewhere: 'wording-telegram-link-elsewhere',
};

/** Said when a personal message could not be sent because the user never opened a chat with the bot. */
const openPrivateChat = () => t('telegram-open-private-chat');

export class TelegramAdapter implements PlatformAdapter<TelegramEvent> {
  readonly platform = 'telegram' as const;
  readonly limits = TELEGRAM_POST_LIMITS;
  readonly liveEditIntervalMs: number;
  readonly wording = TELEGRAM_WORDING;
  readonly bot: Telegraf;
  /** New messages, one call each (telegram-poster.ts). */
  readonly #poster: Poster;
  readonly #log: Logger;
  #running: Promise<void> | undefined;
  /** Why updates are not being received, whatever the polling or the webhook say: not started, stopped. */
  #down: string | undefined = 'not started';
  readonly #polling: PollingWatch;

  constructor(private readonly options: TelegramAdapterOptions) {
    this.#log = options.log.child({ platform: 'telegram' });
    this.liveEditIntervalMs = options.counterEditIntervalMs ?? TELEGRAM_LIVE_EDIT_INTERVAL_MS;
    this.bot = new Telegraf(options.token, {
      telegram: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), webhookReply: false },
    });
    this.#polling = watchPolling(this.bot.telegram);
    this.#poster = createTelegramPoster(this.bot.telegram, options.seal, () =>
      options.core.metrics.rateLimited('telegram'),
    );
    // Each update is handled in its reader's language (see CommandRouter.speaking).
    this.bot.on('callback_query', (ctx) => {
      const { from, message } = ctx.callbackQuery;
      return options.router.speaking(
        message ? telegramActor(message.chat, from, undefined) : undefined,
        () => this.#onPress(ctx.update.update_id, ctx.callbackQuery.id, ctx.callbackQuery),
        from.language_code,
      );
    });
    const onMessage = (updateId: number, message: Message, me: string) =>
      options.router.speaking(
        telegramActor(message.chat, message.from, 'sender_chat' in message ? message.sender_chat : undefined),
        () => this.#onMessage(updateId, message, me),
      );
    this.bot.on('message', (ctx) => onMessage(ctx.update.update_id, ctx.message, ctx.me));
    this.bot.on('channel_post', (ctx) => onMessage(ctx.update.update_id, ctx.channelPost, ctx.me));
    this.bot.catch((error, ctx) => this.#onError(error, ctx.update));
  }

  readonly #rateLimited = () => this.options.core.metrics.rateLimited('telegram');

  async #call<T>(method: string, chatId: number, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await callTelegram(method, call, { log: this.#log, onRateLimited: this.#rateLimited });
    } catch (error) {
      if (error instanceof TelegramCallError && error.failure.kind === 'chat-gone') {
        await markChatInactive(this.options.core, 'telegram', String(chatId), failureReason(error.failure));
        return undefined;
      }
      throw error;
    }
  }

  async #sendParts(chatId: number, parts: TelegramMessage[]): Promise<number | undefined> {
    let last: number | undefined;
    for (const part of parts) {
      const sent = await this.#call('sendMessage', chatId, () =>
        this.bot.telegram.sendMessage(chatId, part.text, messageOptions(part)),
      );
      if (!sent) return undefined;
      last = sent.message_id;
    }
    return last;
  }

  /** Replaces a message; what does not fit in it follows as new messages. */
  async #replace(chatId: number, messageId: number, parts: TelegramMessage[]): Promise<void> {
    const [first, ...rest] = parts;
    if (!first) return;
    await this.#call('editMessageText', chatId, () =>
      this.bot.telegram.editMessageText(chatId, messageId, undefined, first.text, messageOptions(first)),
    );
    if (rest.length > 0) await this.#sendParts(chatId, rest);
  }

  isGroup(chatId: string): boolean {
    return this.#poster.isGroup(chatId);
  }

  send(chatId: string, message: NeutralMessage, options?: SendOptions): Promise<SendResult> {
    return this.#poster.send(chatId, message, options);
  }

  /** Replaces a message by its ref (`<chat id>:<message id>`); "not modified" counts as done. */
  async edit(ref: string, message: NeutralMessage): Promise<SendResult> {
    const target = parseRef(ref);
    if (!target) return malformed(`not a Telegram message reference: ${ref}`);
    const [first, ...rest] = this.#render(message, target.chatId);
    if (!first) return malformed('the message rendered to no parts');
    const options = { log: this.#log, onRateLimited: this.#rateLimited };
    try {
      await callTelegram(
        'editMessageText',
        () =>
          this.bot.telegram.editMessageText(
            target.chatId,
            target.messageId,
            undefined,
            first.text,
            messageOptions(first),
          ),
        options,
      );
      for (const part of rest) {
        await callTelegram(
          'sendMessage',
          () => this.bot.telegram.sendMessage(target.chatId, part.text, messageOptions(part)),
          options,
        );
      }
    } catch (error) {
      if (error instanceof TelegramCallError) return sendFailure(error.failure);
      throw error;
    }
    return { ok: true, ref };
  }

  /** Seals the message's buttons to the chat it is sent to, then renders it. */
  #render(message: NeutralMessage, chatId: number): TelegramMessage[] {
    return renderHtml(
      sealMessage(message, this.options.seal, { platform: 'telegram', chatId: String(chatId) }),
    );
  }

  /**
   * Sends a response's messages; says where each went (its ref) and whether every personal message
   * reached the user's private chat.
   */
  async #deliver(
    origin: Origin,
    messages: readonly Outgoing[],
  ): Promise<{ refs: (string | undefined)[]; reachedEveryone: boolean }> {
    let reachedEveryone = true;
    const refs: (string | undefined)[] = [];
    for (const out of messages) {
      const target = out.target;
      if (target.to === 'edit') {
        // The deliverer edits earlier messages itself; none reaches an acknowledgement.
        refs.push(undefined);
        continue;
      }
      if (target.to === 'update' && origin.pressedMessageId !== undefined) {
        const parts = this.#render(out.message, origin.chatId);
        await this.#replace(origin.chatId, origin.pressedMessageId, parts);
        refs.push(refOf(origin.chatId, origin.pressedMessageId));
        continue;
      }
      if (target.to === 'private' && !origin.isPrivate && origin.userId === undefined) {
        // Meant for one person, with no person to send it to: never posted where everyone reads it (the
        // commands refuse a chat acting as itself before it gets here).
        this.#log.error({ chatId: origin.chatId }, 'a personal message had no person to go to; not sent');
        refs.push(undefined);
        continue;
      }
      // Telegram has no ephemeral messages: what is for one person in a group goes to their private chat.
      const chatId =
        target.to === 'private' && !origin.isPrivate && origin.userId !== undefined
          ? origin.userId
          : origin.chatId;
      const messageId = await this.#sendParts(chatId, this.#render(out.message, chatId));
      refs.push(messageId === undefined ? undefined : refOf(chatId, messageId));
      if (messageId === undefined && chatId !== origin.chatId) reachedEveryone = false;
    }
    return { refs, reachedEveryone };
  }

  /** Answers an update: the press's toast, a greeting or notice, then the messages. */
  async acknowledge(event: TelegramEvent, response: Response): Promise<Acknowledged> {
    const { origin, press } = event;
    if (press) {
      const answer = (text: string | undefined, url?: string) => this.#answerPress(press, text, url);
      const personal = !origin.isPrivate && response.messages.some((out) => out.target.to === 'private');
      if (!personal) {
        await answer(response.notice?.text);
        return { refs: (await this.#deliver(origin, response.messages)).refs };
      }
      // The press is answered once we know whether the user's private chat could be reached.
      const sent = await this.#deliver(origin, response.messages);
      if (sent.reachedEveryone) await answer(response.notice?.text ?? t('telegram-sent-privately'));
      else await answer(openPrivateChat(), this.#privateChatLink());
      return { refs: sent.refs };
    }
    if (event.greet) {
      await this.#sendParts(origin.chatId, [{ text: t('telegram-welcome', { bot: '<b>newsquiz</b>' }) }]);
    }
    if (response.notice) await this.#sendParts(origin.chatId, [{ text: escapeHtml(response.notice.text) }]);
    const sent = await this.#deliver(origin, response.messages);
    if (event.command && !sent.reachedEveryone) {
      const link = this.#privateChatLink();
      await this.#sendParts(origin.chatId, [
        {
          text: escapeHtml(link ? t('telegram-open-private-chat-command', { link }) : openPrivateChat()),
        },
      ]);
    }
    return { refs: sent.refs };
  }

  /** The toast that answers a press; a press we were too slow for still gets its effect. */
  async #answerPress(press: NonNullable<TelegramEvent['press']>, text: string | undefined, url?: string) {
    await callTelegram(
      'answerCallbackQuery',
      () =>
        this.bot.telegram.answerCbQuery(
          press.queryId,
          text === undefined ? undefined : clipText(text, TELEGRAM_MAX_TOAST),
          { ...(url ? { url } : {}) },
        ),
      { log: press.log, onRateLimited: this.#rateLimited },
    )
      .then(() =>
        this.options.core.metrics.pressAcknowledged('telegram', (performance.now() - press.began) / 1000),
      )
      .catch((error: unknown) => {
        if (!isQueryTooOld(error)) throw error;
        press.log.warn('callback query expired before it was answered');
      });
  }

  /** The bot's private chat, opened from a link (Telegram shows a Start button). */
  #privateChatLink(): string | undefined {
    const username = this.bot.botInfo?.username;
    return username ? `https://t.me/${username}?start=hello` : undefined;
  }

  async #onPress(
    updateId: number,
    queryId: string,
    query: { from: User; data?: string; message?: { chat: Chat; message_id: number } },
  ): Promise<void> {
    const chat = query.message?.chat;
    if (!chat) {
      await this.bot.telegram.answerCbQuery(queryId, t('telegram-button-gone'));
      return;
    }
    const began = performance.now();
    const actor = { ...telegramActor(chat, query.from, undefined), wording: this.wording };
    const log = this.#log.child({ updateId, chatId: actor.chatId, userId: actor.userId });
    const messageId = query.message?.message_id;
    const payload =
      typeof query.data === 'string'
        ? this.options.seal.open(query.data, { platform: 'telegram', chatId: String(chat.id) })
        : undefined;
    const response: Response =
      payload === undefined
        ? {
            notice: { text: t('action-invalid-button'), tone: 'error' },
            messages: [],
          }
        : await this.options.router.press(
            actor,
            payload,
            messageId === undefined
              ? undefined
              : { ref: refOf(chat.id, messageId), shared: chat.type !== 'private' },
          );
    const origin: Origin = {
      chatId: chat.id,
      isPrivate: chat.type === 'private',
      userId: query.from.id,
      pressedMessageId: messageId ?? 0,
    };
    // Telegram has no dialogs: an ask shows in place of the pressed message, and the next text the user
    // sends in the private chat answers it (see #onMessage). A toast cannot carry the notice's buttons.
    const messages: Outgoing[] = response.ask
      ? [{ target: { to: 'update' }, message: response.ask.message }]
      : response.messages;
    await this.options.outlet.respond(
      this,
      { origin, press: { queryId, began, log } },
      { ...response, messages },
    );
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
    if (!line) {
      if (message.chat.type === 'private') await this.#onText(message.chat, message.from, message.text);
      return;
    }
    if (line.addressee && line.addressee.toLowerCase() !== me.toLowerCase()) return;
    const from = 'from' in message ? message.from : undefined;
    const senderChat = 'sender_chat' in message ? message.sender_chat : undefined;
    const actor: Actor = {
      ...telegramActor(message.chat, from, senderChat),
      wording: this.wording,
      // Everyone in a group or channel reads what was typed there.
      ...(message.chat.type === 'private' ? {} : { inputSeenByOthers: true as const }),
    };
    const log = this.#log.child({ updateId, chatId: actor.chatId, userId: actor.userId, command: line.name });
    const effective = line.name === 'start' ? this.#startLine(line) : line;
    const response = await this.options.router.runLine(actor, effective, () =>
      isChatAdmin(this.bot.telegram, message.chat, from, senderChat),
    );
    const origin: Origin = {
      chatId: message.chat.id,
      isPrivate: message.chat.type === 'private',
      ...(from && actor.userId === String(from.id) ? { userId: from.id } : {}),
    };
    await this.options.outlet.respond(
      this,
      { origin, command: true, greet: line.name === 'start' && !line.args },
      response,
    );
    log.debug('command handled');
  }

  /** Text that is not a command, in a private chat: the answer to what the user was asked, if anything. */
  async #onText(chat: Chat.PrivateChat, from: User | undefined, text: string): Promise<void> {
    const actor = { ...telegramActor(chat, from, undefined), wording: this.wording };
    const response = await this.options.router.reply(actor, text);
    // Asked again (a note too long): the question follows as a new message.
    const messages: Outgoing[] = response.ask
      ? [{ target: { to: 'reply' }, message: response.ask.message }]
      : response.messages;
    await this.options.outlet.respond(
      this,
      { origin: { chatId: chat.id, isPrivate: true } },
      { ...response, messages },
    );
  }

  async #onError(error: unknown, update: Update): Promise<void> {
    this.#log[failureLevel(error)]({ err: error, updateId: update.update_id }, 'update handler failed');
    if (isStoreUnavailable(error)) this.options.core.metrics.storeError();
    const from =
      'callback_query' in update
        ? update.callback_query.from
        : 'message' in update
          ? update.message.from
          : undefined;
    const text = inLocale(matchLocale(from?.language_code) ?? defaultLocale(), () => failureText(error));
    try {
      if ('callback_query' in update) {
        await this.bot.telegram.answerCbQuery(update.callback_query.id, text);
      } else if ('message' in update) {
        await this.bot.telegram.sendMessage(update.message.chat.id, text);
      } else if ('channel_post' in update) {
        await this.bot.telegram.sendMessage(update.channel_post.chat.id, text);
      }
    } catch (apologyError) {
      this.#log.warn({ err: apologyError, updateId: update.update_id }, 'could not send the apology');
    }
  }

  /** Publishes the command list (a failure is logged, not fatal), then polls or serves the webhook. */
  async start(): Promise<void> {
    try {
      const { commands } = this.options.router;
      await this.bot.telegram.setMyCommands(
        commands.map((command) => ({ command: command.name, description: command.description })),
      );
      // Telegram shows each user the list for their app's language (a two-letter code), else the default.
      for (const [locale, code] of TELEGRAM_LANGUAGES) {
        await this.bot.telegram.setMyCommands(
          commands.map((command) => ({ command: command.name, description: descriptionIn(locale, command) })),
          { language_code: code },
        );
      }
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
          host: webhook.host ?? '127.0.0.1',
          secretToken: webhook.secret,
        },
      });
      await this.#running;
      // telegraf made the server: it gets the same time limits as the bot's own servers.
      const server = (this.bot as unknown as { webhookServer?: Server }).webhookServer;
      if (server) limitServer(server, webhook.limits);
    } else {
      // In polling mode launch() runs until stop(); its callback fires once the bot is known.
      await new Promise<void>((ready, fail) => {
        this.#running = this.bot
          .launch({ allowedUpdates }, () => ready())
          .catch((error: unknown) => {
            this.#down = `polling stopped (${error instanceof Error ? error.message : String(error)})`;
            this.#log.error({ err: error }, 'Telegram polling stopped');
            fail(error);
          });
      });
    }
    this.#down = undefined;
    this.#log.info(
      { username: this.bot.botInfo?.username, mode: this.options.webhook ? 'webhook' : 'polling' },
      'Telegram bot started',
    );
  }

  /** Why updates are not being received right now (polling failing or hung, no webhook server), or undefined. */
  problem(): string | undefined {
    if (this.#down !== undefined) return this.#down;
    if (this.options.webhook) {
      // launch() keeps its webhook server in a field its types mark private.
      const server = (this.bot as unknown as { webhookServer?: { listening: boolean } }).webhookServer;
      return server?.listening ? undefined : 'the webhook server is not listening';
    }
    return this.#polling.problem();
  }

  async stop(): Promise<void> {
    this.#down = 'stopped';
    try {
      this.bot.stop('shutdown');
    } catch {
      // Not running (start failed); nothing to stop.
    }
    await this.#running;
  }
}
