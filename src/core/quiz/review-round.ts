// /review: a user's due cards asked one by one, each as a one-question round of its own, with the
// same buttons and feedback as a solo quiz; the end says when the next review is due.

import type { Article } from '../../content/article-schema.ts';
import { t } from '../../i18n/current-locale.ts';
import type { Actor } from '../actor.ts';
import type { Response } from '../output.ts';
import type { Round } from '../records/round.ts';
import { questionKey } from '../review/question-key.ts';
import type { DueCard } from '../review/review-service.ts';
import { finishRound } from './close-question.ts';
import { questionMessage } from './present-quiz.ts';
import {
  type NextReview,
  nothingDueMessage,
  reviewDoneMessage,
  reviewFeedbackMessage,
} from './present-review.ts';
import type { QuizContext } from './quiz-context.ts';
import { cardNotAnswered, nextCardPending, notYourRound, roundNotFound } from './quiz-errors.ts';
import type { CheckedAnswer } from './round-rules.ts';
import { endRound, newReviewRound, reviewRoundId } from './round-rules.ts';

interface Pick {
  entry: DueCard;
  article: Article;
  question: number;
}

/** Due cards not asked yet in this review, soonest due first, with where their question is now. */
function pending(ctx: QuizContext, due: readonly DueCard[], served: ReadonlySet<string>): Pick[] {
  const catalog = ctx.deps.catalog();
  const picks: Pick[] = [];
  for (const entry of due) {
    if (served.has(entry.id)) continue;
    const article = catalog.byId(entry.card.articleId);
    const question = article?.questions.findIndex((q) => questionKey(q.prompt) === entry.card.questionKey);
    if (article && question !== undefined && question >= 0) picks.push({ entry, article, question });
  }
  return picks;
}

/** What the end of a review says about the next one. */
function nextReview(queue: { due: readonly DueCard[]; next: number | null }): NextReview {
  if (queue.due.length > 0) return { kind: 'now', count: queue.due.length };
  return queue.next === null ? { kind: 'none' } : { kind: 'at', at: queue.next };
}

function reviewRound(
  ctx: QuizContext,
  actor: Actor,
  pick: Pick,
  before: { served: readonly string[]; right: number; left: number },
  id: string,
): Round {
  return newReviewRound({
    id,
    platform: actor.platform,
    // The person's own chat, wherever the card is shown: review answers never count on a group's board.
    chatId: actor.privateChatId ?? actor.chatId,
    ownerId: actor.userId,
    article: pick.article,
    question: pick.question,
    card: pick.entry.id,
    served: before.served,
    right: before.right,
    left: before.left,
    seed: Math.floor(ctx.deps.random() * 2 ** 31),
    now: ctx.deps.clock.now(),
  });
}

async function createRound(
  ctx: QuizContext,
  actor: Actor,
  pick: Pick,
  before: { served: readonly string[]; right: number; left: number },
  id: string,
): Promise<Round> {
  const round = reviewRound(ctx, actor, pick, before, id);
  await ctx.rounds.create(round);
  return round;
}

/** /review: the first due card, or when the next comes due. Always for the user alone. */
export async function startReview(ctx: QuizContext, actor: Actor): Promise<Response> {
  const now = ctx.deps.clock.now();
  const queue = await ctx.deps.reviewQueue(actor.platform, actor.userId);
  const [first, ...rest] = pending(ctx, queue.due, new Set());
  if (!first) {
    const next =
      queue.next === null ? ({ kind: 'none' } as const) : ({ kind: 'at', at: queue.next } as const);
    const article = await ctx.deps.nextArticle(actor);
    return { messages: [{ target: { to: 'private' }, message: nothingDueMessage(next, article, now) }] };
  }
  const round = await createRound(
    ctx,
    actor,
    first,
    { served: [], right: 0, left: rest.length },
    reviewRoundId(ctx.newId()),
  );
  return {
    messages: [
      {
        target: { to: 'private' },
        message: questionMessage(round, first.article, 0),
        remember: { roundId: round.id, position: 0 },
      },
    ],
  };
}

