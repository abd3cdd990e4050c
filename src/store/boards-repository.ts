// Per-chat leaderboards: one record per chat holding all-time and recent weekly standings.
import { type Board, boardSchema, type Platform } from '../core/records.ts';
import type { Mutation, RecordStore } from './record-store.ts';

const key = (platform: Platform, chatId: string) => `board:${platform}:${chatId}`;

export class BoardsRepository {
  constructor(private readonly records: RecordStore) {}

  get(platform: Platform, chatId: string): Promise<Board | undefined> {
    return this.records.read(key(platform, chatId), boardSchema);
  }

  update<R>(
    platform: Platform,
    chatId: string,
    mutate: (current: Board | undefined) => Mutation<Board, R>,
  ): Promise<R> {
    return this.records.update(key(platform, chatId), boardSchema, mutate);
  }
}
