// Who acts and where: always taken from the platform event, never from a button payload.
import type { Locale } from '../i18n/locales.ts';
import type { PlatformWording } from './platform-wording.ts';
import type { Platform } from './records/platform.ts';

export type ChatKind = 'private' | 'group' | 'channel';

export interface Actor {
  platform: Platform;
  userId: string;
  /** Display name, as the platform shows it. */
  name: string;
  chatId: string;
  chatKind: ChatKind;
  /**
   * Where a message for this user alone can be posted later (reminders): their private chat with the
   * bot, as the adapter names it. Unset when the platform has none (a channel posting as itself).
   */
  privateChatId?: string;
  /**
   * The chat acts as itself, not a person: an anonymous group admin, a channel post, a member posting
   * as a channel. Nothing meant for one person can reach it.
   */
  asChat?: true;
  /** What the actor typed is read by others in the chat too (a message in a Telegram group). */
  inputSeenByOthers?: true;
  /** The user's language as the platform reports it (Discord's locale, Telegram's language_code). */
  platformLocale?: string;
  /** The language to answer this person in, once resolved (see LanguageService.resolve). */
  locale?: Locale;
  /** The language of what the whole chat sees (group questions, standings), once resolved. */
  chatLocale?: Locale;
  /** How the actor's platform words its own places (set by the adapter the actor came through). */
  wording?: PlatformWording;
}
