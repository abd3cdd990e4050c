// The chats and users the emulated bot knows: chat info, member statuses, and every message as it is now.
import type {
  Chat,
  ChatMemberStatus,
  ChatType,
  InlineKeyboardMarkup,
  Message,
  User,
} from './bot-api-types.ts';

/** A chat as a test describes it; private chats take their name from the user when omitted. */
export interface ChatInput {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** A (human) user as a test describes it; `is_bot` is always false. */
export interface UserInput {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface StoredMessage {
  /** The Bot API object as it is now (after edits). */
  message: Message;
  /** The text exactly as sent, markup included. */
  sentText: string;
  parseMode: string | undefined;
  fromBot: boolean;
  editCount: number;
  deleted: boolean;
}

export interface Membership {
  user: User;
  status: ChatMemberStatus;
}

export interface ChatRecord {
  chat: Chat;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  members: Map<number, Membership>;
  /** Private chats: the user blocked the bot. */
  blocked: boolean;
}

export function toUser(input: UserInput): User {
  const user: User = { id: input.id, is_bot: false, first_name: input.first_name };
  if (input.last_name !== undefined) user.last_name = input.last_name;
  if (input.username !== undefined) user.username = input.username;
  if (input.language_code !== undefined) user.language_code = input.language_code;
  return user;
}

export function toChat(input: ChatInput): Chat {
  const chat: Chat = { id: input.id, type: input.type };
  if (input.title !== undefined) chat.title = input.title;
  if (input.username !== undefined) chat.username = input.username;
  if (input.first_name !== undefined) chat.first_name = input.first_name;
  if (input.last_name !== undefined) chat.last_name = input.last_name;
  return chat;
}

/** The private chat with a user, named after them. */
export function privateChatOf(user: UserInput): ChatInput {
  const chat: ChatInput = { id: user.id, type: 'private', first_name: user.first_name };
  if (user.last_name !== undefined) chat.last_name = user.last_name;
  if (user.username !== undefined) chat.username = user.username;
  return chat;
}

/** Telegram's id ranges: users are positive, basic groups negative, supergroups/channels -100…. */
export function chatTypeFromId(chatId: number): ChatType {
  if (chatId > 0) return 'private';
  return chatId <= -1_000_000_000_000 ? 'supergroup' : 'group';
}

export class ChatStore {
  private readonly chats = new Map<number, ChatRecord>();
  private readonly users = new Map<number, User>();

  constructor(private readonly bot: User) {
    this.users.set(bot.id, bot);
  }

  /** Adds the chat, or updates its title/names when it already exists. */
  upsert(input: ChatInput): ChatRecord {
    const existing = this.chats.get(input.id);
    if (existing !== undefined) {
      existing.chat = { ...existing.chat, ...toChat(input) };
      return existing;
    }
    const record: ChatRecord = {
      chat: toChat(input),
      nextMessageId: 1,
      messages: new Map(),
      members: new Map(),
      blocked: false,
    };
    if (input.type !== 'private') {
      record.members.set(this.bot.id, {
        user: this.bot,
        status: input.type === 'channel' ? 'administrator' : 'member',
      });
    }
    this.chats.set(input.id, record);
    return record;
  }

  get(chatId: number): ChatRecord | undefined {
    return this.chats.get(chatId);
  }

  /** Looks a chat up by id or by `@username`. */
  resolve(ref: number | string): ChatRecord | undefined {
    if (typeof ref === 'number') return this.chats.get(ref);
    if (!ref.startsWith('@')) return undefined;
    const username = ref.slice(1).toLowerCase();
    for (const record of this.chats.values()) {
      if (record.chat.username?.toLowerCase() === username) return record;
    }
    return undefined;
  }

  rememberUser(user: User): User {
    const known = this.users.get(user.id);
    const merged = known === undefined ? user : { ...known, ...user };
    this.users.set(user.id, merged);
    return merged;
  }

  user(userId: number): User | undefined {
    return this.users.get(userId);
  }

  setMember(record: ChatRecord, user: User, status: ChatMemberStatus): void {
    record.members.set(user.id, { user: this.rememberUser(user), status });
  }

  /** The bot's own status in a chat (private chats: `member`). */
  botStatus(record: ChatRecord): ChatMemberStatus {
    return record.members.get(this.bot.id)?.status ?? 'member';
  }

  /** Stores a new message, giving it the chat's next message_id. */
  addMessage(
    record: ChatRecord,
    build: (messageId: number) => Message,
    meta: { sentText: string; parseMode: string | undefined; fromBot: boolean },
  ): StoredMessage {
    const messageId = record.nextMessageId;
    record.nextMessageId += 1;
    const stored: StoredMessage = { message: build(messageId), ...meta, editCount: 0, deleted: false };
    record.messages.set(messageId, stored);
    return stored;
  }

  /** A live (not deleted) message. */
  message(record: ChatRecord, messageId: number): StoredMessage | undefined {
    const stored = record.messages.get(messageId);
    return stored === undefined || stored.deleted ? undefined : stored;
  }
}

/** Replaces (or removes, when undefined) the inline keyboard on a message object. */
export function withMarkup(message: Message, markup: InlineKeyboardMarkup | undefined): Message {
  const { reply_markup: _dropped, ...rest } = message;
  return markup === undefined ? rest : { ...rest, reply_markup: markup };
}
