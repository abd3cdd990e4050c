// Languages chosen with /language, kept in buckets: per scope and platform, 16 records hold every choice
// (by a hash of the id), so an instance reads all of them in one round trip and then needs no read per
// update. Choices stored one per record (before buckets) are moved in once, on the first read.
import { z } from 'zod';
import type { LanguagesPort } from '../core/ports.ts';
import {
  type LanguageBucket,
  type LanguageChange,
  type LanguageChoices,
  type LanguageScope,
  languageBucketSchema,
  languageChoiceSchema,
} from '../core/records/language-choice.ts';
import { type Platform, platformSchema } from '../core/records/platform.ts';
import { type Records, recordRef } from './store-contract.ts';

const BUCKETS = 16;
const SCOPES: readonly LanguageScope[] = ['user', 'chat'];

/** FNV-1a of the id: the bucket it is kept in. */
function bucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < id.length; at++) {
    hash ^= id.charCodeAt(at);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

const bucketKey = (scope: LanguageScope, platform: Platform, bucket: number) =>
  `languages:${scope}:${platform}:${bucket}`;

/** One choice per record, as stored before buckets: `language:<scope>:<platform>:<id>`. */
const LEGACY_PREFIX = 'language:';
const legacyKeySchema = z.object({
  scope: z.enum(['user', 'chat']),
  platform: platformSchema,
  id: z.string().min(1).max(64),
});
/** The id may hold colons itself (a Discord DM chat is `dm:<user id>`). */
const LEGACY_KEY = /^language:([^:]*):([^:]*):(.*)$/;
/** Set once the one-per-record choices have been moved into buckets. */
const MOVED_KEY = 'languages:moved';
const movedSchema = z.object({ v: z.literal(1) });
/** Old records moved per step. */
const MOVE_STEP = 500;

/** A bucket with `changes` applied; null (deleted) once it holds no choice. */
function applied(
  bucket: LanguageBucket | undefined,
  changes: readonly LanguageChange[],
): LanguageBucket | null {
  const choices: Record<string, string> = { ...bucket?.choices };
  for (const { id, locale } of changes) {
    if (locale === null) delete choices[id];
    else choices[id] = locale;
  }
  return Object.keys(choices).length > 0 ? { v: 1, choices } : null;
}

export class LanguagesRepository implements LanguagesPort {
  #moving: Promise<void> | undefined;

  constructor(private readonly records: Records) {}

  async all(platform: Platform): Promise<LanguageChoices> {
    await this.#moved();
    const keys = SCOPES.flatMap((scope) =>
      Array.from({ length: BUCKETS }, (_, bucket) => bucketKey(scope, platform, bucket)),
    );
    const buckets = await this.records.readMany(keys, languageBucketSchema);
    const of = (scope: LanguageScope) =>
      new Map(
        buckets
          .slice(SCOPES.indexOf(scope) * BUCKETS, (SCOPES.indexOf(scope) + 1) * BUCKETS)
          .flatMap((bucket) => Object.entries(bucket?.choices ?? {})),
      );
    return { user: of('user'), chat: of('chat') };
  }

  async set(platform: Platform, changes: readonly LanguageChange[]): Promise<void> {
    const byKey = new Map<string, LanguageChange[]>();
    for (const change of changes) {
      const key = bucketKey(change.scope, platform, bucketOf(change.id));
      byKey.set(key, [...(byKey.get(key) ?? []), change]);
    }
    const keys = [...byKey.keys()];
    await this.records.change(
      { buckets: keys.map((key) => recordRef(key, languageBucketSchema)) },
      ({ buckets }) => ({
        next: { buckets: buckets.map((bucket, at) => applied(bucket, byKey.get(keys[at] ?? '') ?? [])) },
        result: undefined,
      }),
    );
  }

  /** Moves choices stored one per record into their buckets, once (again after a failure). */
  #moved(): Promise<void> {
    this.#moving ??= this.#move().catch((error: unknown) => {
      this.#moving = undefined;
      throw error;
    });
    return this.#moving;
  }

  async #move(): Promise<void> {
    if (await this.records.read(MOVED_KEY, movedSchema)) return;
    for (;;) {
      const keys = await this.records.keys(LEGACY_PREFIX, MOVE_STEP);
      for (const key of keys) await this.#moveOne(key);
      if (keys.length < MOVE_STEP) break;
    }
    await this.records.write(MOVED_KEY, { v: 1 });
  }

  /**
   * One old record into its bucket, in one change that also deletes it; a choice made since in the
   * bucket stays. A key that names no choice is deleted.
   */
  async #moveOne(key: string): Promise<void> {
    const [, scope, platform, id] = LEGACY_KEY.exec(key) ?? [];
    const parsed = legacyKeySchema.safeParse({ scope, platform, id });
    const old = recordRef(key, languageChoiceSchema);
    if (!parsed.success) {
      await this.records.change({ old }, () => ({ next: { old: null }, result: undefined }));
      return;
    }
    const choice = parsed.data;
    const bucket = recordRef(
      bucketKey(choice.scope, choice.platform, bucketOf(choice.id)),
      languageBucketSchema,
    );
    await this.records.change({ old, bucket }, (records) => {
      const chosen = records.old?.locale;
      const keep = chosen === undefined || records.bucket?.choices[choice.id] !== undefined;
      return {
        next: {
          old: null,
          ...(keep ? {} : { bucket: applied(records.bucket, [{ ...choice, locale: chosen }]) }),
        },
        result: undefined,
      };
    });
  }
}
