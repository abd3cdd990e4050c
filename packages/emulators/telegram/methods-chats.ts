// Bot API chat methods: getChat, getChatMember, getChatAdministrators, sendChatAction, leaveChat.
import { badRequest, forbidden } from './api-error.ts';
import type { ChatMember } from './bot-api-types.ts';
import type { MethodHandler } from './method-context.ts';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const getChat: MethodHandler = ({ state, params }) => {
  const { chat } = state.requireChat(params.chatId());
  return { ...chat, accent_color_id: 0, max_reaction_count: 11 };
};

const getChatMember: MethodHandler = ({ state, params }) => {
  const record = state.requireChat(params.chatId());
  const userId = params.optionalInt('user_id');
  if (userId === undefined) throw badRequest('invalid user_id specified');
  const membership = record.members.get(userId);
  if (membership !== undefined) return state.chatMember(membership.user, membership.status);
  const user = state.chats.user(userId);
  if (user === undefined) throw badRequest('user not found');
  if (record.chat.type === 'private') {
    return state.chatMember(user, userId === record.chat.id || userId === state.bot.id ? 'member' : 'left');
  }
  return state.chatMember(user, 'left');
};

const getChatAdministrators: MethodHandler = ({ state, params }) => {
  const record = state.requireChat(params.chatId());
  if (record.chat.type === 'private') throw badRequest('there are no administrators in the private chat');
  const admins: ChatMember[] = [];
  for (const { user, status } of record.members.values()) {
    if (status === 'creator' || status === 'administrator') admins.push(state.chatMember(user, status));
  }
  // The creator is listed first, as Telegram does.
  return admins.sort((a, b) => Number(b.status === 'creator') - Number(a.status === 'creator'));
};

const sendChatAction: MethodHandler = ({ state, params }) => {
  const record = state.requireChat(params.chatId());
  const action = params.optionalString('action');
  if (action === undefined || !CHAT_ACTIONS.has(action))
    throw badRequest('wrong parameter action in request');
  state.assertCanPost(record);
  return true;
};

const leaveChat: MethodHandler = ({ state, params }) => {
  const record = state.requireChat(params.chatId());
  const { type } = record.chat;
  if (type === 'private') throw badRequest("chat member status can't be changed in private chats");
  const status = state.chats.botStatus(record);
  if (status === 'left' || status === 'kicked') throw forbidden(`bot is not a member of the ${type} chat`);
  state.chats.setMember(record, state.botAsUser(), 'left');
  return true;
};

export const chatMethods: Readonly<Record<string, MethodHandler>> = {
  getChat,
  getChatMember,
  getChatAdministrators,
  sendChatAction,
  leaveChat,
};
