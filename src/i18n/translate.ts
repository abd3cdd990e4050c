// Messages in Fluent: the .ftl files of each locale, loaded once, formatted with plurals, numbers and dates through Intl.
import { readdirSync, readFileSync } from 'node:fs';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import { addDerivedLocale, knownLocales, type Locale, SOURCE_LOCALE } from './locales.ts';

export type MessageArgs = Record<string, FluentVariable>;

/** A translator bound to one locale: `t('quiz-ended')`, `t('score', { right: 3, total: 5 })`. */
export interface Translate {
  (id: string, args?: MessageArgs): string;
  readonly locale: Locale;
}

/**
 * The folder of locale folders, next to this module: src/i18n/locales under tsx, dist/src/i18n/locales
 * once built (the build copies them, see src/cli/ensure-build.mjs).
 */
export const LOCALES_DIR = new URL('./locales/', import.meta.url);

interface Derived {
  from: Locale;
  /** Changes each piece of a message's own text (not the values put into it). */
  transform: (text: string) => string;
  /** Changes a whole formatted message. */
  wrap: (text: string) => string;
}
const derivedLocales = new Map<Locale, Derived>();
const bundles = new Map<Locale, FluentBundle>();

/** The .ftl sources of a locale, by file name (empty when the locale has no folder). */
export function readLocaleFiles(locale: Locale): Map<string, string> {
  const dir = new URL(`./${locale}/`, LOCALES_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.ftl'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  return new Map(names.sort().map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]));
}

function load(locale: Locale): FluentBundle {
  const cached = bundles.get(locale);
  if (cached) return cached;
  const derived = derivedLocales.get(locale);
  const source = derived?.from ?? locale;
  // English as written in Britain: dates read `Mon 30 Nov, 19:00`.
  const bundle = new FluentBundle([locale === SOURCE_LOCALE || derived ? 'en-GB' : locale], {
    // No bidi isolation marks around placeables: the text stays exactly as written. Chinese keeps
    // them until spaceAroundValues has used them to see where values begin and end.
    useIsolating: spacesValues(source),
    // LOWER($title): a title inside a sentence, where the language writes it in lower case.
    functions: { LOWER: ([text]) => String(text?.valueOf() ?? '').toLowerCase() },
    ...(derived ? { transform: derived.transform } : {}),
  });
  for (const [name, text] of readLocaleFiles(source)) {
    const errors = bundle.addResource(new FluentResource(text));
    if (errors.length > 0) {
      throw new Error(
        `src/i18n/locales/${source}/${name}: ${errors.map((error) => error.message).join('; ')}`,
      );
    }
  }
  bundles.set(locale, bundle);
  return bundle;
}

/** Formats one message; a message missing in the locale comes from the source locale; unknown ids throw (a bug). */
export function translate(locale: Locale, id: string, args?: MessageArgs): string {
  const derived = derivedLocales.get(locale);
  const known = knownLocales().includes(locale) ? locale : SOURCE_LOCALE;
  let bundle = load(known);
  let message = bundle.getMessage(id);
  if (!message?.value && known !== SOURCE_LOCALE) {
    bundle = load(SOURCE_LOCALE);
    message = bundle.getMessage(id);
  }
  if (!message?.value) throw new Error(`no message "${id}" in src/i18n/locales/${SOURCE_LOCALE}`);
  const errors: Error[] = [];
  const text = bundle.formatPattern(message.value, args ?? null, errors);
  if (errors.length > 0)
    throw new Error(`message "${id}" (${locale}): ${errors.map((e) => e.message).join('; ')}`);
  const spaced = spacesValues(known) ? spaceAroundValues(text) : text;
  return derived ? derived.wrap(spaced) : spaced;
}

/** Chinese puts a space between Han characters and Latin letters or digits. */
const spacesValues = (locale: Locale) => /^zh\b/.test(locale);
/** Fluent's marks around a placeable's value (first strong isolate, pop directional isolate). */
const MARKS = /[\u2068\u2069]/g;
/**
 * Where a message puts a value (`{ $zone }`, `{ $count }`) next to its own text, a space between
 * Han and Latin letters or digits (`从 UTC 的午夜`, `3 个`); text written in the message stays as is.
 */
function spaceAroundValues(text: string): string {
  return text
    .replace(
      /(\p{Script=Han})([\u2068\u2069]+)(?=([A-Za-z0-9]))/gu,
      (all, han: string, marks: string, next: string) => (tightDate(han, next) ? all : `${han} ${marks}`),
    )
    .replace(
      /([A-Za-z0-9])([\u2068\u2069]+)(?=(\p{Script=Han}))/gu,
      (all, before: string, marks: string, han: string) =>
        tightDate(han, before) ? all : `${before}${marks} `,
    )
    .replace(MARKS, '');
}

/** Dates stay tight, as Intl writes them: `2026年10月14日`, `第3周`. */
const tightDate = (han: string, other: string) => /[0-9]/.test(other) && /[年月日第周至]/u.test(han);

/** Whether a message id exists in the source locale. */
export const hasMessage = (id: string): boolean => load(SOURCE_LOCALE).hasMessage(id);

const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  const cached = translators.get(locale);
  if (cached) return cached;
  const t = Object.assign((id: string, args?: MessageArgs) => translate(locale, id, args), { locale });
  translators.set(locale, t);
  return t;
}

/** A locale made from another at run time by changing its text (the tests' pseudo-locale). */
export function registerDerivedLocale(locale: Locale, derived: Derived): void {
  derivedLocales.set(locale, derived);
  bundles.delete(locale);
  addDerivedLocale(locale);
}
