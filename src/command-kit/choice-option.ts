// A choice option that takes what people type: any letter case, and other spellings of a value.
import { z } from 'zod';

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
    return (values as readonly string[]).includes(lower) ? lower : (spell(lower) ?? lower);
  }, z.enum(values));
}
