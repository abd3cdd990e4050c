// Which language the bot speaks: a person's own choice > their platform's language > the chat's
// language > DEFAULT_LOCALE; what the whole chat sees follows the chat's choice > the default (a scheduled post
// has no platform language to go by, so a chat's shared messages never depend on one).
import { defaultLocale } from '../i18n/current-locale.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { Actor } from './actor.ts';
import type { LanguagesPort } from './ports.ts';
import type { Platform } from './records/platform.ts';

/** What /language shows: the language in use, and where it came from. */
export interface LanguageState {
  locale: Locale;
  source: 'own' | 'platform' | 'chat' | 'default';
  /** The chat's own choice, in a group or channel. */
  chat?: Locale;
}

export type ResolvedActor = Actor & { locale: Locale; chatLocale: Locale };

export class LanguageService {
  constructor(private readonly choices: LanguagesPort) {}

  /** The language a chat's shared messages and scheduled posts are in. */
  async chatLocale(platform: Platform, chatId: string): Promise<Locale> {
    const chosen = await this.choices.get('chat', platform, chatId);
    return matchLocale(chosen?.locale) ?? defaultLocale();
  }

  async state(actor: Actor): Promise<LanguageState> {
    const [own, chat] = await Promise.all([
      actor.asChat ? undefined : this.choices.get('user', actor.platform, actor.userId),
      this.choices.get('chat', actor.platform, actor.chatId),
    ]);
    const ownLocale = matchLocale(own?.locale);
    const chatLocale = matchLocale(chat?.locale);
    const shared = actor.chatKind === 'private' ? {} : chatLocale ? { chat: chatLocale } : {};
    if (ownLocale) return { locale: ownLocale, source: 'own', ...shared };
    const platformLocale = actor.asChat ? undefined : matchLocale(actor.platformLocale);
    if (platformLocale) return { locale: platformLocale, source: 'platform', ...shared };
    if (chatLocale) return { locale: chatLocale, source: 'chat', ...shared };
    return { locale: defaultLocale(), source: 'default', ...shared };
  }

  /** The actor with the languages to answer them and their chat in. */
  async resolve(actor: Actor): Promise<ResolvedActor> {
    const state = await this.state(actor);
    const chatLocale = actor.chatKind === 'private' ? state.locale : (state.chat ?? defaultLocale());
    return { ...actor, locale: state.locale, chatLocale };
  }

  /**
   * A person's own language (`null` clears it). In a private chat it is that chat's language too, and
   * so is it for the person's private chat with the bot, where their reminders go.
   */
  async chooseOwn(actor: Actor, locale: Locale | null): Promise<void> {
    const writes = [this.choices.set('user', actor.platform, actor.userId, locale)];
    const privateChat = actor.chatKind === 'private' ? actor.chatId : actor.privateChatId;
    if (privateChat !== undefined) writes.push(this.choices.set('chat', actor.platform, privateChat, locale));
    await Promise.all(writes);
  }

  /** The language of a group or channel (`null` clears it): its admins' choice. */
  chooseForChat(actor: Actor, locale: Locale | null): Promise<void> {
    return this.choices.set('chat', actor.platform, actor.chatId, locale);
  }
}
