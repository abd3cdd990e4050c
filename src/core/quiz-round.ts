// The rules of a quiz round, as pure functions over a Round and its per-question answers.
import type { Article } from '../content/article-schema.ts';
import type { Platform, QuestionAnswers, Round } from './records.ts';
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
    startedAt: spec.now,
    questionStarts: [spec.now],
    deadline: spec.mode === 'group' ? spec.now + questionSeconds * 1000 : null,
    questionSeconds,
    messageRefs: {},
    endedAt: null,
  };
}

export const emptyAnswers = (): QuestionAnswers => ({ v: 1, closed: false, answers: {} });

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

const endedError = () =>
  new UserError(USER_ERRORS.roundEnded, 'This quiz has ended. Start a new one with /quiz.');
const closedError = () =>
  new UserError(USER_ERRORS.questionClosed, 'Time is up for this question; answers are closed.');
const notYours = () =>
  new UserError(USER_ERRORS.notYourRound, 'This is someone else’s quiz. Start your own with /quiz.');

/** Checks a press against the round (read without a lock; its settings never change under a question). */
export function checkAnswerable(round: Round, article: Article, input: AnswerInput) {
  if (round.chatId !== input.chatId) {
    throw new UserError(USER_ERRORS.wrongChat, 'That button belongs to a quiz in another chat.');
  }
  if (round.mode === 'solo' && round.ownerId !== input.userId) throw notYours();
  const questionIndex = round.questions[input.position];
  const question = questionIndex === undefined ? undefined : article.questions[questionIndex];
  if (!question) {
    throw new UserError(
      USER_ERRORS.badPayload,
      'That button does not match this quiz. Start a new one with /quiz.',
    );
  }
  const choice = choiceOrder(round, input.position, question.choices.length)[input.shown];
  if (choice === undefined)
    throw new UserError(USER_ERRORS.badPayload, 'That button does not match this question.');
  return { question, choice, correctChoice: question.choices.findIndex((entry) => entry.correct) };
}

/**
 * Records a user's first answer to a question, under the lock of that question's answers.
 * A repeat, a closed question, an ended round or a press past the deadline throws a UserError.
 */
export function recordAnswer(
  round: Round,
  set: QuestionAnswers,
  checked: ReturnType<typeof checkAnswerable>,
  input: AnswerInput,
): AcceptedAnswer {
  if (set.answers[input.userId]) {
    throw new UserError(
      USER_ERRORS.alreadyAnswered,
      'You already answered this question; your first answer counts.',
    );
  }
  if (round.status === 'ended' && set.closed) throw endedError();
  const late =
    set.closed || input.position !== round.current || (round.deadline !== null && input.now > round.deadline);
  if (late) throw round.status === 'ended' ? endedError() : closedError();
  const correct = checked.choice === checked.correctChoice;
  set.answers[input.userId] = { choice: checked.choice, correct, at: input.now, name: input.name };
  if (round.mode === 'solo') set.closed = true;
  return {
    correct,
    choice: checked.choice,
    correctChoice: checked.correctChoice,
    count: Object.keys(set.answers).length,
  };
}

/** Solo: moves on to the next question once the current one is answered. */
export function advanceSolo(
  round: Round,
  userId: string,
  fromPosition: number,
  answered: boolean,
  now: number,
): void {
  if (round.status === 'ended') throw endedError();
  if (round.ownerId !== userId) throw notYours();
  if (fromPosition !== round.current || !answered || isLastQuestion(round)) {
    throw new UserError(USER_ERRORS.questionClosed, 'You have already moved past this question.');
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

/** Scores from the answers so far; highest first, ties to whoever answered faster in total. */
export function standings(round: Round, sets: readonly (QuestionAnswers | undefined)[]): Standing[] {
  const players = new Map<string, Standing>();
  sets.forEach((set, position) => {
    const asked = round.questionStarts[position] ?? round.startedAt;
    for (const [userId, answer] of Object.entries(set?.answers ?? {})) {
      const player = players.get(userId) ?? { userId, name: answer.name, score: 0, answered: 0, timeMs: 0 };
      player.name = answer.name;
      player.answered += 1;
      player.score += answer.correct ? 1 : 0;
      player.timeMs += Math.max(0, answer.at - asked);
      players.set(userId, player);
    }
  });
  return [...players.values()].sort(
    (a, b) => b.score - a.score || a.timeMs - b.timeMs || a.name.localeCompare(b.name),
  );
}
