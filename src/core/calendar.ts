// Calendar arithmetic in a given IANA time zone: local days, ISO weeks, ages and durations.
import { t } from '../i18n/current-locale.ts';

const DAY_MS = 86_400_000;
const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the wall clock in `timeZone` is ahead of UTC at an instant, in ms. */
export function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallFormatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * Per zone and UTC day: the offset at its start and at its end. Equal on all but the one or two days a
 * year when the zone changes its clocks, and then the offset is constant all that day.
 */
const dayOffsets = new Map<string, Map<number, readonly [number, number]>>();
const MAX_REMEMBERED_DAYS = 50_000;

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function localDay(ms: number, timeZone: string): string {
  const utcDay = Math.floor(ms / DAY_MS);
  let zone = dayOffsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    dayOffsets.set(timeZone, zone);
  }
  let offsets = zone.get(utcDay);
  if (!offsets) {
    if (zone.size >= MAX_REMEMBERED_DAYS) zone.clear();
    offsets = [offsetAt(utcDay * DAY_MS, timeZone), offsetAt((utcDay + 1) * DAY_MS, timeZone)];
    zone.set(utcDay, offsets);
  }
  const offset = offsets[0] === offsets[1] ? offsets[0] : offsetAt(ms, timeZone);
  return dayFromNumber(Math.floor((ms + offset) / DAY_MS));
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days since 1970-01-01 → `YYYY-MM-DD` (proleptic Gregorian, without building a Date). */
export function dayFromNumber(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` → days since 1970-01-01. */
export function dayNumber(day: string): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Adds whole days to a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
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

/** `2026-W49` → `2026-W49`, `KW 49/2026`, `2026年第49周`: an ISO week as the current language names it. */
export function formatIsoWeek(week: string): string {
  const [year = '', number = ''] = week.split('-W');
  return t('date-iso-week', { year, number: Number(number) });
}

/** A month's short name (`2` → `Feb`) in the current language. */
const monthName = (month: string) => t(`month-short-${Number(month)}`);

/** `2026-03-02` → `2 Mar 2026`; `2024-01` → `Jan 2024` (in the current language). */
export function formatDate(date: string): string {
  const [year = '', month = '', day] = date.slice(0, 10).split('-');
  return day
    ? t('date-day-month-year', { day: Number(day), month: monthName(month), year })
    : t('date-month-year', { month: monthName(month), year });
}

/** "just now", "5 minutes ago", "3 days ago", then the date itself after a month. */
export function formatAge(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 60) return t('age-just-now');
  if (seconds < 3600) return t('age-minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t('age-hours', { count: Math.floor(seconds / 3600) });
  if (seconds < 30 * 86_400) return t('age-days', { count: Math.floor(seconds / 86_400) });
  return t('age-on-date', { date: formatDate(new Date(thenMs).toISOString().slice(0, 10)) });
}

/** `75_000` → `1m 15s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0
    ? t('duration-minutes-seconds', { minutes, seconds })
    : t('duration-seconds', { seconds });
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
  if (first.slice(0, 4) !== last.slice(0, 4))
    return t('date-range', { first: formatDate(first), last: formatDate(last) });
  const dayOf = (day: string) => Number(day.slice(8, 10));
  const short = (day: string) => t('date-day-month', { day: dayOf(day), month: monthName(day.slice(5, 7)) });
  if (first.slice(0, 7) === last.slice(0, 7)) {
    return t('date-range-in-month', {
      first: dayOf(first),
      last: dayOf(last),
      month: monthName(last.slice(5, 7)),
    });
  }
  return t('date-range', { first: short(first), last: short(last) });
}

/** "in 5 minutes", "in 3 hours", "in 2 days": how soon something is due. */
export function formatDueIn(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((thenMs - nowMs) / 1000));
  if (seconds < 60) return t('due-in-seconds');
  if (seconds < 3600) return t('due-in-minutes', { count: Math.round(seconds / 60) });
  if (seconds < 86_400) return t('due-in-hours', { count: Math.round(seconds / 3600) });
  return t('due-in-days', { count: Math.round(seconds / 86_400) });
}
