// What users do, turned into updates: sending text (commands included), anonymous admin posts, posts of
// members writing as their channel, button presses.
import type { CallbackQuery, Message, MessageEntity, Update, User } from './bot-api-types.ts';
import {
  type ChatInput,
  type ChatRecord,
  privateChatOf,
  toChat,
  toUser,
  type UserInput,
} from './chat-store.ts';
import { callbackDataOf } from './reply-markup.ts';
import type { EmulatorState } from './state.ts';

/** Telegram's stand-in sender for anonymous group admins. */
export const GROUP_ANONYMOUS_BOT: Readonly<User> = Object.freeze({
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
});

/** Telegram's stand-in sender for members who write in a group as one of their channels. */
export const CHANNEL_BOT: Readonly<User> = Object.freeze({
  id: 136817688,
  is_bot: true,
  first_name: 'Channel',
  username: 'Channel_Bot',
});

export interface SendTextInput {
  /** Defaults to the private chat with `from`. */
  chat?: ChatInput;
  /** Required except in channels (channel posts have `sender_chat` instead). */
  from?: UserInput;
  text: string;
  /** Extra entities; `bot_command` entities are added automatically. */
  entities?: MessageEntity[];
  /** Makes the message a reply to this message of the same chat. */
  replyToMessageId?: number;
}

export interface AnonymousAdminTextInput {
  chat: ChatInput;
  text: string;
  authorSignature?: string;
  replyToMessageId?: number;
}

export interface AsChannelTextInput {
  /** The group or supergroup written in. */
  chat: ChatInput;
  /** The channel the member writes as. */
  channel: ChatInput;
  text: string;
  replyToMessageId?: number;
}

export interface PressButtonInput {
  /** Defaults to the private chat with `from`. */
  chat?: ChatInput;
  from: UserInput;
  messageId: number;
  /** Must be the callback_data of a button on that message. */
  data: string;
  /** Sends `data` even if no button carries it, as a modified client could (forged payloads). */
  forged?: boolean;
}

export interface UserMessageResult {
  update: Update;
  message: Message;
}

/**
 * `bot_command` entities as Telegram marks them: `/name` or `/name@botname` not glued to a preceding
 * word, name of letters, digits and `_` (up to 64), bot username of 3–32 such characters.
 */
export function findBotCommands(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const pattern = /(?<![\p{L}\p{N}_/<>])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\p{L}\p{N}_/<>@])/gu;
  for (const match of text.matchAll(pattern)) {
    entities.push({ type: 'bot_command', offset: match.index, length: match[0].length });
  }
  return entities;
}

function userEntities(text: string, extra: readonly MessageEntity[] | undefined): MessageEntity[] {
  return [...findBotCommands(text), ...(extra ?? [])].sort(
    (a, b) => a.offset - b.offset || b.length - a.length,
  );
}

function replyTo(
  state: EmulatorState,
  record: ChatRecord,
  messageId: number | undefined,
): Message | undefined {
  if (messageId === undefined) return undefined;
  const target = state.chats.message(record, messageId);
  if (target === undefined)
    throw new Error(`telegram emulator: no message ${messageId} in chat ${record.chat.id}`);
  const { reply_to_message: _nested, ...message } = target.message;
  return structuredClone(message);
}

/** Stores a user-side message and queues its update (`channel_post` in channels, else `message`). */
function postUserMessage(
  state: EmulatorState,
  record: ChatRecord,
  sender: { from?: User; senderChat?: ChatInput; authorSignature?: string },
  input: { text: string; entities?: MessageEntity[]; replyToMessageId?: number },
): UserMessageResult {
  const reply = replyTo(state, record, input.replyToMessageId);
  const entities = userEntities(input.text, input.entities);
  const stored = state.chats.addMessage(
    record,
    (messageId) => {
      const message: Message = { message_id: messageId, date: state.unixTime(), chat: { ...record.chat } };
      if (sender.from !== undefined) message.from = { ...sender.from };
      if (sender.senderChat !== undefined) message.sender_chat = toChat(sender.senderChat);
      if (sender.authorSignature !== undefined) message.author_signature = sender.authorSignature;
      if (reply !== undefined) message.reply_to_message = reply;
      message.text = input.text;
      if (entities.length > 0) message.entities = entities;
      return message;
    },
    { sentText: input.text, parseMode: undefined, fromBot: false },
  );
  const payload = structuredClone(stored.message);
  const update = state.updates.push(
    record.chat.type === 'channel' ? { channel_post: payload } : { message: payload },
  );
  return { update, message: structuredClone(stored.message) };
}

