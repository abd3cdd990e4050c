// Progress and leaderboards over the store, and how they are shown.
import type { BoardsRepository } from '../store/boards-repository.ts';
import type { ProgressRepository } from '../store/progress-repository.ts';
import { encodeAction } from './action-payload.ts';
import type { Actor } from './actor.ts';
import { formatAge, isoWeek } from './calendar.ts';
import type { Clock } from './clock.ts';
import { message, type Response, reply } from './output.ts';
import {
  accuracy,
  currentStreak,
  emptyBoard,
  emptyProgress,
  type Ranked,
  rankBoard,
  recordAnswer,
  recordArticleRead,
  recordBoardAnswer,
} from './progress.ts';
import type { Platform } from './records.ts';

const BOARD_SIZE = 10;

export interface ProgressDeps {
  progress: ProgressRepository;
  boards: BoardsRepository;
  clock: Clock;
  defaultTimeZone: string;
}

export class ProgressService {
  constructor(private readonly deps: ProgressDeps) {}

  /** The ISO week leaderboards count in (the bot's default time zone). */
  week(now: number): string {
    return isoWeek(now, this.deps.defaultTimeZone);
  }

  /** A chat's ranking for one week (`2026-W48`) or all time. */
  async ranking(platform: Platform, chatId: string, period: { week: string } | 'all'): Promise<Ranked[]> {
    const board = await this.deps.boards.get(platform, chatId);
    return rankBoard(period === 'all' ? board?.all : board?.weeks[period.week]);
  }

  recordAnswer(actor: Actor, correct: boolean): Promise<void> {
    const now = this.deps.clock.now();
    return this.deps.progress.update(actor.platform, actor.userId, (current) => {
      const progress = current ?? emptyProgress(actor.name);
      recordAnswer(progress, actor.name, correct, now, progress.timezone ?? this.deps.defaultTimeZone);
      return { next: progress, result: undefined };
    });
  }

  recordBoardAnswer(actor: Actor, correct: boolean): Promise<void> {
    const week = this.week(this.deps.clock.now());
    return this.deps.boards.update(actor.platform, actor.chatId, (current) => {
      const board = current ?? emptyBoard();
      recordBoardAnswer(board, week, actor.userId, actor.name, correct);
      return { next: board, result: undefined };
    });
  }

  /** Returns true the first time this user finishes this article. */
  recordRead(actor: Actor, articleId: string): Promise<boolean> {
    const now = this.deps.clock.now();
    return this.deps.progress.update(actor.platform, actor.userId, (current) => {
      const progress = current ?? emptyProgress(actor.name);
      const first = recordArticleRead(
        progress,
        articleId,
        now,
        progress.timezone ?? this.deps.defaultTimeZone,
      );
      return { next: progress, result: first };
    });
  }

  setTimezone(actor: Actor, timezone: string): Promise<void> {
    return this.deps.progress.update(actor.platform, actor.userId, (current) => {
      const progress = current ?? emptyProgress(actor.name);
      progress.timezone = timezone;
      return { next: progress, result: undefined };
    });
  }

  async show(actor: Actor): Promise<Response> {
    const now = this.deps.clock.now();
    const progress =
      (await this.deps.progress.get(actor.platform, actor.userId)) ?? emptyProgress(actor.name);
    const timezone = progress.timezone ?? this.deps.defaultTimeZone;
    const streak = currentStreak(progress, now, timezone);
    return reply(
      message(
        [
          { kind: 'title', text: `Progress · ${actor.name}` },
          {
            kind: 'fields',
            fields: [
              { label: 'Articles read', value: String(progress.articlesRead.length) },
              { label: 'Questions answered', value: String(progress.answered) },
              { label: 'Accuracy', value: `${accuracy(progress.correct, progress.answered)}%` },
              {
                label: 'Daily streak',
                value: `${streak} day${streak === 1 ? '' : 's'} (best ${progress.streak.best})`,
              },
              {
                label: 'Last activity',
                value: progress.lastActivity === null ? 'none yet' : formatAge(progress.lastActivity, now),
              },
            ],
          },
          { kind: 'footer', text: `Days are counted in ${timezone}. Change it with /timezone.` },
        ],
        progress.answered === 0
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
      ),
    );
  }

  async leaderboard(actor: Actor, period: 'week' | 'all'): Promise<Response> {
    const now = this.deps.clock.now();
    const week = this.week(now);
    const ranking = await this.ranking(actor.platform, actor.chatId, period === 'all' ? 'all' : { week });
    const ranked = ranking.slice(0, BOARD_SIZE);
    const title = period === 'week' ? `Leaderboard · this week (${week})` : 'Leaderboard · all time';
    const other = period === 'week' ? 'all' : 'week';
    return reply(
      message(
        [
          { kind: 'title', text: title },
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
      ),
    );
  }
}
