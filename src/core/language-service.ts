// Which language the bot speaks: a person's own choice > their platform's language > the chat's
// language > DEFAULT_LOCALE; what the whole chat sees follows the chat's choice > the default (a scheduled post
// has no platform language to go by, so a chat's shared messages never depend on one).
import { defaultLocale } from '../i18n/current-locale.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { Actor } from './actor.ts';
import type { Clock } from './clock.ts';
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
export const LANGUAGE_READ_MS = 250;
/** After a read failed or ran late, updates go on without reading choices for this long. */
export const LANGUAGE_PAUSE_MS = 5_000;
/**
 * How long a choice read (or written) here is used without reading it again: the hot path of a press
 * makes no extra store call, and another instance's /language is seen within this time.
 */
export const LANGUAGE_CACHE_MS = 60_000;
/** Choices kept in memory at most (the oldest go first). */
const LANGUAGE_CACHE_SIZE = 50_000;

export class LanguageService {
  readonly #cache = new Map<string, { choice: LanguageChoice | undefined; until: number }>();
  /** Until when the store is left alone after a read failed or ran late (an outage costs no more waits). */
  #pausedUntil = 0;

  constructor(
    private readonly choices: LanguagesPort,
    private readonly timers?: Timers,
    private readonly clock?: Clock,
  ) {}

  #remember(key: string, choice: LanguageChoice | undefined): void {
    if (!this.clock) return;
    this.#cache.delete(key);
    this.#cache.set(key, { choice, until: this.clock.now() + LANGUAGE_CACHE_MS });
    if (this.#cache.size > LANGUAGE_CACHE_SIZE) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  /** A stored choice, or none when the store fails or is slower than LANGUAGE_READ_MS. */
  #read(scope: LanguageScope, platform: Platform, id: string): Promise<LanguageChoice | undefined> {
    const key = `${scope}:${platform}:${id}`;
    const now = this.clock?.now() ?? 0;
    const cached = this.#cache.get(key);
    if (cached && this.clock && cached.until > now) return Promise.resolve(cached.choice);
    if (now < this.#pausedUntil) return Promise.resolve(undefined);
    const pause = () => {
      if (this.clock) this.#pausedUntil = this.clock.now() + LANGUAGE_PAUSE_MS;
    };
    const read = this.choices.get(scope, platform, id).then(
      (choice) => {
        this.#remember(key, choice);
        return choice;
      },
      (error: unknown) => {
        if (!isStoreUnavailable(error)) throw error;
        pause();
        return undefined;
      },
    );
    const timers = this.timers;
    if (!timers) return read;
    return new Promise((resolve, reject) => {
      const cancel = timers.after(LANGUAGE_READ_MS, () => {
        pause();
        resolve(undefined);
      });
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
    const writes = [this.#write('user', actor.platform, actor.userId, locale)];
    const privateChat = actor.chatKind === 'private' ? actor.chatId : actor.privateChatId;
    if (privateChat !== undefined) writes.push(this.#write('chat', actor.platform, privateChat, locale));
    await Promise.all(writes);
  }

  /** The language of a group or channel (`null` clears it): its admins' choice. */
  chooseForChat(actor: Actor, locale: Locale | null): Promise<void> {
    return this.#write('chat', actor.platform, actor.chatId, locale);
  }

  async #write(scope: LanguageScope, platform: Platform, id: string, locale: Locale | null): Promise<void> {
    const key = `${scope}:${platform}:${id}`;
    // Forgotten first: a write that fails leaves the next read to the store.
    this.#cache.delete(key);
    await this.choices.set(scope, platform, id, locale);
    this.#remember(key, locale === null ? undefined : { v: 1, locale });
  }
}