export function sendUserText(state: EmulatorState, input: SendTextInput): UserMessageResult {
  const chatInput = input.chat ?? (input.from && privateChatOf(input.from));
  if (chatInput === undefined) throw new Error('telegram emulator: sendText needs `chat` or `from`');
  const record = state.chats.upsert(chatInput);
  if (chatInput.type === 'channel') return postUserMessage(state, record, { senderChat: chatInput }, input);
  if (input.from === undefined)
    throw new Error(`telegram emulator: sendText to a ${chatInput.type} needs \`from\``);
  const user = state.chats.rememberUser(toUser(input.from));
  if (chatInput.type === 'private') {
    record.blocked = false; // writing to the bot unblocks it
  } else if (!record.members.has(user.id)) {
    state.chats.setMember(record, user, 'member');
  }
  return postUserMessage(state, record, { from: user }, input);
}

/** A message from an anonymous admin: `from` is GroupAnonymousBot and `sender_chat` the group itself. */
export function sendAnonymousAdminText(
  state: EmulatorState,
  input: AnonymousAdminTextInput,
): UserMessageResult {
  const { chat } = input;
  if (chat.type !== 'group' && chat.type !== 'supergroup') {
    throw new Error('telegram emulator: anonymous admins exist in groups and supergroups only');
  }
  const record = state.chats.upsert(chat);
  const sender: { from: User; senderChat: ChatInput; authorSignature?: string } = {
    from: { ...GROUP_ANONYMOUS_BOT },
    senderChat: chat,
  };
  if (input.authorSignature !== undefined) sender.authorSignature = input.authorSignature;
  return postUserMessage(state, record, sender, input);
}

/** A member writing in a group as their channel: `from` is @Channel_Bot and `sender_chat` the channel. */
export function sendAsChannelText(state: EmulatorState, input: AsChannelTextInput): UserMessageResult {
  const { chat, channel } = input;
  if (chat.type !== 'group' && chat.type !== 'supergroup') {
    throw new Error('telegram emulator: members write as a channel in groups and supergroups only');
  }
  if (channel.type !== 'channel') throw new Error('telegram emulator: `channel` must be a channel');
  const record = state.chats.upsert(chat);
  return postUserMessage(state, record, { from: { ...CHANNEL_BOT }, senderChat: channel }, input);
}

/** Presses an inline button: queues a `callback_query` update and returns the query id. */
export function pressInlineButton(
  state: EmulatorState,
  input: PressButtonInput,
): { id: string; update: Update } {
  const chatInput = input.chat ?? privateChatOf(input.from);
  const record = state.chats.get(chatInput.id);
  const stored = record && state.chats.message(record, input.messageId);
  if (record === undefined || stored === undefined) {
    throw new Error(`telegram emulator: no message ${input.messageId} in chat ${chatInput.id}`);
  }
  const available = callbackDataOf(stored.message.reply_markup);
  if (!available.includes(input.data) && !input.forged) {
    throw new Error(
      `telegram emulator: message ${input.messageId} has no button with callback_data ${JSON.stringify(input.data)} ` +
        `(buttons: ${JSON.stringify(available)})`,
    );
  }
  const from = state.chats.rememberUser(toUser(input.from));
  const id = state.nextCallbackQueryId();
  const query: CallbackQuery = {
    id,
    from: { ...from },
    message: structuredClone(stored.message),
    chat_instance: String(BigInt(record.chat.id) * -7_919n + 4_611_686_018_427_387_904n),
    data: input.data,
  };
  state.callbackQueries.set(id, {
    id,
    chatId: record.chat.id,
    messageId: input.messageId,
    pressedAt: state.clock(),
    answered: false,
  });
  return { id, update: state.updates.push({ callback_query: query }) };
}