/** A recorded answer to a review card: the round ends, the card is graded, and the way on is shown. */
export async function answerReview(
  ctx: QuizContext,
  actor: Actor,
  round: Round,
  article: Article,
  checked: CheckedAnswer,
): Promise<Response> {
  const review = round.review;
  if (!review) throw new Error(`review round ${round.id} has no review state`);
  const now = ctx.deps.clock.now();
  const ended = await ctx.rounds.update(round.id, (current) => {
    if (!current) return { result: round };
    endRound(current, now);
    return { next: current, result: structuredClone(current) };
  });
  await finishRound(ctx, ended);
  // The queue is read after this answer's grading (reviewQueue settles recorded answers first).
  const queue = await ctx.deps.reviewQueue(actor.platform, actor.userId);
  const served = new Set([...review.served, review.card]);
  const left = pending(ctx, queue.due, served).length;
  const score = { right: review.right + (checked.correct ? 1 : 0), answered: served.size };
  const response: Response = {
    notice: feedbackNotice(checked),
    messages: [
      {
        target: { to: 'update' },
        message: reviewFeedbackMessage(ended, article, checked.choice, score, left),
      },
    ],
  };
  if (left === 0) {
    await ctx.deps.onReviewCompleted(actor);
    response.messages.push({
      target: { to: 'private' },
      message: reviewDoneMessage({
        ...score,
        next: nextReview(queue),
        article: await ctx.deps.nextArticle(actor),
        now,
      }),
    });
  }
  return response;
}

function feedbackNotice(checked: CheckedAnswer): NonNullable<Response['notice']> {
  const { question } = checked;
  const correctText = question.choices[checked.correctChoice]?.text ?? '';
  const text = checked.correct
    ? t('quiz-solo-correct', { explanation: question.explanation })
    : t('quiz-solo-wrong', { answer: correctText, explanation: question.explanation });
  return { text: text.trim(), tone: checked.correct ? 'ok' : 'wrong' };
}

/** "Next review" on an answered card: the next due card not asked yet in this review, or the end. */
export async function advanceReview(ctx: QuizContext, actor: Actor, round: Round): Promise<Response> {
  const review = round.review;
  if (!review) throw new Error(`review round ${round.id} has no review state`);
  if (round.ownerId !== actor.userId) throw notYourRound();
  if (round.status !== 'ended') {
    throw cardNotAnswered();
  }
  if (review.next) return showExisting(ctx, review.next);
  const now = ctx.deps.clock.now();
  const queue = await ctx.deps.reviewQueue(actor.platform, actor.userId);
  const answers = await ctx.deps.answers.list({ roundId: round.id, position: 0 });
  const right = review.right + (answers.some((answer) => answer.correct) ? 1 : 0);
  const served = [...review.served, review.card];
  const [pick, ...rest] = pending(ctx, queue.due, new Set(served));
  if (!pick) {
    await ctx.deps.onReviewCompleted(actor);
    const done = reviewDoneMessage({
      right,
      answered: served.length,
      next: nextReview(queue),
      article: await ctx.deps.nextArticle(actor),
      now,
    });
    return { messages: [{ target: { to: 'update' }, message: done }] };
  }
  // One next round per answered card, even when "Next" is pressed twice or on two instances at once; the
  // answered card names it and it is created in one change, so neither is ever written without the other.
  const created = reviewRound(
    ctx,
    actor,
    pick,
    { served, right, left: rest.length },
    reviewRoundId(ctx.newId()),
  );
  const next = await ctx.rounds.createLinked(created, round.id, (current) => {
    if (!current?.review) throw roundNotFound();
    if (current.review.next) return { result: current.review.next };
    current.review.next = created.id;
    return { next: current, result: created.id };
  });
  if (next !== created.id) return showExisting(ctx, next);
  return {
    messages: [
      {
        target: { to: 'update' },
        message: questionMessage(created, pick.article, 0),
        remember: { roundId: created.id, position: 0 },
      },
    ],
  };
}

async function showExisting(ctx: QuizContext, roundId: string): Promise<Response> {
  const existing = await ctx.rounds.refresh(roundId);
  if (!existing) {
    throw nextCardPending();
  }
  return {
    messages: [
      {
        target: { to: 'update' },
        message: questionMessage(existing, ctx.article(existing), 0),
        remember: { roundId: existing.id, position: 0 },
      },
    ],
  };
}
