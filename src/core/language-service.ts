// Which language the bot speaks: a person's own choice > their platform's language > the chat's
// language > DEFAULT_LOCALE; what the whole chat sees follows the chat's choice > the default (a scheduled post
// has no platform language to go by, so a chat's shared messages never depend on one).
import { defaultLocale } from '../i18n/current-locale.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { Actor } from './actor.ts';
import { isStoreUnavailable, type LanguagesPort, type Timers } from './ports.ts';
import type { LanguageChoice, LanguageScope } from './records/language-choice.ts';
import type { Platform } from './records/platform.ts';

/** What /language shows: the language in use, and where it came from. */
export interface LanguageState {
  locale: Locale;
  source: 'own' | 'platform' | 'chat' | 'default';
  /** The chat's own choice, in a group or channel. */
  chat?: Locale;
}

export type ResolvedActor = Actor & { locale: Locale; chatLocale: Locale };

/**
 * How long an update waits for the stored choices before it goes on without them (the platform's
 * language, else the default): a language is not worth a stalled answer while the store is out.
 */
export const LANGUAGE_READ_MS = 1_000;

export class LanguageService {
  constructor(
    private readonly choices: LanguagesPort,
    private readonly timers?: Timers,
  ) {}

  /** A stored choice, or none when the store fails or is slower than LANGUAGE_READ_MS. */
  #read(scope: LanguageScope, platform: Platform, id: string): Promise<LanguageChoice | undefined> {
    const read = this.choices.get(scope, platform, id).catch((error: unknown) => {
      if (isStoreUnavailable(error)) return undefined;
      throw error;
    });
    const timers = this.timers;
    if (!timers) return read;
    return new Promise((resolve, reject) => {
      const cancel = timers.after(LANGUAGE_READ_MS, () => resolve(undefined));
      read.then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  /** The language a chat's shared messages and scheduled posts are in. */
  async chatLocale(platform: Platform, chatId: string): Promise<Locale> {
    const chosen = await this.#read('chat', platform, chatId);
    return matchLocale(chosen?.locale) ?? defaultLocale();
  }

  async state(actor: Actor): Promise<LanguageState> {
    const [own, chat] = await Promise.all([
      actor.asChat ? undefined : this.#read('user', actor.platform, actor.userId),
      this.#read('chat', actor.platform, actor.chatId),
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
