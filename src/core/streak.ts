// Daily streaks from the set of local days a user was active on.
import { addDays } from './calendar.ts';

/** Days in a row up to today, or up to yesterday while today is still open; 0 once a day was missed. */
export function currentStreak(activeDays: readonly string[], today: string): number {
  const days = new Set(activeDays);
  let day = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

/** The longest run of consecutive active days. `activeDays` is sorted ascending. */
export function bestStreak(activeDays: readonly string[]): number {
  let best = 0;
  let run = 0;
  let previous: string | undefined;
  for (const day of activeDays) {
    run = previous !== undefined && addDays(previous, 1) === day ? run + 1 : 1;
    best = Math.max(best, run);
    previous = day;
  }
  return best;
}
