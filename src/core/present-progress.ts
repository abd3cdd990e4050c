// Progress and leaderboards as neutral messages.
import { t } from '../i18n/current-locale.ts';
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

/** Weekdays as the current language abbreviates them: `sat, sun`. */
export const weekdayList = (days: readonly Weekday[]) => days.map((day) => t(`weekday-${day}`)).join(', ');

function reviewsLine(view: ProgressView): string {
  if (view.reviewsDue > 0) return t('progress-reviews-due', { count: view.reviewsDue });
  return view.nextReview === null
    ? '0'
    : t('progress-reviews-next', { due: formatDueIn(view.nextReview, view.now) });
}

function streakLine(streak: Streak): string {
  const line = t('streak-line', { count: streak.current, best: streak.best });
  if (streak.restorable > 0) return t('streak-line-restorable', { line, count: streak.restorable });
  return streak.current > 0 && !streak.activeToday ? t('streak-line-keep', { line }) : line;
}

export function progressMessage(view: ProgressView): NeutralMessage {
  const { stats } = view;
  return message(
    [
      { kind: 'title', text: t('progress-title', { name: view.name }) },
      {
        kind: 'fields',
        fields: [
          { label: t('progress-articles-read'), value: String(view.articlesRead) },
          { label: t('progress-questions-answered'), value: String(stats.answered) },
          {
            label: t('progress-accuracy'),
            value:
              stats.answered === 0
                ? t('progress-no-answers')
                : t('percent', { value: accuracy(stats.correct, stats.answered) }),
          },
          { label: t('progress-reviews'), value: reviewsLine(view) },
          { label: t('progress-streak'), value: streakLine(view.streak) },
          {
            label: t('progress-freezes'),
            value: t('progress-freezes-value', {
              count: view.streak.freezes,
              max: MAX_FREEZES,
              per: DAYS_PER_FREEZE,
            }),
          },
          {
            label: t('progress-rest-days'),
            value: view.restDays.length > 0 ? weekdayList(view.restDays) : t('progress-rest-days-none'),
          },
          {
            label: t('progress-last-activity'),
            value:
              stats.lastActivity === null ? t('progress-none-yet') : formatAge(stats.lastActivity, view.now),
          },
          {
            label: t('progress-linked'),
            value: view.linked.length > 0 ? view.linked.join(', ') : t('progress-linked-none'),
          },
        ],
      },
      { kind: 'footer', text: t('progress-footer', { zone: view.timezone }) },
    ],
    stats.answered === 0
      ? [
          [
            {
              kind: 'action',
              label: t('progress-take-quiz'),
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
        text: period === 'week' ? t('board-title-week', { days: weekDays }) : t('board-title-all'),
      },
      ranked.length === 0
        ? { kind: 'text', text: t('board-empty') }
        : {
            kind: 'table',
            columns: ['#', t('board-player'), t('board-points'), t('board-accuracy')],
            rows: ranked.map((entry, index) => [
              String(index + 1),
              entry.name,
              String(entry.points),
              t('percent', { value: accuracy(entry.correct, entry.answered) }),
            ]),
          },
    ],
    [
      [
        {
          kind: 'action',
          label: other === 'all' ? t('board-all-time') : t('board-this-week'),
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
    { kind: 'title', text: t('streak-title', { name }) },
    {
      kind: 'fields',
      fields: [
        { label: t('progress-streak'), value: streakLine(streak) },
        {
          label: t('progress-freezes'),
          value: t('streak-freezes-value', { count: streak.freezes, max: MAX_FREEZES }),
        },
        {
          label: t('progress-rest-days'),
          value: restDays.length > 0 ? weekdayList(restDays) : t('streak-rest-none'),
        },
      ],
    },
    {
      kind: 'list',
      items: [
        t('streak-rule-freezes', { per: DAYS_PER_FREEZE, max: MAX_FREEZES }),
        t('streak-rule-rest'),
        t('streak-rule-restore'),
      ],
    },
    { kind: 'footer', text: t('streak-footer', { zone: timezone }) },
  ]);
}
