// Per-user profile records, one per platform user (name, time zone, articles read).
import type { Mutation, ProfilesPort } from '../core/ports.ts';
import type { Platform } from '../core/records/platform.ts';
import { type Profile, profileSchema } from '../core/records/profile.ts';
import type { Records } from './store-contract.ts';

export const profileKey = (platform: Platform, userId: string) => `user:${platform}:${userId}`;
const key = profileKey;

export class ProfilesRepository implements ProfilesPort {
  constructor(private readonly records: Records) {}

  get(platform: Platform, userId: string): Promise<Profile | undefined> {
    return this.records.read(key(platform, userId), profileSchema);
  }

  getMany(platform: Platform, userIds: readonly string[]): Promise<(Profile | undefined)[]> {
    return this.records.readMany(
      userIds.map((userId) => key(platform, userId)),
      profileSchema,
    );
  }

  update<R>(
    platform: Platform,
    userId: string,
    mutate: (current: Profile | undefined) => Mutation<Profile, R>,
  ): Promise<R> {
    return this.records.update(key(platform, userId), profileSchema, mutate);
  }
}
