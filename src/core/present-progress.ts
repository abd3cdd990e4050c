// Progress and leaderboards as neutral messages.
import { encodeAction } from './action-payload.ts';
import { formatAge, formatDueIn } from './calendar.ts';
import { message, type NeutralMessage } from './output.ts';
import { accuracy, type Ranked } from './progress.ts';
import type { AnswerStats } from './records/answer.ts';
import type { Weekday } from './schedule-time.ts';
import { DAYS_PER_FREEZE, MAX_FREEZES, type Streak } from './streak.ts';

export interface ProgressView {
  name: string;
  articlesRead: number;
  stats: AnswerStats;
  streak: Streak;
  restDays: readonly Weekday[];
  reviewsDue: number;
  /** When the next card comes due, if none is due now. */
  nextReview: number | null;
  timezone: string;
  now: number;
  /** The linked accounts (`Telegram (Tess)`), or none. */
  linked: readonly string[];
}

const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

function reviewsLine(view: ProgressView): string {
  if (view.reviewsDue > 0) return `${view.reviewsDue} (start with /review)`;
  return view.nextReview === null ? '0' : `0; the next ${formatDueIn(view.nextReview, view.now)}`;
}

function streakLine(streak: Streak): string {
  const line = `${days(streak.current)} (best ${streak.best})`;
  if (streak.restorable > 0) {
    return `${line}; finish a quiz or a review today to restore your ${days(streak.restorable)}`;
  }
  return streak.current > 0 && !streak.activeToday ? `${line}; answer today to keep it` : line;
}

export function progressMessage(view: ProgressView): NeutralMessage {
  const { stats } = view;
  return message(
    [
      { kind: 'title', text: `Progress · ${view.name}` },
      {
        kind: 'fields',
        fields: [
          { label: 'Articles read', value: String(view.articlesRead) },
          { label: 'Questions answered', value: String(stats.answered) },
          {
            label: 'Accuracy',
            value: stats.answered === 0 ? 'no answers yet' : `${accuracy(stats.correct, stats.answered)}%`,
          },
          { label: 'Reviews due', value: reviewsLine(view) },
          { label: 'Daily streak', value: streakLine(view.streak) },
          {
            label: 'Freezes held',
            value: `${view.streak.freezes} of ${MAX_FREEZES} (one per ${DAYS_PER_FREEZE} streak days)`,
          },
          {
            label: 'Rest days',
            value:
              view.restDays.length > 0 ? view.restDays.join(', ') : 'none (set with /streak rest sat,sun)',
          },
          {
            label: 'Last activity',
            value: stats.lastActivity === null ? 'none yet' : formatAge(stats.lastActivity, view.now),
          },
          {
            label: 'Linked accounts',
            value:
              view.linked.length > 0 ? view.linked.join(', ') : 'none (link Discord and Telegram with /link)',
          },
        ],
      },
      { kind: 'footer', text: `Days are counted in ${view.timezone}. Change it with /timezone.` },
    ],
    stats.answered === 0
      ? [
          [
            {
              kind: 'action',
              label: 'Take a quiz',
              style: 'primary',
              payload: encodeAction({ type: 'news' }),
            },
          ],
        ]
      : [],
  );
}

/** A chat's board: this week (`weekDays`, e.g. "23–29 Nov") or all time, with a button for the other. */
export function leaderboardMessage(
  ranked: readonly Ranked[],
  period: 'week' | 'all',
  weekDays: string,
): NeutralMessage {
  const other = period === 'week' ? 'all' : 'week';
  return message(
    [
      {
        kind: 'title',
        text: period === 'week' ? `Leaderboard · this week, ${weekDays}` : 'Leaderboard · all time',
      },
      ranked.length === 0
        ? { kind: 'text', text: 'No answers in this chat yet. Start a quiz with /quiz.' }
        : {
            kind: 'table',
            columns: ['#', 'Player', 'Points', 'Accuracy'],
            rows: ranked.map((entry, index) => [
              String(index + 1),
              entry.name,
              String(entry.points),
              `${accuracy(entry.correct, entry.answered)}%`,
            ]),
          },
    ],
    [
      [
        {
          kind: 'action',
          label: other === 'all' ? 'All time' : 'This week',
          payload: encodeAction({ type: 'board', period: other }),
        },
      ],
    ],
  );
}

/** /streak: the streak in full, and how its rules work. */
export function streakMessage(
  name: string,
  streak: Streak,
  restDays: readonly Weekday[],
  timezone: string,
): NeutralMessage {
  return message([
    { kind: 'title', text: `Streak · ${name}` },
    {
      kind: 'fields',
      fields: [
        { label: 'Daily streak', value: streakLine(streak) },
        { label: 'Freezes held', value: `${streak.freezes} of ${MAX_FREEZES}` },
        { label: 'Rest days', value: restDays.length > 0 ? restDays.join(', ') : 'none' },
      ],
    },
    {
      kind: 'list',
      items: [
        `Every ${DAYS_PER_FREEZE} streak days earn a freeze (at most ${MAX_FREEZES}); a missed day spends one by itself.`,
        'Rest days neither break nor extend a streak: set them with /streak rest sat,sun.',
        'Missed a day with no freeze left? Finish a quiz or a review the next day to restore the streak.',
      ],
    },
    { kind: 'footer', text: `Days end at midnight in ${timezone}. Change it with /timezone.` },
  ]);
}
