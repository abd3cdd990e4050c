// The `weekday` option: mon … sun, also written out (Monday) or shortened (tues), in any case.
import { choiceOption } from '../src/command-kit/choice-option.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `monday`, `Tues`, `thurs.` → the three-letter day; at least three letters of the name. */
export function spellWeekday(lower: string): (typeof DAYS)[number] | undefined {
  const word = lower.replace(/\.$/, '');
  if (word.length < 3) return undefined;
  const index = NAMES.findIndex((name) => name.startsWith(word));
  return index >= 0 ? DAYS[index] : undefined;
}

export const weekdayOption = () => choiceOption(DAYS, spellWeekday);
