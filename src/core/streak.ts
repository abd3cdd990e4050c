// Daily streaks, replayed from the local days a user was active on: freezes earned and spent, rest days,
// and a broken streak restored by finishing a quiz or review the next day. A pure function of the
// history, so it gives the same answer on every instance and after any restart.
import { dayFromNumber, dayNumber } from './calendar.ts';
import { WEEKDAYS, type Weekday } from './schedule-time.ts';

/** One freeze is earned for every this many streak days... */
export const DAYS_PER_FREEZE = 7;
/** ...and at most this many are held at a time. */
export const MAX_FREEZES = 2;

export interface StreakHistory {
  /** Local days (`YYYY-MM-DD`) with activity, ascending. */
  activeDays: readonly string[];
  /** Weekdays that neither break nor extend a streak. */
  restDays: readonly Weekday[];
  /** Local days on which the user finished a quiz or a review (what restores a streak). */
  completedDays: readonly string[];
}

export interface Streak {
  current: number;
  best: number;
  /** Freezes held now. */
  freezes: number;
  /** Missed days a freeze covered. */
  frozenDays: string[];
  /** Missed days covered by finishing a quiz or review the day after. */
  restoredDays: string[];
  /** Whether today (not over yet) already counts. */
  activeToday: boolean;
  /** A streak broken yesterday that finishing a quiz or review today would restore: its length. */
  restorable: number;
}

/** Days are walked as numbers (days since 1970-01-01, a Thursday): cheap to step and to name the weekday of. */
const weekdayOfNumber = (number: number): Weekday => WEEKDAYS[(((number + 4) % 7) + 7) % 7] ?? 'sun';
const dayName = dayFromNumber;

/**
 * Walks every day from the first active one to `today`. A missed day that is neither a rest day nor
 * today is covered by a held freeze, else by a quiz or review finished the next day (the 24 hours to
 * restore it), else it breaks the streak. Today never breaks anything: it is not over.
 */
export function replayStreak(history: StreakHistory, today: string): Streak {
  const active = new Set(history.activeDays.map(dayNumber));
  const rest = new Set(history.restDays);
  const completed = new Set(history.completedDays.map(dayNumber));
  const last = dayNumber(today);
  const result: Streak = {
    current: 0,
    best: 0,
    freezes: 0,
    frozenDays: [],
    restoredDays: [],
    activeToday: active.has(last),
    restorable: 0,
  };
  const firstDay = history.activeDays[0];
  if (firstDay === undefined) return result;
  let towardFreeze = 0;
  for (let day = dayNumber(firstDay); day <= last; day++) {
    if (active.has(day)) {
      result.current += 1;
      result.best = Math.max(result.best, result.current);
      towardFreeze += 1;
      if (towardFreeze === DAYS_PER_FREEZE) {
        towardFreeze = 0;
        result.freezes = Math.min(MAX_FREEZES, result.freezes + 1);
      }
      continue;
    }
    if (day === last || result.current === 0 || rest.has(weekdayOfNumber(day))) continue;
    if (result.freezes > 0) {
      result.freezes -= 1;
      result.frozenDays.push(dayName(day));
    } else if (completed.has(day + 1)) {
      result.restoredDays.push(dayName(day));
    } else {
      if (day + 1 === last) result.restorable = result.current;
      result.current = 0;
      towardFreeze = 0;
    }
  }
  return result;
}
