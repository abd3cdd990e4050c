// Progress rules: accuracy and leaderboard ranking.
import type { BoardEntry } from './records/answer.ts';
import type { Profile } from './records/profile.ts';

export function emptyProfile(name: string): Profile {
  return { v: 2, name, timezone: null, articlesRead: [], restDays: [], completedDays: [] };
}

export const accuracy = (correct: number, answered: number) =>
  answered === 0 ? 0 : Math.round((correct / answered) * 100);

/** Weekly standings kept per chat (older weeks are pruned by the store). */
export const KEPT_WEEKS = 8;

export type Ranked = BoardEntry;

/** Most points first, then better accuracy, then fewer answers needed. */
export function rankBoard(entries: readonly BoardEntry[]): Ranked[] {
  return [...entries].sort(
    (a, b) =>
      b.points - a.points ||
      b.correct / Math.max(1, b.answered) - a.correct / Math.max(1, a.answered) ||
      a.answered - b.answered ||
      a.name.localeCompare(b.name),
  );
}
