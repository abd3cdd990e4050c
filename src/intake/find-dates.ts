// Finds the calendar dates a sentence states (`14 May 2026`, `May 14, 2026`, `September 2025`, `2026-05-14`).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (\\d{4})\\b`, 'g');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'g');
const MONTH_YEAR = new RegExp(`\\b${MONTH},? (\\d{4})\\b`, 'g');
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

const pad = (value: number) => String(value).padStart(2, '0');
const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

function realDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The dates in `sentence` as a timeline takes them: `2026-05-14` for a day, `2025-09` for a month; earliest first. */
export function findDates(sentence: string): string[] {
  const found = new Set<string>();
  const days: [number, number][] = [];
  const add = (year: number, month: number, day: number | undefined, at: number, length: number) => {
    if (year < 1900 || year > 2200 || month < 1 || month > 12) return;
    if (day !== undefined && !realDay(year, month, day)) return;
    found.add(day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`);
    days.push([at, at + length]);
  };
  for (const match of sentence.matchAll(DAY_MONTH_YEAR)) {
    add(Number(match[3]), monthNumber(match[2] ?? ''), Number(match[1]), match.index, match[0].length);
  }
  for (const match of sentence.matchAll(MONTH_DAY_YEAR)) {
    add(Number(match[3]), monthNumber(match[1] ?? ''), Number(match[2]), match.index, match[0].length);
  }
  for (const match of sentence.matchAll(ISO_DAY)) {
    add(Number(match[1]), Number(match[2]), Number(match[3]), match.index, match[0].length);
  }
  for (const match of sentence.matchAll(MONTH_YEAR)) {
    // A month already read as part of a full date is not a second date.
    if (days.some(([start, end]) => match.index >= start && match.index < end)) continue;
    add(Number(match[2]), monthNumber(match[1] ?? ''), undefined, match.index, match[0].length);
  }
  return [...found].sort();
}
