import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { answerButtons } from '../support/quiz-helpers.ts';
import { actor, makeCore, NOW, redisUrl, tempDir, uniqueNamespace } from '../support/test-core.ts';

const ANSWERS = 500;
const onRedis = needsRedis();

/** 500 players press at once in one group round; every answer and every point must be counted. */
async function fiveHundredAnswers(storeUrl: string, namespace?: string) {
  const clock = new ManualClock(NOW);
  const options = { storeUrl, clock, ...(namespace ? { namespace } : {}) };
  const t = await makeCore(options);
  // A second core on the same store stands in for a second process (only Redis is shared across processes).
  const other = storeUrl.startsWith('redis') ? await makeCore(options) : t;
  try {
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const started = await t.core.quiz.start(actor('host'), article, 'group', 60);
    const question = started.messages[0]?.message;
    if (!question) throw new Error('no question');
    const { right, wrong } = answerButtons(question, article);
    const results = await Promise.all(
      Array.from({ length: ANSWERS }, (_, index) =>
        (index % 2 === 0 ? t : other).router.press(
          actor(`u${index}`),
          index % 3 === 0 ? wrong.payload : right.payload,
        ),
      ),
    );
    // Everyone presses a second time: nothing may change.
    const repeats = await Promise.all(
      Array.from({ length: 50 }, (_, index) => t.router.press(actor(`u${index}`), right.payload)),
    );
    const [round] = await t.core.quiz.openRounds();
    const expectedRight = Array.from({ length: ANSWERS }, (_, index) => index).filter(
      (index) => index % 3 !== 0,
    ).length;
    const answers = await t.store.answers.list({ roundId: round?.id ?? '', position: 0 });
    // Each instance applies the answers it took; both must have done so before the board is read.
    await Promise.all([t.core.effects.flush(), other.core.effects.flush()]);
    const ranking = await t.core.progress.ranking('console', 'chat-1', 'all');
    return { results, repeats, answers, ranking, expectedRight };
  } finally {
    await t.close();
    if (other !== t) await other.close();
  }
}

describe('no lost update under concurrent answers', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => dir.remove());

  test('500 concurrent answers on SQLite: every answer and score counted exactly', async () => {
    const { results, repeats, answers, ranking, expectedRight } = await fiveHundredAnswers(
      `sqlite://${join(dir.path, 'state.sqlite')}`,
    );
    expect(results.every((response) => /^(✅|❌)/.test(response.notice?.text ?? ''))).toBe(true);
    expect(repeats.every((response) => response.notice?.text.includes('already answered'))).toBe(true);
    expect(new Set(answers.map((answer) => answer.userId)).size).toBe(ANSWERS);
    expect(answers).toHaveLength(ANSWERS);
    const points = ranking.reduce((sum, entry) => sum + entry.points, 0);
    const answered = ranking.reduce((sum, entry) => sum + entry.answered, 0);
    expect(points).toBe(expectedRight);
    expect(answered).toBe(ANSWERS);
  });

  test.skipIf(onRedis.skip)(
    onRedis.title('500 concurrent answers on Redis from two instances: exact totals'),
    async () => {
      const { results, answers, ranking, expectedRight } = await fiveHundredAnswers(
        redisUrl ?? '',
        uniqueNamespace(),
      );
      expect(results.every((response) => /^(✅|❌)/.test(response.notice?.text ?? ''))).toBe(true);
      expect(new Set(answers.map((answer) => answer.userId)).size).toBe(ANSWERS);
      expect(answers).toHaveLength(ANSWERS);
      const points = ranking.reduce((sum, entry) => sum + entry.points, 0);
      expect(points).toBe(expectedRight);
    },
  );
});
