// Calendar arithmetic in a given IANA time zone: local days, ISO weeks, ages and durations.

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Every zone's offset is a multiple of 15 minutes, so a local midnight always falls on a quarter-hour
 * of UTC: within one UTC quarter-hour the local day cannot change, and it can be remembered.
 */
const QUARTER_HOUR_MS = 900_000;
const MAX_REMEMBERED_DAYS = 50_000;
const days = new Map<string, string>();

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function localDay(ms: number, timeZone: string): string {
  const key = `${timeZone}@${Math.floor(ms / QUARTER_HOUR_MS)}`;
  const known = days.get(key);
  if (known !== undefined) return known;
  const parts = dayFormatter(timeZone).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '00';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  if (days.size >= MAX_REMEMBERED_DAYS) days.clear();
  days.set(key, day);
  return day;
}

/** Adds whole days to a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** ISO-8601 week (`2026-W48`) of the local day an instant falls on in `timeZone`. */
export function isoWeek(ms: number, timeZone: string): string {
  return weekOfDay(localDay(ms, timeZone));
}

const weeks = new Map<string, string>();

/** The ISO week of a calendar day (remembered: days repeat far more often than they change). */
function weekOfDay(day: string): string {
  const known = weeks.get(day);
  if (known !== undefined) return known;
  if (weeks.size >= MAX_REMEMBERED_DAYS) weeks.clear();
  const week = computeWeek(day);
  weeks.set(day, week);
  return week;
}

function computeWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week before `week` (`2026-W01` → `2025-W52` or `W53`). */
export function previousIsoWeek(week: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const year = Number(match?.[1]);
  const number = Number(match?.[2]);
  // Thursday of the given week, minus seven days, gives a day in the week before.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const thursday = new Date(jan4);
  thursday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 4) + (number - 1) * 7 - 7);
  return isoWeek(thursday.getTime(), 'UTC');
}

/** Milliseconds since the epoch for an article date (`2026-03-02` is read as midnight UTC). */
export function dateToMs(date: string): number {
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03-02` → `2 Mar 2026`; `2024-01` → `Jan 2024`. */
export function formatDate(date: string): string {
  const [year, month, day] = date.slice(0, 10).split('-');
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

/** "just now", "5 minutes ago", "3 days ago", then the date itself after a month. */
export function formatAge(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return plural(Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return plural(Math.floor(seconds / 3600), 'hour');
  if (seconds < 30 * 86_400) return plural(Math.floor(seconds / 86_400), 'day');
  return `on ${formatDate(new Date(thenMs).toISOString().slice(0, 10))}`;
}

/** `75_000` → `1m 15s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}m ${seconds}s` : `${seconds}s`;
}

/** The Monday and Sunday (`YYYY-MM-DD`) of the ISO week an instant falls in, in `timeZone`. */
export function isoWeekDays(ms: number, timeZone: string): { first: string; last: string } {
  const day = localDay(ms, timeZone);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  const first = addDays(day, 1 - weekday);
  return { first, last: addDays(first, 6) };
}

/** `30 Nov–6 Dec`, `23–29 Nov`; across a new year `29 Dec 2025–4 Jan 2026`. */
export function formatDayRange(first: string, last: string): string {
  if (first.slice(0, 4) !== last.slice(0, 4)) return `${formatDate(first)}–${formatDate(last)}`;
  const short = (day: string) => formatDate(day).replace(/ \d{4}$/, '');
  if (first.slice(0, 7) === last.slice(0, 7)) return `${Number(first.slice(8, 10))}–${short(last)}`;
  return `${short(first)}–${short(last)}`;
}
