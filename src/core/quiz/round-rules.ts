// The rules of a quiz round, as pure functions over a Round and its recorded answers.

import type { Article } from '../../content/article-schema.ts';
import { QUIZ_LENGTH } from '../../content/generate-questions.ts';
import { t } from '../../i18n/current-locale.ts';
import type { AnswerRecord } from '../records/answer.ts';
import type { Platform } from '../records/platform.ts';
import type { Round } from '../records/round.ts';
import { deriveSeed, shuffledOrder } from '../seeded-random.ts';
import { USER_ERRORS, UserError } from '../user-error.ts';
import { movedPast, notYourRound, roundEnded, wrongChat } from './quiz-errors.ts';

export const MAX_ROUND_QUESTIONS = QUIZ_LENGTH;
/** Mixed into a round's seed for the order of generated questions. */
const GENERATED_SALT = 0x67656e;
export const DEFAULT_QUESTION_SECONDS = 30;

export interface NewRound {
  id: string;
  platform: Platform;
  chatId: string;
  mode: 'solo' | 'group';
  ownerId: string;
  article: Article;
  seed: number;
  now: number;
  questionSeconds?: number;
  occasion?: Round['occasion'];
  /** Said above the first question. */
  note?: string;
}

export function newRound(spec: NewRound): Round {
  const count = Math.min(spec.article.questions.length, MAX_ROUND_QUESTIONS);
  const questionSeconds = spec.questionSeconds ?? DEFAULT_QUESTION_SECONDS;
  return {
    v: 1,
    id: spec.id,
    platform: spec.platform,
    chatId: spec.chatId,
    mode: spec.mode,
    ownerId: spec.ownerId,
    articleId: spec.article.id,
    seed: spec.seed,
    questions: playOrder(spec.article, spec.seed).slice(0, count),
    current: 0,
    status: 'open',
    startedAt: spec.now,
    questionStarts: [spec.now],
    deadline: spec.mode === 'group' ? spec.now + questionSeconds * 1000 : null,
    questionSeconds,
    messageRefs: {},
    endedAt: null,
    ...(spec.occasion ? { occasion: spec.occasion } : {}),
    ...(spec.note === undefined ? {} : { note: spec.note }),
  };
}

/**
 * Question indices in play order: the written questions shuffled, then the generated ones shuffled
 * (the loader puts generated questions after the written ones, so written ones always come first).
 */
function playOrder(article: Article, seed: number): number[] {
  const written = article.questions.filter((question) => !question.generated).length;
  const generated = article.questions.length - written;
  return [
    ...shuffledOrder(written, seed),
    ...shuffledOrder(generated, deriveSeed(seed, GENERATED_SALT)).map((index) => written + index),
  ];
}

/** Position on screen → index of the choice in the article, for one question of one round. */
export function choiceOrder(round: Round, position: number, choiceCount: number): number[] {
  return shuffledOrder(choiceCount, deriveSeed(round.seed, position));
}

/** Review rounds have ids of their own shape, so an answer says it was a review without a lookup. */
const REVIEW_ID_PREFIX = 'rv';
const REVIEW_ID = /^rv[a-z0-9]{10}$/;

/** A review round's id from a fresh round id (10 characters; quiz rounds keep those as they are). */
export const reviewRoundId = (id: string) => `${REVIEW_ID_PREFIX}${id}`;
export const isReviewRoundId = (id: string) => REVIEW_ID.test(id);

export interface NewReviewRound {
  id: string;
  platform: Platform;
  chatId: string;
  ownerId: string;
  article: Article;
  question: number;
  card: string;
  served: readonly string[];
  right: number;
  left: number;
  seed: number;
  now: number;
}

/** One due card asked as a one-question round of its own. */
export function newReviewRound(spec: NewReviewRound): Round {
  return {
    v: 1,
    id: spec.id,
    platform: spec.platform,
    chatId: spec.chatId,
    mode: 'review',
    ownerId: spec.ownerId,
    articleId: spec.article.id,
    seed: spec.seed,
    questions: [spec.question],
    current: 0,
    status: 'open',
    startedAt: spec.now,
    questionStarts: [spec.now],
    deadline: null,
    questionSeconds: DEFAULT_QUESTION_SECONDS,
    messageRefs: {},
    endedAt: null,
    review: { card: spec.card, served: [...spec.served], right: spec.right, left: spec.left, next: null },
  };
}

