import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { gradeCard } from '../../src/core/review/grade-card.ts';
import { answerButtons, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, NOW, type TestCore } from '../support/test-core.ts';

describe('review cards', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  const ana = actor('ana', 'ana-dm', { chatKind: 'private' });

  async function answerFirst(right: boolean) {
    const article = t.catalog.byId('deepseek-v4-delay');
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(ana, article, 'solo'));
    const buttons = answerButtons(question, article);
    await t.router.press(ana, (right ? buttons.right : buttons.wrong).payload);
    await t.core.effects.flush();
    return buttons.question;
  }

  test('a wrong answer makes a card due at once; /progress says how many reviews are due', async () => {
    await answerFirst(false);
    const { due } = await t.core.reviews.due('console', 'ana', t.clock.now());
    expect(due).toHaveLength(1);
    const progress = textOf(onlyMessage(await t.core.progress.show(ana)));
    expect(progress).toContain('"label":"Reviews due","value":"1 (start with /review)"');
  });

  test('a right answer to a question without a card makes none', async () => {
    await answerFirst(true);
    expect((await t.core.reviews.due('console', 'ana', t.clock.now() + 365 * 86_400_000)).due).toEqual([]);
  });

  test('grading follows FSRS: Again, then Good pushes the card out as ts-fsrs schedules it', () => {
    const first = gradeCard(undefined, {
      articleId: 'a',
      questionKey: 'q',
      correct: false,
      at: NOW,
      answerId: 'r:0:u',
      from: 'review',
    });
    const reference = fsrs().next(createEmptyCard(new Date(NOW)), new Date(NOW), Rating.Again).card;
    expect(first?.fsrs.due).toBe(reference.due.getTime());
    const later = (first?.fsrs.due ?? NOW) + 60_000;
    const second = gradeCard(first, {
      articleId: 'a',
      questionKey: 'q',
      correct: true,
      at: later,
      answerId: 'r:1:u',
      from: 'review',
    });
    const expected = fsrs().next(reference, new Date(later), Rating.Good).card;
    expect(second?.fsrs.due).toBe(expected.due.getTime());
    expect(second?.fsrs.due).toBeGreaterThan(later);
    // The same answer graded again (a retry after a crash) changes nothing.
    expect(
      gradeCard(second, {
        articleId: 'a',
        questionKey: 'q',
        correct: true,
        at: later,
        answerId: 'r:1:u',
        from: 'review',
      }),
    ).toBe(second);
  });

  test('a wrong answer in a quiz is due at once, not after FSRS’s first step', () => {
    const card = gradeCard(undefined, {
      articleId: 'a',
      questionKey: 'q',
      correct: false,
      at: NOW,
      answerId: 'r:0:u',
      from: 'quiz',
    });
    expect(card?.fsrs.due).toBe(NOW);
  });
});
