// Per-chat leaderboards: one all-time board and one per ISO week.
import { type Board, boardSchema, type Platform } from '../core/records.ts';
import type { Mutation, RecordStore } from './record-store.ts';

export type BoardPeriod = { kind: 'all' } | { kind: 'week'; week: string };

/** Weekly boards are kept long enough for last week's recap, then expire. */
const WEEK_TTL_MS = 60 * 86_400_000;
const key = (platform: Platform, chatId: string, period: BoardPeriod) =>
  period.kind === 'all'
    ? `board:${platform}:${chatId}:all`
    : `board:${platform}:${chatId}:week:${period.week}`;

export class BoardsRepository {
  constructor(private readonly records: RecordStore) {}

  get(platform: Platform, chatId: string, period: BoardPeriod): Promise<Board | undefined> {
    return this.records.read(key(platform, chatId, period), boardSchema);
  }

  update<R>(
    platform: Platform,
    chatId: string,
    period: BoardPeriod,
    mutate: (current: Board | undefined) => Mutation<Board, R>,
  ): Promise<R> {
    const ttl = period.kind === 'week' ? WEEK_TTL_MS : undefined;
    return this.records.update(key(platform, chatId, period), boardSchema, mutate, ttl);
  }
}
