// A choice option that takes what people type: any letter case, and other spellings of a value.

import { z } from 'zod';
import { valueTypedAs } from '../i18n/typed-words.ts';

/**
 * `choiceOption(['solo', 'group'])` accepts `Group`; `spell` maps other spellings to a value
 * (`monday` → `mon`) and returns undefined for words it does not know.
 */
export function choiceOption<const T extends readonly [string, ...string[]]>(
  values: T,
  spell: (lower: string) => T[number] | undefined = () => undefined,
) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const lower = value.trim().toLowerCase();
    if ((values as readonly string[]).includes(lower)) return lower;
    return spell(lower) ?? valueTypedAs(['choice-'], values, lower) ?? lower;
  }, z.enum(values));
}
