// Bot API message methods: sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage, answerCallbackQuery.
import { badRequest, tooManyRequests } from './api-error.ts';
import type { InlineKeyboardMarkup, Message, MessageEntity } from './bot-api-types.ts';
import { type ChatRecord, type StoredMessage, withMarkup } from './chat-store.ts';
import { characterCount, type FormattedText, formatMessageText } from './formatted-text.ts';
import type { MethodContext, MethodHandler } from './method-context.ts';
import { isRecord, type Params } from './params.ts';
import { readReplyMarkup, sameMarkup } from './reply-markup.ts';
import type { EmulatorState } from './state.ts';

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';
const MAX_CALLBACK_ANSWER_LENGTH = 200;

function readEntities(params: Params): MessageEntity[] | undefined {
  const raw = params.json('entities');
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw badRequest("can't parse entities JSON object");
  return raw.map((entity): MessageEntity => {
    if (!isRecord(entity) || typeof entity.type !== 'string') throw badRequest("can't parse MessageEntity");
    const { type, offset, length } = entity;
    if (typeof offset !== 'number' || typeof length !== 'number')
      throw badRequest("can't parse MessageEntity");
    const result: MessageEntity = { type, offset, length };
    if (typeof entity.url === 'string') result.url = entity.url;
    if (typeof entity.language === 'string') result.language = entity.language;
    if (typeof entity.custom_emoji_id === 'string') result.custom_emoji_id = entity.custom_emoji_id;
    return result;
  });
}

function readText(state: EmulatorState, params: Params, purpose: 'send' | 'edit'): FormattedText {
  return formatMessageText({
    text: params.optionalString('text'),
    parseMode: params.optionalString('parse_mode'),
    entities: readEntities(params),
    purpose,
    strictHtmlEntities: state.strictHtmlEntities,
  });
}

function canonicalEntities(entities: readonly MessageEntity[] | undefined): string {
  return JSON.stringify(
    (entities ?? []).map((e) => [
      e.type,
      e.offset,
      e.length,
      e.url ?? '',
      e.language ?? '',
      e.custom_emoji_id ?? '',
    ]),
  );
}

