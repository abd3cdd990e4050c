// Which language the bot speaks: a person's own choice > their platform's language > the chat's
// language > DEFAULT_LOCALE; what the whole chat sees follows the chat's choice > the default (a scheduled post
// has no platform language to go by, so a chat's shared messages never depend on one). Every choice on a
// platform is held here, read in one go and again in the background once a minute: no update waits on a read.
import { defaultLocale } from '../i18n/current-locale.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { Actor } from './actor.ts';
import type { Clock } from './clock.ts';
import { isStoreUnavailable, type LanguagesPort, type Timers } from './ports.ts';
import type { LanguageChange, LanguageScope } from './records/language-choice.ts';
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
 * How long an update waits for the choices the first time they are read here before it goes on
 * without them (the platform's language, else the default): a language is not worth a stalled answer
 * while the store is out.
 */
export const LANGUAGE_READ_MS = 250;
/** After a read failed or ran late, updates go on without reading choices for this long. */
export const LANGUAGE_PAUSE_MS = 5_000;
/**
 * How long the choices read here are used before they are read again (in the background: updates go
 * on with the ones held meanwhile). Another instance's /language is seen within this time.
 */
export const LANGUAGE_CACHE_MS = 60_000;

/** A platform's choices as held here, until when they are fresh, and the writes made here since. */
interface Held {
  choices: { user: Map<string, string>; chat: Map<string, string> };
  until: number;
}

export class LanguageService {
  /** Per platform: every choice made there, read in one go (see LanguagesPort.all). */
  readonly #held = new Map<Platform, Held>();
  readonly #loading = new Map<Platform, Promise<Held | undefined>>();
  /** Per platform: writes made here; a read that started before one of them is not kept. */
  readonly #writes = new Map<Platform, number>();
  /** Until when the store is left alone after a read failed or ran late (an outage costs no more waits). */
  #pausedUntil = 0;

  constructor(
    private readonly choices: LanguagesPort,
    private readonly clock: Clock,
    private readonly timers?: Timers,
  ) {}

  #pause(): void {
    this.#pausedUntil = this.clock.now() + LANGUAGE_PAUSE_MS;
  }

  /** Reads the platform's choices (one read at a time per platform); undefined when the store fails. */
  #load(platform: Platform): Promise<Held | undefined> {
    const loading = this.#loading.get(platform);
    if (loading) return loading;
    const writesBefore = this.#writes.get(platform) ?? 0;
    const load = this.choices.all(platform).then(
      (all): Held | undefined => {
        const held: Held = {
          choices: { user: new Map(all.user), chat: new Map(all.chat) },
          until: this.clock.now() + LANGUAGE_CACHE_MS,
        };
        // A choice written here meanwhile may be missing from what was read: read again next time.
        if ((this.#writes.get(platform) ?? 0) !== writesBefore) return this.#held.get(platform) ?? held;
        this.#held.set(platform, held);
        return held;
      },
      (error: unknown) => {
        if (!isStoreUnavailable(error)) throw error;
        this.#pause();
        return undefined;
      },
    );
    const settled = load.finally(() => this.#loading.delete(platform));
    this.#loading.set(platform, settled);
    return settled;
  }

  /**
   * The platform's choices: the ones held here (read again in the background once stale), else read
   * now, waiting at most LANGUAGE_READ_MS; none while the store is out.
   */
  #choicesOn(platform: Platform): Held | undefined | Promise<Held | undefined> {
    const held = this.#held.get(platform);
    if (held) {
      if (held.until <= this.clock.now() && this.clock.now() >= this.#pausedUntil)
        this.#load(platform).catch(() => undefined);
      return held;
    }
    if (this.clock.now() < this.#pausedUntil) return undefined;
    const read = this.#load(platform);
    const timers = this.timers;
    if (!timers) return read;
    return new Promise((resolve, reject) => {
      const cancel = timers.after(LANGUAGE_READ_MS, () => {
        this.#pause();
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

  async #choice(scope: LanguageScope, platform: Platform, id: string): Promise<string | undefined> {
    const held = await this.#choicesOn(platform);
    return held?.choices[scope].get(id);
  }

  /** The language a chat's shared messages and scheduled posts are in. */
  async chatLocale(platform: Platform, chatId: string): Promise<Locale> {
    return matchLocale(await this.#choice('chat', platform, chatId)) ?? defaultLocale();
  }

  async state(actor: Actor): Promise<LanguageState> {
    const held = await this.#choicesOn(actor.platform);
    const ownLocale = actor.asChat ? undefined : matchLocale(held?.choices.user.get(actor.userId));
    const chatLocale = matchLocale(held?.choices.chat.get(actor.chatId));
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
   * so is it for the person's private chat with the bot, where their reminders go: one change.
   */
  chooseOwn(actor: Actor, locale: Locale | null): Promise<void> {
    const changes: LanguageChange[] = [{ scope: 'user', id: actor.userId, locale }];
    const privateChat = actor.chatKind === 'private' ? actor.chatId : actor.privateChatId;
    if (privateChat !== undefined) changes.push({ scope: 'chat', id: privateChat, locale });
    return this.#write(actor.platform, changes);
  }

  /** The language of a group or channel (`null` clears it): its admins' choice. */
  chooseForChat(actor: Actor, locale: Locale | null): Promise<void> {
    return this.#write(actor.platform, [{ scope: 'chat', id: actor.chatId, locale }]);
  }

  /** Writes the changes, then holds them here at once (other instances see them within LANGUAGE_CACHE_MS). */
  async #write(platform: Platform, changes: readonly LanguageChange[]): Promise<void> {
    this.#writes.set(platform, (this.#writes.get(platform) ?? 0) + 1);
    await this.choices.set(platform, changes);
    const held = this.#held.get(platform);
    if (!held) return;
    for (const { scope, id, locale } of changes) {
      if (locale === null) held.choices[scope].delete(id);
      else held.choices[scope].set(id, locale);
    }
  }
}
