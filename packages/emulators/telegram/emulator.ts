// The emulator a test drives: starts the server, acts as users, injects failures and exposes what the bot did.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type {
  BotUser,
  Chat,
  ChatMemberStatus,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  UpdatePayload,
  WebhookInfo,
} from './bot-api-types.ts';
import { type ApiCall, CallLog, type CallPredicate } from './call-log.ts';
import { type ChatInput, chatTypeFromId, type StoredMessage, toUser, type UserInput } from './chat-store.ts';
import { canonicalMethod, Dispatcher } from './dispatcher.ts';
import { FailureInjector, type InjectedFailure } from './failure-injector.ts';
import type { RateLimits } from './rate-limiter.ts';
import { type ApiServer, startApiServer } from './server.ts';
import { EmulatorState, type EmulatorStats } from './state.ts';
import {
  type AnonymousAdminTextInput,
  type AsChannelTextInput,
  type PressButtonInput,
  pressInlineButton,
  type SendTextInput,
  sendAnonymousAdminText,
  sendAsChannelText,
  sendUserText,
  type UserMessageResult,
} from './user-actions.ts';
import { WebhookDelivery } from './webhook.ts';

export interface TelegramEmulatorOptions {
  /** Bot token; default `<bot id>:<random 35 chars>`. */
  token?: string;
  /** The bot's identity (getMe); default id 7000000001, @newsquiz_test_bot. */
  bot?: { id: number; username: string; first_name: string };
  /** Turns on flood control for sendMessage (429 + retry_after). Off by default. */
  rateLimits?: RateLimits;
  /** How long a callback query stays answerable, in ms (default 15 000). */
  callbackQueryTtlMs?: number;
  /** Pause before retrying a failed webhook delivery, in ms (default 100). */
  webhookRetryMs?: number;
  /**
   * Emulator-only lint for parse_mode HTML: reject `&` that starts no &lt; &gt; &amp; &quot; or numeric
   * reference (e.g. `&nbsp;`, a bare `AT&T`). Telegram shows such text literally; default false.
   */
  strictHtmlEntities?: boolean;
}

/** A message of a chat as it is now. */
export interface ChatMessageView {
  messageId: number;
  chatId: number;
  /** Sent by the bot (via the API) rather than by a user (via the emulator). */
  fromBot: boolean;
  /** Plain text as users see it (markup parsed away). */
  text: string;
  /** The text exactly as sent, markup included. */
  sentText: string;
  /** parse_mode of the last send/edit, as given (e.g. `HTML`). */
  parseMode: string | undefined;
  entities: MessageEntity[];
  replyMarkup: InlineKeyboardMarkup | undefined;
  /** Successful editMessageText / editMessageReplyMarkup calls on it. */
  editCount: number;
  deleted: boolean;
  /** The Bot API Message object. */
  message: Message;
}

export interface CallbackAnswer {
  call: ApiCall;
  /** From the button press to the answerCallbackQuery request, in ms. */
  latencyMs: number;
  text: string | undefined;
  showAlert: boolean;
}

const DEFAULT_BOT = { id: 7_000_000_001, username: 'newsquiz_test_bot', first_name: 'NewsQuiz Test' };

function toView(stored: StoredMessage): ChatMessageView {
  const message = structuredClone(stored.message);
  return {
    messageId: message.message_id,
    chatId: message.chat.id,
    fromBot: stored.fromBot,
    text: message.text ?? '',
    sentText: stored.sentText,
    parseMode: stored.parseMode,
    entities: message.entities ?? [],
    replyMarkup: message.reply_markup,
    editCount: stored.editCount,
    deleted: stored.deleted,
    message,
  };
}

