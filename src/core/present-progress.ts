// Progress and leaderboards as neutral messages.
import { encodeAction } from './action-payload.ts';
import { formatAge } from './calendar.ts';
import type { AnswerStats } from './model/answer.ts';
import { message, type NeutralMessage } from './output.ts';
import { accuracy, type Ranked } from './progress.ts';

export interface ProgressView {
  name: string;
  articlesRead: number;
  stats: AnswerStats;
  streak: number;
  best: number;
  timezone: string;
  now: number;
}

const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

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
          { label: 'Daily streak', value: `${days(view.streak)} (best ${view.best})` },
          {
            label: 'Last activity',
            value: stats.lastActivity === null ? 'none yet' : formatAge(stats.lastActivity, view.now),
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
