// The rules of a quiz round, as pure functions over a Round record.
import type { Article } from '../content/article-schema.ts';
import type { Platform, Round } from './records.ts';
import { deriveSeed, shuffledOrder } from './seeded-random.ts';
import { USER_ERRORS, UserError } from './user-error.ts';

export const MAX_ROUND_QUESTIONS = 10;
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
    questions: shuffledOrder(spec.article.questions.length, spec.seed).slice(0, count),
    current: 0,
    status: 'open',
    questionOpen: true,
    startedAt: spec.now,
    questionStartedAt: spec.now,
    deadline: spec.mode === 'group' ? spec.now + questionSeconds * 1000 : null,
    questionSeconds,
    answers: Array.from({ length: count }, () => ({})),
    players: {},
    messageRefs: {},
    endedAt: null,
  };
}

/** Position on screen → index of the choice in the article, for one question of one round. */
export function choiceOrder(round: Round, position: number, choiceCount: number): number[] {
  return shuffledOrder(choiceCount, deriveSeed(round.seed, position));
}

export const isLastQuestion = (round: Round) => round.current >= round.questions.length - 1;

export interface AnswerInput {
  userId: string;
  name: string;
  chatId: string;
  position: number;
  /** The pressed button's place among the shuffled choices. */
  shown: number;
  now: number;
}

export interface AcceptedAnswer {
  correct: boolean;
  choice: number;
  correctChoice: number;
  /** Answers recorded for this question so far, this one included. */
  count: number;
}

function endedError(): UserError {
  return new UserError(USER_ERRORS.roundEnded, 'This quiz has ended. Start a new one with /quiz.');
}

/** Records a user's first answer to the current question; throws a UserError for anything else. */
export function applyAnswer(round: Round, article: Article, input: AnswerInput): AcceptedAnswer {
  if (round.chatId !== input.chatId) {
    throw new UserError(USER_ERRORS.wrongChat, 'That button belongs to a quiz in another chat.');
  }
  if (round.status === 'ended') throw endedError();
  if (round.mode === 'solo' && round.ownerId !== input.userId) {
    throw new UserError(USER_ERRORS.notYourRound, 'This is someone else’s quiz. Start your own with /quiz.');
  }
  const answers = round.answers[input.position];
  const questionIndex = round.questions[input.position];
  const question = questionIndex === undefined ? undefined : article.questions[questionIndex];
  if (!answers || !question) {
    throw new UserError(
      USER_ERRORS.badPayload,
      'That button does not match this quiz. Start a new one with /quiz.',
    );
  }
  if (answers[input.userId]) {
    throw new UserError(
      USER_ERRORS.alreadyAnswered,
      'You already answered this question; your first answer counts.',
    );
  }
  const late =
    input.position !== round.current ||
    !round.questionOpen ||
    (round.deadline !== null && input.now > round.deadline);
  if (late) {
    throw new UserError(USER_ERRORS.questionClosed, 'Time is up for this question; answers are closed.');
  }
  const order = choiceOrder(round, input.position, question.choices.length);
  const choice = order[input.shown];
  if (choice === undefined) {
    throw new UserError(USER_ERRORS.badPayload, 'That button does not match this question.');
  }
  const correctChoice = question.choices.findIndex((entry) => entry.correct);
  const correct = choice === correctChoice;
  answers[input.userId] = { choice, correct, at: input.now, name: input.name };
  const player = round.players[input.userId] ?? { name: input.name, score: 0, answered: 0, timeMs: 0 };
  player.name = input.name;
  player.answered += 1;
  player.score += correct ? 1 : 0;
  player.timeMs += Math.max(0, input.now - round.questionStartedAt);
  round.players[input.userId] = player;
  if (round.mode === 'solo') round.questionOpen = false;
  return { correct, choice, correctChoice, count: Object.keys(answers).length };
}

/** Solo: moves on to the next question once the current one is answered. */
export function advanceSolo(round: Round, userId: string, fromPosition: number, now: number): void {
  if (round.status === 'ended') throw endedError();
  if (round.ownerId !== userId) {
    throw new UserError(USER_ERRORS.notYourRound, 'This is someone else’s quiz. Start your own with /quiz.');
  }
  if (fromPosition !== round.current || round.questionOpen || isLastQuestion(round)) {
    throw new UserError(USER_ERRORS.questionClosed, 'You have already moved past this question.');
  }
  round.current += 1;
  round.questionOpen = true;
  round.questionStartedAt = now;
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
  round.questionOpen = true;
  round.questionStartedAt = now;
  round.deadline = now + round.questionSeconds * 1000;
  return 'next';
}

export function endRound(round: Round, now: number): void {
  round.status = 'ended';
  round.questionOpen = false;
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

/** Highest score first; ties go to whoever answered faster in total. */
export function standings(round: Round): Standing[] {
  return Object.entries(round.players)
    .map(([userId, player]) => ({ userId, ...player }))
    .sort((a, b) => b.score - a.score || a.timeMs - b.timeMs || a.name.localeCompare(b.name));
}
