// The languages the bot speaks, and how a requested language tag is matched to one of them.
import { negotiateLanguages } from '@fluent/langneg';

/** The source language: every message exists in it, and it is what any missing translation falls back to. */
export const SOURCE_LOCALE = 'en';

/** The locales users can choose, each a folder of `.ftl` files under src/i18n/locales/. */
export const LOCALES = ['en', 'de', 'zh-CN'] as const;
export type Locale = string;

/** Locales made from another one at run time (the pseudo-locale tests use); never offered to users. */
const derived = new Set<string>();

export const knownLocales = (): readonly string[] => [...LOCALES, ...derived];

/** Adds a locale derived from the source (see translate.ts's registerDerivedLocale). */
export function addDerivedLocale(locale: string): void {
  derived.add(locale);
  matched.clear();
}

/**
 * Tags already matched (every interaction carries its user's tag: a few dozen different ones, each
 * negotiated once). Bounded, since a tag can also be typed.
 */
const matched = new Map<string, Locale | undefined>();
const MATCHED_MAX = 1_000;

/**
 * The known locale that best serves a requested tag (`de-AT` → `de`, `zh` or `zh-Hans` → `zh-CN`,
 * `en-US` → `en`), or undefined when none does. Tags are matched the way @fluent/langneg's lookup does.
 */
export function matchLocale(requested: string | undefined): Locale | undefined {
  if (requested === undefined) return undefined;
  const tag = requested.trim().replace(/_/g, '-');
  if (tag === '' || tag.length > 35 || !/^[A-Za-z0-9-]+$/.test(tag)) return undefined;
  if (matched.has(tag)) return matched.get(tag);
  const found = negotiate(tag);
  if (matched.size >= MATCHED_MAX) matched.clear();
  matched.set(tag, found);
  return found;
}

function negotiate(tag: string): Locale | undefined {
  const exact = knownLocales().find((locale) => locale.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const [found] = negotiateLanguages([tag], [...LOCALES], { strategy: 'matching' });
  return found;
}
