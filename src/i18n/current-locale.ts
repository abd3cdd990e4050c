// The language of the update being handled: set once where an update or a scheduled post starts, read
// by every message on the way (`t('id')`), so a reply is in its reader's language without each function
// passing it on. What goes to a whole chat (group questions, standings, scheduled posts) is rendered
// inside `inLocale(chatLocale, …)`.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Locale, SOURCE_LOCALE } from './locales.ts';
import { type MessageArgs, translate } from './translate.ts';

const scope = new AsyncLocalStorage<Locale>();
/** Outside any scope (start-up, a test calling the core directly): DEFAULT_LOCALE once the app set it. */
let fallback: Locale = SOURCE_LOCALE;

export function setDefaultLocale(locale: Locale): void {
  fallback = locale;
}

export const defaultLocale = (): Locale => fallback;

export const currentLocale = (): Locale => scope.getStore() ?? fallback;

/** Runs `work` (and everything it awaits) with messages in `locale`. */
export const inLocale = <T>(locale: Locale, work: () => T): T => scope.run(locale, work);

/** A message in the current language. */
export const t = (id: string, args?: MessageArgs): string => translate(currentLocale(), id, args);
