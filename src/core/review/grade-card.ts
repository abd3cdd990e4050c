// Review scheduling with FSRS (ts-fsrs, default parameters, pass/fail grades): a right answer is Good,
// a wrong one Again.
import { type Card, createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import type { FsrsState, ReviewCard } from '../records/review-card.ts';

const scheduler = fsrs();

function toCard({ last_review, due, state, ...rest }: FsrsState): Card {
  const card: Card = { ...rest, due: new Date(due), state: state as Card['state'] };
  if (last_review !== null) card.last_review = new Date(last_review);
  return card;
}

const fromCard = (card: Card): FsrsState => ({
  due: card.due.getTime(),
  stability: card.stability,
  difficulty: card.difficulty,
  elapsed_days: card.elapsed_days,
  scheduled_days: card.scheduled_days,
  reps: card.reps,
  lapses: card.lapses,
  learning_steps: card.learning_steps,
  state: card.state,
  last_review: card.last_review ? card.last_review.getTime() : null,
});

/** Answers remembered per card to recognise one applied again. */
const KEEP_ANSWERS = 20;

export interface Grading {
  articleId: string;
  questionKey: string;
  correct: boolean;
  at: number;
  /** The answer's own id, so grading it twice changes nothing. */
  answerId: string;
  /** A wrong answer outside /review makes a new card due at once (the short learning step). */
  from: 'quiz' | 'review';
}

/**
 * The card after an answer, or undefined when there is none to keep: a right answer to a question
 * without a card makes none. A wrong answer in a quiz creates the card due at once, so /review right
 * after the quiz brings it back; later reviews follow the FSRS schedule.
 */
export function gradeCard(card: ReviewCard | undefined, grading: Grading): ReviewCard | undefined {
  if (card?.answers.includes(grading.answerId)) return card;
  if (!card && grading.correct) return undefined;
  const at = new Date(grading.at);
  const before = card ? toCard(card.fsrs) : createEmptyCard(at);
  const after = scheduler.next(before, at, grading.correct ? Rating.Good : Rating.Again).card;
  const state = fromCard(after);
  if (!grading.correct && grading.from === 'quiz') state.due = grading.at;
  return {
    articleId: grading.articleId,
    questionKey: grading.questionKey,
    fsrs: state,
    answers: [...(card?.answers ?? []), grading.answerId].slice(-KEEP_ANSWERS),
  };
}
