// Progress rules: answers, accuracy, articles read and daily streaks in the user's own time zone.
import { addDays, localDay } from './calendar.ts';
import type { Board, BoardEntries, Progress } from './records.ts';

export function emptyProgress(name: string): Progress {
  return {
    v: 1,
    name,
    timezone: null,
    articlesRead: [],
    answered: 0,
    correct: 0,
    streak: { current: 0, best: 0, lastDay: null },
    lastActivity: null,
  };
}

/** Counts today (in `timeZone`) as active: extends the streak from yesterday, or starts a new one. */
export function recordActivity(progress: Progress, now: number, timeZone: string): void {
  const today = localDay(now, timeZone);
  const { streak } = progress;
  if (streak.lastDay !== today) {
    streak.current = streak.lastDay === addDays(today, -1) ? streak.current + 1 : 1;
    streak.lastDay = today;
    streak.best = Math.max(streak.best, streak.current);
  }
  progress.lastActivity = now;
}

/** The streak as it stands now: it lapses once a whole local day passes without activity. */
export function currentStreak(progress: Progress, now: number, timeZone: string): number {
  const today = localDay(now, timeZone);
  const { lastDay, current } = progress.streak;
  return lastDay === today || lastDay === addDays(today, -1) ? current : 0;
}

export function recordAnswer(
  progress: Progress,
  name: string,
  correct: boolean,
  now: number,
  timeZone: string,
): void {
  progress.name = name;
  progress.answered += 1;
  progress.correct += correct ? 1 : 0;
  recordActivity(progress, now, timeZone);
}

/** Returns false when the article was already counted. */
export function recordArticleRead(
  progress: Progress,
  articleId: string,
  now: number,
  timeZone: string,
): boolean {
  recordActivity(progress, now, timeZone);
  if (progress.articlesRead.includes(articleId)) return false;
  progress.articlesRead.push(articleId);
  return true;
}

export const accuracy = (correct: number, answered: number) =>
  answered === 0 ? 0 : Math.round((correct / answered) * 100);

/** Weekly standings kept per chat; older weeks are dropped. */
export const KEPT_WEEKS = 8;

export const emptyBoard = (): Board => ({ v: 1, all: {}, weeks: {} });

function addAnswer(entries: BoardEntries, userId: string, name: string, correct: boolean): void {
  const entry = entries[userId] ?? { name, points: 0, answered: 0, correct: 0 };
  entry.name = name;
  entry.answered += 1;
  entry.correct += correct ? 1 : 0;
  entry.points += correct ? 1 : 0;
  entries[userId] = entry;
}

/** Counts an answer on the all-time board and on `week`'s board. */
export function recordBoardAnswer(
  board: Board,
  week: string,
  userId: string,
  name: string,
  correct: boolean,
): void {
  addAnswer(board.all, userId, name, correct);
  const weekly = board.weeks[week] ?? {};
  addAnswer(weekly, userId, name, correct);
  board.weeks[week] = weekly;
  const weeks = Object.keys(board.weeks).sort();
  for (const old of weeks.slice(0, Math.max(0, weeks.length - KEPT_WEEKS))) delete board.weeks[old];
}

export interface Ranked {
  userId: string;
  name: string;
  points: number;
  answered: number;
  correct: number;
}

/** Most points first, then better accuracy, then fewer answers needed. */
export function rankBoard(entries: BoardEntries | undefined): Ranked[] {
  return Object.entries(entries ?? {})
    .map(([userId, entry]) => ({ userId, ...entry }))
    .sort(
      (a, b) =>
        b.points - a.points ||
        b.correct / Math.max(1, b.answered) - a.correct / Math.max(1, a.answered) ||
        a.answered - b.answered ||
        a.name.localeCompare(b.name),
    );
}