export class TelegramEmulator {
  /** e.g. `http://127.0.0.1:41234`; pass as `new Telegraf(token, { telegram: { apiRoot } })`. */
  readonly apiRoot: string;
  readonly token: string;
  /** What getMe answers. */
  readonly bot: BotUser;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly state: EmulatorState,
    private readonly webhook: WebhookDelivery,
    private readonly log: CallLog,
    private readonly failures: FailureInjector,
    private readonly server: ApiServer,
    token: string,
  ) {
    this.apiRoot = server.apiRoot;
    this.token = token;
    this.bot = state.bot;
  }

  /** Use {@link startTelegramEmulator}. */
  static async start(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
    const identity = options.bot ?? DEFAULT_BOT;
    const token = options.token ?? `${identity.id}:AAE${randomBytes(24).toString('base64url')}`;
    const bot: BotUser = {
      id: identity.id,
      is_bot: true,
      first_name: identity.first_name,
      username: identity.username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
    const startedAt = performance.now();
    const state = new EmulatorState({
      bot,
      rateLimits: options.rateLimits,
      callbackQueryTtlMs: options.callbackQueryTtlMs ?? 15_000,
      strictHtmlEntities: options.strictHtmlEntities ?? false,
      clock: () => performance.now() - startedAt,
    });
    const log = new CallLog();
    const failures = new FailureInjector();
    const replies = new AbortController();
    let dispatcher: Dispatcher | undefined;
    const webhook = new WebhookDelivery(
      state.updates,
      async (method, params) => {
        await dispatcher?.dispatch(method, params, replies.signal, 'webhook-reply');
      },
      options.webhookRetryMs ?? 100,
    );
    const ready = new Dispatcher(state, webhook, log, failures);
    dispatcher = ready;
    const server = await startApiServer(token, (method, params, signal) =>
      ready.dispatch(method, params, signal),
    );
    return new TelegramEmulator(state, webhook, log, failures, server, token);
  }

  /** Every Bot API call so far, in the order they were answered (long polls are logged when they return). */
  get calls(): readonly ApiCall[] {
    return this.log.calls;
  }

  /** sendMessage counters (live object). */
  get stats(): EmulatorStats {
    return this.state.stats;
  }

  /** Updates queued and not yet confirmed by the bot. */
  get pendingUpdates(): number {
    return this.state.updates.size;
  }

  /** A user sends text; `/command` and `/command@bot` get bot_command entities. Channels get a channel_post. */
  sendText(input: SendTextInput): UserMessageResult {
    return sendUserText(this.state, input);
  }

  /** An anonymous admin posts in a group: `from` is @GroupAnonymousBot, `sender_chat` the group. */
  sendAsAnonymousAdmin(input: AnonymousAdminTextInput): UserMessageResult {
    return sendAnonymousAdminText(this.state, input);
  }

  /** A member writes in a group as their channel: `from` is @Channel_Bot, `sender_chat` the channel. */
  sendAsChannel(input: AsChannelTextInput): UserMessageResult {
    return sendAsChannelText(this.state, input);
  }

  /** A user presses an inline button; returns the callback query id. */
  pressButton(input: PressButtonInput): string {
    return pressInlineButton(this.state, input).id;
  }

  /** Queues any update payload as is (for update kinds the helpers above do not cover). */
  pushUpdate(payload: UpdatePayload): Update {
    return this.state.updates.push(payload);
  }

  /** First call of `method` (canonical name, e.g. `sendMessage`) matching `predicate`, past or future. */
  waitFor(method: string, predicate?: CallPredicate, timeoutMs = 2000): Promise<ApiCall> {
    return this.log.waitFor(canonicalMethod(method) ?? method, predicate, timeoutMs);
  }

  /** The successful answerCallbackQuery for a pressed button (waits up to `timeoutMs`). */
  async callbackAnswer(queryId: string, timeoutMs = 2000): Promise<CallbackAnswer> {
    const query = this.state.callbackQueries.get(queryId);
    if (query === undefined) throw new Error(`telegram emulator: unknown callback query ${queryId}`);
    const call = await this.log.waitFor(
      'answerCallbackQuery',
      (candidate) => candidate.response.ok && String(candidate.params.callback_query_id) === queryId,
      timeoutMs,
    );
    const { text, show_alert: showAlert } = call.params;
    return {
      call,
      latencyMs: call.at - query.pressedAt,
      text: typeof text === 'string' ? text : undefined,
      showAlert: showAlert === true || showAlert === 'true',
    };
  }

  /** The chat's messages, oldest first (deleted ones only when asked). */
  messages(chatId: number, options: { includeDeleted?: boolean } = {}): ChatMessageView[] {
    const record = this.state.chats.get(chatId);
    if (record === undefined) return [];
    return [...record.messages.values()]
      .filter((stored) => options.includeDeleted === true || !stored.deleted)
      .map(toView);
  }

  message(chatId: number, messageId: number): ChatMessageView | undefined {
    const stored = this.state.chats.get(chatId)?.messages.get(messageId);
    return stored === undefined ? undefined : toView(stored);
  }

  /** Makes a chat known (sending to unknown chats fails with `chat not found`, as on Telegram). */
  addChat(chat: ChatInput): Chat {
    return { ...this.state.chats.upsert(chat).chat };
  }

  /** Sets a member's status; `userId` may be the bot's id. Unknown chats are created from the id's range. */
  setMember(chatId: number, user: number | UserInput, status: ChatMemberStatus): void {
    const record =
      this.state.chats.get(chatId) ??
      this.state.chats.upsert({ id: chatId, type: chatTypeFromId(chatId), title: `Chat ${chatId}` });
    const userId = typeof user === 'number' ? user : user.id;
    const resolved =
      userId === this.bot.id
        ? this.state.botAsUser()
        : typeof user === 'number'
          ? (this.state.chats.user(user) ?? { id: user, is_bot: false, first_name: `User ${user}` })
          : toUser(user);
    this.state.chats.setMember(record, resolved, status);
  }

  /**
   * The next `times` calls of `method` fail with this error (HTTP status = error_code); with `after`,
   * that many calls succeed first (e.g. `after: 1` fails the second part of a long post).
   */
  failNext(method: string, error: InjectedFailure, times = 1, options: { after?: number } = {}): void {
    this.failures.add(canonicalMethod(method) ?? method, error, times, options.after ?? 0);
  }

  /**
   * The next `times` successful calls of `method` take effect (a message is posted), then their
   * connection is reset without an answer: the bot cannot tell whether the call worked.
   */
  resetAfterEffect(method: string, times = 1): void {
    this.failures.resetAfter(canonicalMethod(method) ?? method, times);
  }

  /** The user blocks the bot (private chats) or the bot is kicked (groups, channels): posting answers 403. */
  blockChat(chatId: number): void {
    const record = this.state.chats.get(chatId);
    if (record === undefined) throw new Error(`telegram emulator: unknown chat ${chatId}`);
    if (record.chat.type === 'private') record.blocked = true;
    else this.state.chats.setMember(record, this.state.botAsUser(), 'kicked');
  }

  unblockChat(chatId: number): void {
    const record = this.state.chats.get(chatId);
    if (record === undefined) throw new Error(`telegram emulator: unknown chat ${chatId}`);
    if (record.chat.type === 'private') record.blocked = false;
    else {
      const status = record.chat.type === 'channel' ? 'administrator' : 'member';
      this.state.chats.setMember(record, this.state.botAsUser(), status);
    }
  }

  webhookInfo(): WebhookInfo {
    return this.webhook.info();
  }

  /**
   * Deliver webhook updates to this origin (path and query kept) instead of the registered URL, e.g. the
   * `http://127.0.0.1:PORT` of a local webhook server when the bot registered `https://example.com/hook`.
   */
  routeWebhookTo(baseUrl: string | undefined): void {
    this.webhook.routeTo(baseUrl);
  }

  /** Resolves once the bot has confirmed every queued update (polling: fetched past it; webhook: 2xx). */
  whenIdle(timeoutMs = 2000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `telegram emulator: ${this.pendingUpdates} updates still pending after ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    return Promise.race([this.state.updates.whenEmpty(), timeout]).finally(() => clearTimeout(timer));
  }

  clearCalls(): void {
    this.log.clear();
  }

  /** Releases pending long polls (they answer `[]`), stops webhook delivery and closes the server. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.state.updates.close();
      this.webhook.close();
      await this.server.close();
    })();
    return this.closing;
  }
}

export async function startTelegramEmulator(options?: TelegramEmulatorOptions): Promise<TelegramEmulator> {
  return await TelegramEmulator.start(options);
}
