// What an author is shown per question: share right, the most picked wrong choice, and the flags.
import { expect, test } from 'vitest';
import type { Question } from '../../src/content/article-schema.ts';
import { flagLines, reportsLine, statsLine } from '../../src/core/quality/describe-quality.ts';
import { articleQuality, qualityFlags, questionStats } from '../../src/core/quality/question-quality.ts';
import { questionVersion } from '../../src/core/quality/question-version.ts';
import { questionKey } from '../../src/core/review/question-key.ts';
import { shippedArticles } from '../support/test-core.ts';

const question: Question = {
  prompt: 'How quickly did the aggregators deliver?',
  choices: [
    { text: 'Within ten seconds', correct: false },
    { text: 'Within four minutes', correct: true },
    { text: 'Within two hours', correct: false },
  ],
  explanation: 'Within four minutes of the signal.',
};

/** Picks per choice index. */
const picks = (...counts: number[]) => new Map(counts.map((count, index) => [index, count]));
const flagsOf = (...counts: number[]) => qualityFlags(questionStats(question, picks(...counts)));

test('most people miss it: at most 30% right over at least 20 answers', () => {
  expect(flagsOf(7, 6, 7)).toEqual(['most-miss', 'wrong-beats-right']); // 6 of 20 right: 30%
  expect(flagsOf(6, 7, 7)).toEqual([]); // 7 of 20: 35%, and no wrong choice beats the right one
  expect(flagsOf(10, 0, 9)).toEqual(['wrong-beats-right']); // 0 of 19: too few answers to say
  expect(flagsOf(0, 0, 0)).toEqual([]);
});

test('a wrong choice beats the right one only when picked more often; ties go to the first wrong choice', () => {
  expect(flagsOf(3, 3, 0)).toEqual([]);
  expect(flagsOf(4, 3, 0)).toEqual(['wrong-beats-right']);
  const stats = questionStats(question, picks(2, 1, 2));
  expect(stats.topWrong?.text).toBe('Within ten seconds');
  expect(statsLine({ ...articleWith(stats), earlierAnswers: 0 })).toBe(
    '5 answered · 20% right · most picked wrong: “Within ten seconds” (40%)',
  );
});

function articleWith(stats: ReturnType<typeof questionStats>) {
  return {
    index: 0,
    prompt: question.prompt,
    generated: false,
    stats,
    earlierAnswers: 0,
    reports: {
      byReason: { 'wrong-key': 0, unclear: 0, outdated: 0, other: 0 },
      total: 0,
      notes: [],
      earlier: 0,
    },
    flags: [],
  };
}

test('reports count by reason on the question as it is; reports and answers on an earlier version are told apart', async () => {
  const [shipped] = await shippedArticles();
  if (!shipped) throw new Error('no content');
  const article = { ...shipped, questions: [question] };
  const version = questionVersion(question);
  const edited = questionVersion({ ...question, choices: question.choices.slice(0, 2) });
  expect(edited.split('.')[0]).toBe(version.split('.')[0]);
  expect(edited).not.toBe(version);
  const [quality] = articleQuality(
    article,
    [
      { version, choice: 1, picks: 3 },
      { version: edited, choice: 0, picks: 5 },
    ],
    {
      v: 1,
      questions: {
        [questionKey(question.prompt)]: {
          'telegram:1': { reason: 'wrong-key', version, at: 2 },
          'discord:2': { reason: 'other', note: 'Second note', version, at: 3 },
          'console:3': { reason: 'unclear', version: edited, at: 1 },
        },
      },
    },
    [42],
  );
  expect(quality?.line).toBe(42);
  expect(quality?.stats.answered).toBe(3);
  expect(quality?.earlierAnswers).toBe(5);
  expect(quality && reportsLine(quality)).toBe(
    '2 reports: Answer key is wrong 1, Something else 1 (and 1 on an earlier version)',
  );
  expect(quality?.reports.notes).toEqual(['Second note']);
  expect(quality && statsLine(quality)).toBe(
    '3 answered (and 5 to earlier versions) · 100% right · no wrong answers',
  );
  expect(quality && flagLines(quality)).toEqual([]);
});
