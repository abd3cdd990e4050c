import { describe, expect, test } from 'vitest';
import { addDays, localDay } from '../../src/core/calendar.ts';
import { weekdayOf } from '../../src/core/schedule-time.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { DAYS_PER_FREEZE, MAX_FREEZES, replayStreak } from '../../src/core/streak.ts';

/** `count` consecutive days from `first`. */
const run = (first: string, count: number) =>
  Array.from({ length: count }, (_, index) => addDays(first, index));
const replay = (
  activeDays: string[],
  today: string,
  more: { rest?: ('sat' | 'sun')[]; completed?: string[] } = {},
) => replayStreak({ activeDays, restDays: more.rest ?? [], completedDays: more.completed ?? [] }, today);

describe('fair streaks', () => {
  test('seven streak days earn a freeze, spent on the next missed day; the streak holds but is not extended', () => {
    const days = run('2026-11-01', 7);
    const held = replay(days, '2026-11-08');
    expect(held).toMatchObject({ current: 7, freezes: 1 });
    // 8 Nov missed: the freeze covers it; 9 Nov active again.
    const after = replay([...days, '2026-11-09'], '2026-11-09');
    expect(after).toMatchObject({ current: 8, freezes: 0, frozenDays: ['2026-11-08'] });
  });

  test('at most two freezes are held, and each covers one missed day only once', () => {
    const days = run('2026-10-01', 28);
    expect(replay(days, '2026-10-28').freezes).toBe(MAX_FREEZES);
    // Three days missed: two are frozen, the third breaks the streak.
    const broken = replay(days, '2026-11-01');
    expect(broken.frozenDays).toEqual(['2026-10-29', '2026-10-30']);
    expect(broken.current).toBe(0);
  });

  test('rest days neither break nor extend a streak', () => {
    // 2026-11-06 is a Friday; the weekend is rest.
    const days = ['2026-11-05', '2026-11-06', '2026-11-09'];
    const rested = replay(days, '2026-11-09', { rest: ['sat', 'sun'] });
    expect(rested).toMatchObject({ current: 3, frozenDays: [] });
    expect(replay(days, '2026-11-09').current).toBe(1);
  });

  test('a streak broken yesterday is restored by finishing a quiz or review today, and only within that day', () => {
    const days = [...run('2026-11-01', 5), '2026-11-07'];
    const broken = replay(run('2026-11-01', 5), '2026-11-07');
    expect(broken).toMatchObject({ current: 0, restorable: 5 });
    const restored = replay(days, '2026-11-07', { completed: ['2026-11-07'] });
    expect(restored).toMatchObject({ current: 6, restoredDays: ['2026-11-06'] });
    // Finishing a quiz two days later restores nothing.
    expect(
      replay([...run('2026-11-01', 5), '2026-11-08'], '2026-11-08', { completed: ['2026-11-08'] }).current,
    ).toBe(1);
  });

  test('today never breaks anything: it is not over yet', () => {
    expect(replay(run('2026-11-01', 3), '2026-11-04')).toMatchObject({ current: 3, activeToday: false });
  });
});

/** 24 zones, among them DST in both hemispheres, half- and quarter-hour offsets, and a 30-minute DST. */
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Chisinau',
  'America/New_York',
  'America/Los_Angeles',
  'America/Phoenix',
  'America/St_Johns',
  'America/Havana',
  'America/Santiago',
  'America/Sao_Paulo',
  'Africa/Cairo',
  'Asia/Gaza',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

/** The local date by a formatter of its own (no cache), to check localDay against. */
const formatters = new Map(
  ZONES.map((zone) => [
    zone,
    new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ]),
);

describe('streaks over random histories in 24 time zones (property)', () => {
  test('10,000 histories × 24 zones: no false break on an active local day, freezes never spent twice', () => {
    const random = seededRandom(20261130);
    // Histories start anywhere from March to November 2026: the DST changes of both hemispheres.
    const start = Date.parse('2026-03-01T00:00:00Z');
    let falseBreaks = 0;
    let doubleSpends = 0;
    let wrongDays = 0;
    let checked = 0;
    for (let history = 0; history < 10_000; history++) {
      const from = start + Math.floor(random() * 230) * 86_400_000;
      const instants = Array.from(
        { length: 4 + Math.floor(random() * 12) },
        () => from + Math.floor(random() * 30 * 86_400_000),
      );
      const rest = random() < 0.3 ? (['sat', 'sun'] as const) : ([] as const);
      for (const zone of ZONES) {
        const days = [...new Set(instants.map((at) => localDay(at, zone)))].sort();
        // The day each instant falls on, checked against a formatter of its own for some histories.
        if (history % 20 === 0) {
          const formatter = formatters.get(zone) as Intl.DateTimeFormat;
          for (const at of instants) if (localDay(at, zone) !== formatter.format(at)) wrongDays++;
        }
        const last = days.at(-1) as string;
        const completed = days.filter(() => random() < 0.2);
        for (const today of [last, addDays(last, 1), addDays(last, 4)]) {
          const streak = replayStreak({ activeDays: days, restDays: rest, completedDays: completed }, today);
          checked++;
          // Whatever came before, a day with activity in the user's own calendar keeps a streak alive.
          if (today === last && streak.current === 0) falseBreaks++;
          if (new Set(streak.frozenDays).size !== streak.frozenDays.length) doubleSpends++;
          if (streak.frozenDays.length > Math.floor(days.length / DAYS_PER_FREEZE)) doubleSpends++;
          for (const frozen of streak.frozenDays) {
            if (days.includes(frozen) || (rest as readonly string[]).includes(weekdayOf(frozen)))
              doubleSpends++;
          }
        }
      }
    }
    expect(checked).toBe(10_000 * ZONES.length * 3);
    expect(wrongDays).toBe(0);
    expect(falseBreaks).toBe(0);
    expect(doubleSpends).toBe(0);
  }, 120_000);
});
