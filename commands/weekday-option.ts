// The `weekday` option: mon … sun, also written out (Monday) or shortened (tues), in any case.

import { choiceOption } from '../src/command-kit/choice-option.ts';
import { valueTypedAs } from '../src/i18n/typed-words.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `monday`, `Tues`, `thurs.` → the three-letter day; at least three letters of the name. */
export function spellWeekday(lower: string): (typeof DAYS)[number] | undefined {
  const word = lower.replace(/\.$/, '');
  const index = NAMES.findIndex((name) => word.length >= 3 && name.startsWith(word));
  if (index >= 0) return DAYS[index];
  // Mo, Montag, 周一, 星期一: the days as the other languages write them.
  return valueTypedAs(['weekday-', 'weekday-long-'], DAYS, word);
}

export const weekdayOption = () => choiceOption(DAYS, spellWeekday);