function requireMessageId(params: Params): number {
  if (params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
  const messageId = params.optionalInt('message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  return messageId;
}

/** The message the bot replies to: `reply_parameters` or the older `reply_to_message_id`. */
function replyTarget(state: EmulatorState, record: ChatRecord, params: Params): Message | undefined {
  const replyParameters = params.json('reply_parameters');
  const fromParameters = isRecord(replyParameters) ? replyParameters : undefined;
  const id =
    typeof fromParameters?.message_id === 'number'
      ? fromParameters.message_id
      : params.optionalInt('reply_to_message_id');
  if (id === undefined) return undefined;
  const target = state.chats.message(record, id);
  if (target !== undefined) {
    const { reply_to_message: _nested, ...message } = target.message;
    return message;
  }
  const allow =
    fromParameters?.allow_sending_without_reply === true || params.bool('allow_sending_without_reply');
  if (allow) return undefined;
  throw badRequest('message to be replied not found');
}

const snapshot = (stored: StoredMessage): Message => structuredClone(stored.message);

const sendMessage: MethodHandler = ({ state, params }) => {
  const record = state.requireChat(params.chatId());
  const formatted = readText(state, params, 'send');
  const markup = readReplyMarkup(params.json('reply_markup'), false);
  const replyTo = replyTarget(state, record, params);
  const { chat } = record;
  if (state.rateLimiter !== undefined) {
    const isGroup = chat.type === 'group' || chat.type === 'supergroup';
    const retryAfter = state.rateLimiter.acquire(chat.id, isGroup);
    if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
  }
  state.assertCanPost(record);

  const stored = state.chats.addMessage(
    record,
    (messageId) => {
      const message: Message = { message_id: messageId, date: state.unixTime(), chat: { ...chat } };
      if (chat.type === 'channel') message.sender_chat = { ...chat };
      else message.from = state.botAsUser();
      if (replyTo !== undefined) message.reply_to_message = replyTo;
      message.text = formatted.text;
      if (formatted.entities.length > 0) message.entities = formatted.entities;
      return withMarkup(message, markup);
    },
    {
      sentText: params.optionalString('text') ?? '',
      parseMode: params.optionalString('parse_mode'),
      fromBot: true,
    },
  );
  state.stats.sent += 1;
  state.stats.byChat.set(chat.id, (state.stats.byChat.get(chat.id) ?? 0) + 1);
  return snapshot(stored);
};

/** Finds the bot's own live message for an edit, with Telegram's errors. */
function messageToEdit(context: MethodContext): { record: ChatRecord; stored: StoredMessage } {
  const { state, params } = context;
  const messageId = requireMessageId(params);
  const record = state.requireChat(params.chatId());
  const stored = state.chats.message(record, messageId);
  if (stored === undefined) throw badRequest('message to edit not found');
  state.assertCanPost(record);
  if (!stored.fromBot) throw badRequest("message can't be edited");
  return { record, stored };
}

function applyEdit(
  state: EmulatorState,
  stored: StoredMessage,
  text: FormattedText | undefined,
  markup: InlineKeyboardMarkup | undefined,
): void {
  const current = stored.message;
  const sameText =
    text === undefined ||
    (text.text === current.text && canonicalEntities(text.entities) === canonicalEntities(current.entities));
  if (sameText && sameMarkup(current.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
  let next: Message = current;
  if (text !== undefined) {
    const { entities: _previous, ...rest } = current;
    next = { ...rest, text: text.text, edit_date: state.unixTime() };
    if (text.entities.length > 0) next.entities = text.entities;
  }
  stored.message = withMarkup(next, markup);
  stored.editCount += 1;
}

const editMessageText: MethodHandler = (context) => {
  const { state, params } = context;
  const text = readText(state, params, 'edit');
  const markup = readReplyMarkup(params.json('reply_markup'), true);
  const { stored } = messageToEdit(context);
  // Like Telegram, an edit without reply_markup removes the inline keyboard.
  applyEdit(state, stored, text, markup);
  stored.sentText = params.optionalString('text') ?? '';
  stored.parseMode = params.optionalString('parse_mode');
  return snapshot(stored);
};

const editMessageReplyMarkup: MethodHandler = (context) => {
  const markup = readReplyMarkup(context.params.json('reply_markup'), true);
  const { stored } = messageToEdit(context);
  applyEdit(context.state, stored, undefined, markup);
  return snapshot(stored);
};

const deleteMessage: MethodHandler = ({ state, params }) => {
  const record = state.requireChat(params.chatId());
  const messageId = params.optionalInt('message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const stored = state.chats.message(record, messageId);
  if (stored === undefined) throw badRequest('message to delete not found');
  const mayDeleteOthers = record.chat.type === 'private' || state.isAdmin(record, state.bot.id);
  if (!stored.fromBot && !mayDeleteOthers) throw badRequest("message can't be deleted");
  stored.deleted = true;
  return true;
};

const answerCallbackQuery: MethodHandler = ({ state, params }) => {
  const id = params.optionalString('callback_query_id') ?? '';
  const query = state.callbackQueries.get(id);
  const expired = query !== undefined && state.clock() - query.pressedAt > state.callbackQueryTtlMs;
  if (query === undefined || query.answered || expired) throw badRequest(QUERY_INVALID);
  const text = params.optionalString('text');
  if (text !== undefined && characterCount(text) > MAX_CALLBACK_ANSWER_LENGTH)
    throw badRequest('MESSAGE_TOO_LONG');
  query.answered = true;
  return true;
};

export const messageMethods: Readonly<Record<string, MethodHandler>> = {
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
};
