// Answers to one fixture article's questions, recorded and applied as the bot does, and the checks of the
// answer statistics a store keeps per question: seeded answers read back as the author is shown them, and
// counts that stay exact when the same answers are applied in one batch and from two instances at once.
import { expect } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { articleQuality, readArticleQuality } from '../../src/core/quality/question-quality.ts';
import { questionVersion } from '../../src/core/quality/question-version.ts';
import type { AnswerEffect, AnswerRecord } from '../../src/core/records/answer.ts';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { ReportsRepository } from '../../src/store/reports-repository.ts';
import { NOW, shippedArticles } from './test-core.ts';

export const ARTICLE = 'deepseek-v4-delay';

export async function article(): Promise<Article> {
  const found = (await shippedArticles()).find((entry) => entry.id === ARTICLE);
  if (!found) throw new Error('no article');
  return found;
}

let serial = 0;
/** One answer to question `index` picking `choice`; `version` unset makes it a review answer. */
export function answerTo(
  source: Article,
  index: number,
  choice: number,
  options: { userId?: string; version?: string | null; roundId?: string } = {},
): AnswerRecord {
  const question = source.questions[index];
  if (!question) throw new Error(`no question ${index}`);
  serial += 1;
  const version = options.version === undefined ? questionVersion(question) : options.version;
  return {
    platform: 'telegram',
    chatId: '-100',
    roundId: options.roundId ?? `round${String(serial).padStart(6, '0')}`,
    position: 0,
    userId: options.userId ?? `u${serial}`,
    name: 'Reader',
    articleId: source.id,
    question: index,
    choice,
    correct: question.choices[choice]?.correct ?? false,
    at: NOW + serial,
    ...(version === null ? {} : { version }),
  };
}

export const effectOf = (answer: AnswerRecord): AnswerEffect => ({
  answer,
  day: '2026-11-23',
  week: '2026-W48',
  points: answer.correct ? 1 : 0,
});

export async function recordAndApply(store: OpenedStore, answers: readonly AnswerRecord[]): Promise<void> {
  for (const answer of answers) expect(await store.answers.record(answer)).toBe('recorded');
  await store.answers.apply(answers.map(effectOf));
}

/** The index of the right choice and of two wrong ones. */
function choicesOf(source: Article, index: number) {
  const choices = source.questions[index]?.choices ?? [];
  const right = choices.findIndex((choice) => choice.correct);
  const wrong = choices.map((_, at) => at).filter((at) => at !== right);
  return { right, first: wrong[0] ?? -1, second: wrong[1] ?? -1 };
}

/** Seeds known answers and checks what the author is shown. */
export async function knownAnswers(store: OpenedStore): Promise<void> {
  const source = await article();
  const q0 = choicesOf(source, 0);
  const q1 = choicesOf(source, 1);
  const answers = [
    // Question 1: 25 answers, 5 right (20%), 12 on one wrong choice (48%), 8 on another.
    ...Array.from({ length: 5 }, () => answerTo(source, 0, q0.right)),
    ...Array.from({ length: 12 }, () => answerTo(source, 0, q0.first)),
    ...Array.from({ length: 8 }, () => answerTo(source, 0, q0.second)),
    // Reviews ask again what people missed: not counted.
    ...Array.from({ length: 3 }, () => answerTo(source, 0, q0.right, { version: null })),
    // Answers to the question before its choices were edited: counted apart.
    ...Array.from({ length: 4 }, () =>
      answerTo(source, 0, q0.right, {
        version: `${questionVersion(source.questions[0] ?? { prompt: '', choices: [] }).split('.')[0]}.old`,
      }),
    ),
    // Question 2: 3 answers, 2 right.
    answerTo(source, 1, q1.right),
    answerTo(source, 1, q1.right),
    answerTo(source, 1, q1.first, { userId: 'u-first' }),
  ];
  await recordAndApply(store, answers);
  const quality = await readArticleQuality(
    { questionStats: store.answers, reports: new ReportsRepository(store.records) },
    source,
  );
  const [first, second, third] = quality;
  expect(first?.stats).toMatchObject({ answered: 25, right: 5, shareRight: 0.2 });
  expect(first?.stats.topWrong).toMatchObject({ choice: q0.first, picks: 12, share: 0.48 });
  expect(first?.earlierAnswers).toBe(4);
  expect(first?.flags).toEqual(['most-miss', 'wrong-beats-right']);
  expect(second?.stats).toMatchObject({ answered: 3, right: 2 });
  expect(second?.stats.topWrong).toMatchObject({ choice: q1.first, picks: 1 });
  expect(second?.flags).toEqual([]);
  expect(third?.stats.answered).toBe(0);
  expect(third?.stats.topWrong).toBeUndefined();
  // What each account answered in quizzes (by version), for /quiz's "not finished".
  const answered = [
    { articleId: ARTICLE, version: questionVersion(source.questions[1] ?? { prompt: '', choices: [] }) },
  ];
  expect(await store.answers.answeredQuestions('telegram', 'u-first')).toEqual(answered);
  // An unlink moves them with the rest of the account's history.
  await store.answers.moveHistory(
    { platform: 'telegram', userId: 'u-first' },
    { platform: 'discord', userId: 'd-1' },
  );
  expect(await store.answers.answeredQuestions('discord', 'd-1')).toEqual(answered);
  expect(await store.answers.answeredQuestions('telegram', 'u-first')).toEqual([]);
}

/**
 * The same answers applied in one batch twice over, and from two instances at once, round after round:
 * the counters always equal the answers.
 */
export async function racedCounts(
  one: OpenedStore,
  two: OpenedStore,
  rounds = 5,
  perRound = 40,
): Promise<void> {
  const source = await article();
  const { right, first } = choicesOf(source, 2);
  let total = 0;
  for (let round = 0; round < rounds; round++) {
    const answers = Array.from({ length: perRound }, (_, index) =>
      answerTo(source, 2, index % 4 === 0 ? right : first),
    );
    await Promise.all(answers.map((answer, index) => (index % 2 === 0 ? one : two).answers.record(answer)));
    const effects = answers.map(effectOf);
    // Each instance applies all of them, one of them twice in the same batch, at the same time.
    const applied = await Promise.all([
      one.answers.apply([...effects, ...effects.slice(0, 10)]),
      two.answers.apply([...effects].reverse()),
    ]);
    expect(applied[0] + applied[1]).toBe(perRound);
    total += perRound;
    const picks = await one.answers.questionPicks(ARTICLE);
    const version = questionVersion(source.questions[2] ?? { prompt: '', choices: [] });
    const counted = picks.filter((entry) => entry.version === version);
    expect(counted.reduce((sum, entry) => sum + entry.picks, 0)).toBe(total);
    expect(counted.find((entry) => entry.choice === right)?.picks).toBe(total / 4);
    const stats = articleQuality(source, picks, undefined)[2]?.stats;
    expect(stats?.answered).toBe(total);
    // Every answering account has the question once, whichever instance applied it.
    const answered = await Promise.all(
      answers.map((answer) => two.answers.answeredQuestions('telegram', answer.userId)),
    );
    expect(answered.every((entries) => entries.length === 1 && entries[0]?.version === version)).toBe(true);
  }
}
