// Wall-clock schedules in a time zone: the instant of a local time, next and previous runs, periods.
import { addDays, isoWeek, localDay, offsetAt } from './calendar.ts';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WallSchedule {
  /** `HH:MM`, 24-hour. */
  time: string;
  /** Weekly schedules only. */
  weekday?: Weekday | undefined;
  timezone: string;
}

/** Minutes the zone is ahead of UTC at an instant. */
const offsetMinutes = (ms: number, timeZone: string) => Math.round(offsetAt(ms, timeZone) / 60_000);

/**
 * The instant a local day and time happen in `timeZone`. A time skipped by a DST change resolves
 * to the same wall time after the jump (02:30 on a spring-forward night runs at 03:30).
 */
export function zonedInstant(day: string, time: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1, hour ?? 0, minute ?? 0);
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  guess = wall - offsetMinutes(guess, timeZone) * 60_000;
  return guess;
}

export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? 'sun';
}

/** Run instants on local days from a week before to a week after `now`. */
function runsNear(schedule: WallSchedule, now: number): number[] {
  const today = localDay(now, schedule.timezone);
  const runs: number[] = [];
  for (let offset = -8; offset <= 8; offset++) {
    const day = addDays(today, offset);
    if (!schedule.weekday || weekdayOf(day) === schedule.weekday) {
      runs.push(zonedInstant(day, schedule.time, schedule.timezone));
    }
  }
  return runs;
}

/** The first run strictly after `now`. */
export function nextRun(schedule: WallSchedule, now: number): number {
  return Math.min(...runsNear(schedule, now).filter((at) => at > now));
}

/** The last run at or before `now`. */
export function previousRun(schedule: WallSchedule, now: number): number {
  return Math.max(...runsNear(schedule, now).filter((at) => at <= now));
}

/** The period a run belongs to: its local day, or its ISO week for weekly schedules. */
export function periodOf(schedule: WallSchedule, runAt: number): string {
  return schedule.weekday ? isoWeek(runAt, schedule.timezone) : localDay(runAt, schedule.timezone);
}

/** The node-cron expression for a schedule (`30 8 * * 1` = Mondays at 08:30). */
export function cronExpression(schedule: WallSchedule): string {
  const [hour, minute] = schedule.time.split(':').map(Number);
  const weekday = schedule.weekday ? String(WEEKDAYS.indexOf(schedule.weekday)) : '*';
  return `${minute} ${hour} * * ${weekday}`;
}
