// The per-user ports as the rest of the core sees them: every read and write of a profile, review cards,
// totals or streak days is about the person the account belongs to. Profiles and cards live with the
// person's first account; totals and days stay with the account that earned them and are added up on
// read (each answer is applied to exactly one account, so the sum counts it once).

import type { AccountKey, Mutation, ProfilesPort, ReviewCardsPort, ScoresPort } from '../ports.ts';
import type { AnswerStats } from '../records/answer.ts';
import type { Platform } from '../records/platform.ts';
import type { Profile } from '../records/profile.ts';
import type { AnsweredQuestion } from '../records/question-picks.ts';
import type { UserCards } from '../records/review-card.ts';
import type { PersonResolver } from './person-resolver.ts';

/** `getMany` over the first accounts of several persons, which may be on other platforms. */
async function manyByFirst<T>(
  resolver: PersonResolver,
  platform: Platform,
  userIds: readonly string[],
  getMany: (platform: Platform, userIds: readonly string[]) => Promise<(T | undefined)[]>,
): Promise<(T | undefined)[]> {
  const persons = await resolver.ofMany(platform, userIds);
  const byPlatform = new Map<Platform, string[]>();
  for (const { first } of persons) {
    const ids = byPlatform.get(first.platform);
    if (ids) ids.push(first.userId);
    else byPlatform.set(first.platform, [first.userId]);
  }
  const found = new Map<string, T | undefined>();
  for (const [on, ids] of byPlatform) {
    const values = await getMany(on, ids);
    ids.forEach((id, index) => {
      found.set(`${on}\u0000${id}`, values[index]);
    });
  }
  return persons.map(({ first }) => found.get(`${first.platform}\u0000${first.userId}`));
}

export function personProfiles(profiles: ProfilesPort, resolver: PersonResolver): ProfilesPort {
  return {
    async get(platform, userId) {
      const { first } = await resolver.of(platform, userId);
      return profiles.get(first.platform, first.userId);
    },
    getMany: (platform, userIds) =>
      manyByFirst(resolver, platform, userIds, (on, ids) => profiles.getMany(on, ids)),
    async update<R>(
      platform: Platform,
      userId: string,
      mutate: (current: Profile | undefined) => Mutation<Profile, R>,
    ): Promise<R> {
      const { first } = await resolver.of(platform, userId);
      return profiles.update(first.platform, first.userId, mutate);
    },
  };
}

export function personReviewCards(cards: ReviewCardsPort, resolver: PersonResolver): ReviewCardsPort {
  return {
    async get(platform, userId) {
      const { first } = await resolver.of(platform, userId);
      return cards.get(first.platform, first.userId);
    },
    getMany: (platform, userIds) =>
      manyByFirst(resolver, platform, userIds, (on, ids) => cards.getMany(on, ids)),
    async update<R>(
      platform: Platform,
      userId: string,
      mutate: (current: UserCards | undefined) => Mutation<UserCards, R>,
    ): Promise<R> {
      const { first } = await resolver.of(platform, userId);
      return cards.update(first.platform, first.userId, mutate);
    },
    async updateMany(platform, userIds, mutate) {
      // Each account's change goes to its person's first account; accounts of one person share it.
      const persons = await resolver.ofMany(platform, userIds);
      const byPlatform = new Map<Platform, { firstIds: string[]; accounts: Map<string, string[]> }>();
      persons.forEach(({ first }, index) => {
        const userId = userIds[index] ?? '';
        const group = byPlatform.get(first.platform) ?? {
          firstIds: [],
          accounts: new Map<string, string[]>(),
        };
        byPlatform.set(first.platform, group);
        const accounts = group.accounts.get(first.userId);
        if (accounts) accounts.push(userId);
        else {
          group.firstIds.push(first.userId);
          group.accounts.set(first.userId, [userId]);
        }
      });
      for (const [on, { firstIds, accounts }] of byPlatform) {
        await cards.updateMany(on, firstIds, (current, firstId) => {
          let value = current;
          let changed = false;
          for (const userId of accounts.get(firstId) ?? []) {
            const after = mutate(value, userId);
            if (after === undefined) continue;
            value = after;
            changed = true;
          }
          return changed ? value : undefined;
        });
      }
    },
  };
}

export function personScores(scores: ScoresPort, resolver: PersonResolver): ScoresPort {
  const each = async <T>(platform: Platform, userId: string, read: (account: AccountKey) => Promise<T>) => {
    const { accounts } = await resolver.of(platform, userId);
    return Promise.all(accounts.map((account) => read(account)));
  };
  return {
    apply: (effects) => scores.apply(effects),
    markActive: (platform, userId, day, at) => scores.markActive(platform, userId, day, at),
    board: (platform, chatId, period) => scores.board(platform, chatId, period),
    moveHistory: (from, to) => scores.moveHistory(from, to),
    async stats(platform, userId): Promise<AnswerStats> {
      const all = await each(platform, userId, (account) => scores.stats(account.platform, account.userId));
      return all.reduce<AnswerStats>(
        (sum, stats) => ({
          answered: sum.answered + stats.answered,
          correct: sum.correct + stats.correct,
          lastActivity:
            stats.lastActivity === null
              ? sum.lastActivity
              : Math.max(sum.lastActivity ?? stats.lastActivity, stats.lastActivity),
        }),
        { answered: 0, correct: 0, lastActivity: null },
      );
    },
    async answeredQuestions(platform, userId): Promise<AnsweredQuestion[]> {
      const all = await each(platform, userId, (account) =>
        scores.answeredQuestions(account.platform, account.userId),
      );
      const seen = new Map(all.flat().map((entry) => [`${entry.articleId}\u0000${entry.version}`, entry]));
      return [...seen.values()];
    },
    async activeDays(platform, userId): Promise<string[]> {
      const all = await each(platform, userId, (account) =>
        scores.activeDays(account.platform, account.userId),
      );
      return [...new Set(all.flat())].sort();
    },
  };
}
