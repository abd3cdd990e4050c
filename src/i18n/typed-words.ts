// Words people type for a command's values in any language the bot speaks: `gruppe` or `群组` for
// `group`, `Montag` or `周一` for `mon`. The English values always work too.
import { LOCALES } from './locales.ts';
import { hasMessage, translate } from './translate.ts';

const fold = (text: string) => text.trim().toLowerCase().replace(/\.$/, '');

/** The value whose `<prefix><value>` message reads as `typed` in some locale, if any. */
export function valueTypedAs<T extends string>(
  prefixes: readonly string[],
  values: readonly T[],
  typed: string,
): T | undefined {
  const word = fold(typed);
  if (word === '') return undefined;
  return values.find((value) =>
    prefixes.some((prefix) => {
      const id = `${prefix}${value}`;
      return hasMessage(id) && LOCALES.some((locale) => fold(translate(locale, id)) === word);
    }),
  );
}
