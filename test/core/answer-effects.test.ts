import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { cannotRun, needsRedis } from '../support/cannot-run.ts';
import { answerButtons } from '../support/quiz-helpers.ts';
import {
  actor,
  makeCore,
  NOW,
  redisUrl,
  type TestCore,
  tempDir,
  uniqueNamespace,
} from '../support/test-core.ts';

let dir: { path: string; remove(): Promise<void> };
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

const stores = [
  {
    name: 'SQLite',
    url: () => `sqlite://${join(dir.path, `state-${Math.random()}.sqlite`)}`,
    ...cannotRun(undefined),
  },
  { name: 'Redis', url: () => redisUrl ?? '', ...needsRedis() },
];

async function groupQuestion(t: TestCore) {
  const article = t.catalog.byId('deepseek-v4-delay');
  if (!article) throw new Error('no content');
  const started = await t.core.quiz.start(actor('host'), article, 'group', 60);
  if (started.messages[0]) await t.core.quiz.rememberSent(started.messages[0], 'msg-1');
  return answerButtons(started.messages[0]?.message ?? { blocks: [], buttons: [] }, article);
}

async function counted(t: TestCore, userId: string) {
  const ranking = await t.core.progress.ranking('console', 'chat-1', 'all');
  const progress = JSON.stringify((await t.core.progress.show(actor(userId))).messages[0]?.message.blocks);
  return { board: ranking.find((entry) => entry.userId === userId), progress };
}

describe.each(stores)('answer effects on $name', ({ name, url, skip, title }) => {
  test.skipIf(skip)(
    title(
      "a crash between the answer's write and its effects: after a restart they count once, and a second press is refused",
    ),
    async () => {
      const storeUrl = url();
      const namespace = name === 'Redis' ? uniqueNamespace() : undefined;
      const options = { storeUrl, clock: new ManualClock(NOW), ...(namespace ? { namespace } : {}) };
      const before = await makeCore(options);
      const { right } = await groupQuestion(before);
      const pressed = await before.router.press(actor('ana'), right.payload);
      expect(pressed.notice?.text).toMatch(/^✅/);
      // The process dies before its batch of effects is written.
      await before.crash();

      const after = await makeCore(options);
      try {
        await after.core.effects.start();
        const once = await counted(after, 'ana');
        expect(once.board).toMatchObject({ points: 1, answered: 1, correct: 1 });
        expect(once.progress).toContain('"label":"Questions answered","value":"1"');
        const again = await after.router.press(actor('ana'), right.payload);
        expect(again.notice?.text).toContain('already answered');
        // Recovery running again (another instance, the periodic sweep) changes nothing.
        expect(await after.core.effects.recover(0)).toBe(0);
        expect((await counted(after, 'ana')).board).toMatchObject({ points: 1, answered: 1 });
      } finally {
        await after.close();
      }
    },
  );

  test.skipIf(skip)(
    title(
      "one batch grades every member's review cards: a wrong answer makes the member's card, a right one only reviews a card that exists",
    ),
    async () => {
      const namespace = name === 'Redis' ? uniqueNamespace() : undefined;
      const t = await makeCore({
        storeUrl: url(),
        clock: new ManualClock(NOW),
        ...(namespace ? { namespace } : {}),
      });
      try {
        const { right, wrong, question } = await groupQuestion(t);
        const members = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
        // The manual clock holds the batch: every press's effects are applied together.
        for (const [index, member] of members.entries()) {
          const pressed = await t.router.press(actor(member), (index % 2 === 0 ? wrong : right).payload);
          expect(pressed.notice?.text).toMatch(/^(✅|❌)/);
        }
        await t.core.effects.flush();
        const cards = async (member: string, at: number) =>
          (await t.core.reviews.due('console', member, at)).due;
        const YEAR = 365 * 86_400_000;
        for (const [index, member] of members.entries()) {
          expect((await cards(member, NOW)).length, member).toBe(index % 2 === 0 ? 1 : 0);
          expect((await cards(member, NOW + YEAR)).length, member).toBe(index % 2 === 0 ? 1 : 0);
        }

        // Later, m0 and m1 answer the same question right in one batch: m0's card is reviewed (due
        // later), m1 still has none.
        const article = t.catalog.byId('deepseek-v4-delay');
        const later = NOW + 3_600_000;
        const answerOf = (userId: string) => ({
          platform: 'console' as const,
          chatId: 'chat-1',
          roundId: 'later-round',
          position: 0,
          userId,
          name: userId,
          articleId: 'deepseek-v4-delay',
          question: article?.questions.indexOf(question) ?? -1,
          choice: 0,
          correct: true,
          at: later,
        });
        await t.core.reviews.grade([answerOf('m0'), answerOf('m1')], () => 'quiz');
        expect(await cards('m0', later)).toEqual([]);
        const reviewed = await cards('m0', later + YEAR);
        expect(reviewed).toHaveLength(1);
        expect(reviewed[0]?.card.fsrs.reps).toBe(2);
        expect(reviewed[0]?.card.answers).toContain('later-round:0:m0');
        expect(await cards('m1', later + YEAR)).toEqual([]);
      } finally {
        await t.close();
      }
    },
  );

  test.skipIf(skip)(
    title('effects that fail to be written (a store fault) are applied later, exactly once'),
    async () => {
      const namespace = name === 'Redis' ? uniqueNamespace() : undefined;
      const t = await makeCore({
        storeUrl: url(),
        clock: new ManualClock(NOW),
        ...(namespace ? { namespace } : {}),
      });
      try {
        const { right, wrong } = await groupQuestion(t);
        const scores = t.store.answers;
        const apply = scores.apply.bind(scores);
        let failing = true;
        scores.apply = async (effects) => {
          if (failing) throw new Error('injected store fault');
          return apply(effects);
        };
        await t.router.press(actor('ana'), right.payload);
        await t.router.press(actor('ben'), wrong.payload);
        await t.core.effects.flush();
        failing = false;
        // Both instances' recovery and the retry race for the same answers: each is counted once.
        await Promise.all([t.core.effects.recover(0), t.core.effects.recover(0), t.core.effects.flush()]);
        const ranking = await t.core.progress.ranking('console', 'chat-1', 'all');
        expect(ranking.map((entry) => [entry.userId, entry.points, entry.answered])).toEqual([
          ['ana', 1, 1],
          ['ben', 0, 1],
        ]);
      } finally {
        await t.close();
      }
    },
  );
});