export const isLastQuestion = (round: Round) => round.current >= round.questions.length - 1;

export interface AnswerInput {
  userId: string;
  chatId: string;
  position: number;
  /** The pressed button's place among the shuffled choices. */
  shown: number;
  now: number;
}

export interface CheckedAnswer {
  question: Article['questions'][number];
  /** Index of the chosen choice in the article. */
  choice: number;
  correctChoice: number;
  correct: boolean;
  /** The question is the open one and its time is not up (the store still has the last word). */
  open: boolean;
}

/**
 * Everything a press can be judged on without the store: the chat, the player, the question, the
 * choice, and whether the question is still the open one and in time. Whether the user answered
 * already, or the question closed meanwhile, is for the store's atomic write to decide.
 */
export function checkAnswer(round: Round, article: Article, input: AnswerInput): CheckedAnswer {
  // A review is the user's own wherever it is shown (a private chat on Telegram): only the owner counts.
  if (round.mode !== 'review' && round.chatId !== input.chatId) throw wrongChat();
  if (round.mode !== 'group' && round.ownerId !== input.userId) throw notYourRound();
  const questionIndex = round.questions[input.position];
  const question = questionIndex === undefined ? undefined : article.questions[questionIndex];
  if (!question) {
    throw new UserError(USER_ERRORS.badPayload, t('quiz-error-bad-button-start'));
  }
  const choice = choiceOrder(round, input.position, question.choices.length)[input.shown];
  if (choice === undefined) throw new UserError(USER_ERRORS.badPayload, t('quiz-error-bad-question-button'));
  const open =
    round.status === 'open' &&
    input.position === round.current &&
    (round.deadline === null || input.now <= round.deadline);
  const correctChoice = question.choices.findIndex((entry) => entry.correct);
  return { question, choice, correctChoice, correct: choice === correctChoice, open };
}

/** Solo: moves on to the next question once the current one is answered. */
export function advanceSolo(
  round: Round,
  userId: string,
  fromPosition: number,
  answered: boolean,
  now: number,
): void {
  if (round.status === 'ended') throw roundEnded();
  if (round.ownerId !== userId) throw notYourRound();
  if (fromPosition !== round.current || !answered || isLastQuestion(round)) {
    throw movedPast();
  }
  round.current += 1;
  round.questionStarts.push(now);
}

/** Group: closes the current question at its deadline; opens the next or ends the round. */
export function closeGroupQuestion(
  round: Round,
  position: number,
  now: number,
): 'not-due' | 'next' | 'ended' {
  if (
    round.status === 'ended' ||
    round.current !== position ||
    round.deadline === null ||
    now < round.deadline
  ) {
    return 'not-due';
  }
  if (isLastQuestion(round)) {
    endRound(round, now);
    return 'ended';
  }
  round.current += 1;
  round.questionStarts.push(now);
  round.deadline = now + round.questionSeconds * 1000;
  return 'next';
}

export function endRound(round: Round, now: number): void {
  round.status = 'ended';
  round.deadline = null;
  round.endedAt = now;
}

export interface Standing {
  userId: string;
  name: string;
  score: number;
  answered: number;
  timeMs: number;
}

/** Scores from the answers so far (per position); highest first, ties to whoever was faster in total. */
export function standings(round: Round, sets: readonly (readonly AnswerRecord[])[]): Standing[] {
  const players = new Map<string, Standing>();
  sets.forEach((answers, position) => {
    const asked = round.questionStarts[position] ?? round.startedAt;
    for (const answer of answers) {
      const player = players.get(answer.userId) ?? {
        userId: answer.userId,
        name: answer.name,
        score: 0,
        answered: 0,
        timeMs: 0,
      };
      player.name = answer.name;
      player.answered += 1;
      player.score += answer.correct ? 1 : 0;
      player.timeMs += Math.max(0, answer.at - asked);
      players.set(answer.userId, player);
    }
  });
  return [...players.values()].sort(
    (a, b) => b.score - a.score || a.timeMs - b.timeMs || a.name.localeCompare(b.name),
  );
}
