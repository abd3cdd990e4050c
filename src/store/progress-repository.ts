// Per-user progress records, one per platform user.
import { type Platform, type Progress, progressSchema } from '../core/records.ts';
import type { Mutation, RecordStore } from './record-store.ts';

const key = (platform: Platform, userId: string) => `user:${platform}:${userId}`;

export class ProgressRepository {
  constructor(private readonly records: RecordStore) {}

  get(platform: Platform, userId: string): Promise<Progress | undefined> {
    return this.records.read(key(platform, userId), progressSchema);
  }

  update<R>(
    platform: Platform,
    userId: string,
    mutate: (current: Progress | undefined) => Mutation<Progress, R>,
  ) {
    return this.records.update(key(platform, userId), progressSchema, mutate);
  }
}
