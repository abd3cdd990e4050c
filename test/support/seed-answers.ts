// Puts known quiz answers into a store, as the bot records and applies them (for statistics tests).
import type { Article } from '../../src/content/article-schema.ts';
import { questionVersion } from '../../src/core/quality/question-version.ts';
import type { AnswerRecord } from '../../src/core/records/answer.ts';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { NOW } from './test-core.ts';

let serial = 0;

/** One quiz answer per entry of `choices` (indices in the article) to question `index`, each by its own user. */
export async function seedAnswers(
  store: OpenedStore,
  article: Article,
  index: number,
  choices: readonly number[],
): Promise<AnswerRecord[]> {
  const question = article.questions[index];
  if (!question) throw new Error(`${article.id} has no question ${index}`);
  const answers = choices.map((choice): AnswerRecord => {
    serial += 1;
    return {
      platform: 'telegram',
      chatId: '-100',
      roundId: `seeded${String(serial).padStart(8, '0')}`,
      position: 0,
      userId: `seeded-${serial}`,
      name: 'Reader',
      articleId: article.id,
      question: index,
      choice,
      correct: question.choices[choice]?.correct ?? false,
      at: NOW + serial,
      version: questionVersion(question),
    };
  });
  for (const answer of answers) await store.answers.record(answer);
  await store.answers.apply(
    answers.map((answer) => ({ answer, day: '2026-11-23', week: '2026-W48', points: 0 })),
  );
  return answers;
}

/** `count` picks of `choice`. */
export const picks = (count: number, choice: number): number[] => Array.from({ length: count }, () => choice);
