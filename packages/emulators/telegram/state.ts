// Everything the emulated Bot API server knows, shared by the method handlers and the test-side helpers.
import { badRequest, forbidden } from './api-error.ts';
import type { BotUser, ChatMember, ChatMemberStatus, User } from './bot-api-types.ts';
import { BotCommandRegistry } from './bot-commands.ts';
import { type ChatRecord, ChatStore } from './chat-store.ts';
import { RateLimiter, type RateLimits } from './rate-limiter.ts';
import { UpdateQueue } from './update-queue.ts';

export interface CallbackQueryRecord {
  id: string;
  chatId: number;
  messageId: number;
  /** When the button was pressed, on the emulator clock (ms). */
  pressedAt: number;
  answered: boolean;
}

export interface EmulatorStats {
  /** Successful sendMessage calls. */
  sent: number;
  /** 429 answers given (rate limiting and injected failures alike). */
  tooManyRequests: number;
  /** Successful sendMessage calls per chat id. */
  byChat: Map<number, number>;
}

export interface StateOptions {
  bot: BotUser;
  rateLimits: RateLimits | undefined;
  callbackQueryTtlMs: number;
  strictHtmlEntities: boolean;
  /** Milliseconds since the emulator started. */
  clock: () => number;
}

export class EmulatorState {
  readonly bot: BotUser;
  readonly chats: ChatStore;
  readonly updates = new UpdateQueue(100_000_001);
  readonly commands = new BotCommandRegistry();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly rateLimiter: RateLimiter | undefined;
  readonly stats: EmulatorStats = { sent: 0, tooManyRequests: 0, byChat: new Map() };
  readonly callbackQueryTtlMs: number;
  readonly strictHtmlEntities: boolean;
  readonly clock: () => number;
  private callbackQuerySeq = 0n;

  constructor(options: StateOptions) {
    this.bot = options.bot;
    this.chats = new ChatStore(options.bot);
    this.clock = options.clock;
    this.callbackQueryTtlMs = options.callbackQueryTtlMs;
    this.strictHtmlEntities = options.strictHtmlEntities;
    this.rateLimiter = options.rateLimits && new RateLimiter(options.rateLimits, options.clock);
  }

  /** Unix time in seconds, as in `date` fields. */
  unixTime(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** The bot as it appears in `from` of its own messages. */
  botAsUser(): User {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  nextCallbackQueryId(): string {
    this.callbackQuerySeq += 1n;
    return (BigInt(this.bot.id) * 1_000_000_000n + this.callbackQuerySeq).toString();
  }

  /** 400 `chat not found` unless the chat is known (by id or @username). */
  requireChat(ref: number | string): ChatRecord {
    const record = this.chats.resolve(ref);
    if (record === undefined) throw badRequest('chat not found');
    return record;
  }

  /** The 403s Telegram gives when the bot may not post in a chat (blocked, kicked, left, not admin). */
  assertCanPost(record: ChatRecord): void {
    const { type } = record.chat;
    if (type === 'private') {
      if (record.blocked) throw forbidden('bot was blocked by the user');
      return;
    }
    const status = this.chats.botStatus(record);
    if (status === 'kicked') throw forbidden(`bot was kicked from the ${type} chat`);
    if (status === 'left') throw forbidden(`bot is not a member of the ${type} chat`);
    if (type === 'channel' && status !== 'administrator' && status !== 'creator') {
      throw badRequest('need administrator rights in the channel chat');
    }
  }

  isAdmin(record: ChatRecord, userId: number): boolean {
    const status = record.members.get(userId)?.status;
    return status === 'administrator' || status === 'creator';
  }

  /** A ChatMember object for a status, with the rights Telegram lists for that status. */
  chatMember(user: User, status: ChatMemberStatus): ChatMember {
    switch (status) {
      case 'creator':
        return { status, user, is_anonymous: false };
      case 'administrator':
        return {
          status,
          user,
          can_be_edited: false,
          is_anonymous: false,
          can_manage_chat: true,
          can_delete_messages: true,
          can_manage_video_chats: true,
          can_restrict_members: true,
          can_promote_members: false,
          can_change_info: true,
          can_invite_users: true,
          can_post_stories: false,
          can_edit_stories: false,
          can_delete_stories: false,
          can_pin_messages: true,
        };
      case 'kicked':
        return { status, user, until_date: 0 };
      default:
        return { status, user };
    }
  }
}
