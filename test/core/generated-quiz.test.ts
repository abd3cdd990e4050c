import { expect, test } from 'vitest';
import { movedQuestionMessage, questionMessage } from '../../src/core/quiz/present-quiz.ts';
import { newRound } from '../../src/core/quiz/round-rules.ts';
import { shippedArticles } from '../support/test-core.ts';

const footerOf = (message: ReturnType<typeof questionMessage>) =>
  message.blocks.find((block) => block.kind === 'footer')?.text ?? '';

async function mixedArticle() {
  const article = (await shippedArticles()).find(
    (entry) =>
      entry.questions.some((question) => question.generated) && entry.questions.some((q) => !q.generated),
  );
  if (!article) throw new Error('no shipped article mixes written and generated questions');
  return article;
}

const round = (
  article: Awaited<ReturnType<typeof mixedArticle>>,
  seed: number,
  mode: 'solo' | 'group' = 'solo',
) =>
  newRound({ id: `r${seed}`, platform: 'console', chatId: 'c', mode, ownerId: 'u', article, seed, now: 0 });

test('written questions always come first in a round, whatever the seed; every question is asked once', async () => {
  const article = await mixedArticle();
  const written = article.questions.filter((question) => !question.generated).length;
  for (let seed = 1; seed <= 200; seed++) {
    const order = round(article, seed).questions;
    expect(order.slice(0, written).every((index) => !article.questions[index]?.generated)).toBe(true);
    expect(order.slice(written).every((index) => article.questions[index]?.generated)).toBe(true);
    expect(new Set(order).size).toBe(order.length);
  }
});

test('the order of questions and choices is seeded: the same seed gives the same round', async () => {
  const article = await mixedArticle();
  expect(round(article, 42).questions).toEqual(round(article, 42).questions);
  const orders = new Set(Array.from({ length: 20 }, (_, seed) => round(article, seed).questions.join()));
  expect(orders.size).toBeGreaterThan(1);
});

test('a generated question says it is from the text; a written one does not', async () => {
  const article = await mixedArticle();
  for (const mode of ['solo', 'group'] as const) {
    const r = round(article, 7, mode);
    r.questions.forEach((index, position) => {
      const footer = footerOf(questionMessage(r, article, position));
      if (article.questions[index]?.generated) expect(footer).toMatch(/^From the text · /);
      else expect(footer).not.toContain('From the text');
    });
  }
  const r = round(article, 7);
  expect(footerOf(movedQuestionMessage(r, article, 0))).not.toContain('From the text');
});
