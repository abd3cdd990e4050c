// Who acts in a Telegram update, and whether they administer the chat (anonymous admins included).
import type { Telegram } from 'telegraf';
import type { Chat, User } from 'telegraf/types';
import type { Actor, ChatKind } from '../../core/actor.ts';

/** The account Telegram shows for admins who post anonymously in a group. */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;
/** The account Telegram shows for its own messages (a linked channel's posts forwarded to its group). */
const TELEGRAM_SERVICE_ID = 777000;

export function chatKind(chat: Chat): ChatKind {
  if (chat.type === 'private') return 'private';
  if (chat.type === 'channel') return 'channel';
  return 'group';
}

export function displayName(user: User): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return full || user.username || `user ${user.id}`;
}

const chatTitle = (chat: Chat) => ('title' in chat ? chat.title : undefined) ?? String(chat.id);

/**
 * A message with `sender_chat` was sent on behalf of that chat (an anonymous admin, a channel post, a
 * member writing as their channel, a linked channel's forward), whatever the stand-in `from` says: the
 * chat acts, and no person can be reached privately.
 */
export function telegramActor(chat: Chat, from: User | undefined, senderChat: Chat | undefined): Actor {
  const base = { platform: 'telegram' as const, chatId: String(chat.id), chatKind: chatKind(chat) };
  if (senderChat)
    return { ...base, userId: `chat${senderChat.id}`, name: chatTitle(senderChat), asChat: true };
  // Without sender_chat (older clients, a forged update), a bot as sender is a stand-in for a chat
  // (GroupAnonymousBot, Channel_Bot), as is Telegram's own service account: never a person to reach.
  if (!from || from.is_bot || from.id === TELEGRAM_SERVICE_ID)
    return { ...base, userId: `chat${chat.id}`, name: chatTitle(chat), asChat: true };
  // A private chat with a user has the user's id.
  return {
    ...base,
    userId: String(from.id),
    name: displayName(from),
    privateChatId: String(from.id),
    ...(from.language_code ? { platformLocale: from.language_code } : {}),
  };
}

/** Creator or administrator of the chat; in private chats everyone manages their own chat. */
export async function isChatAdmin(
  telegram: Telegram,
  chat: Chat,
  from: User | undefined,
  senderChat: Chat | undefined,
): Promise<boolean> {
  if (chat.type === 'private') return true;
  // Only a channel's admins can post in it; an anonymous admin posts as the group itself.
  if (chat.type === 'channel') return true;
  if (senderChat?.id === chat.id) return true;
  if (!from) return false;
  const member = await telegram.getChatMember(chat.id, from.id);
  return member.status === 'creator' || member.status === 'administrator';
}
