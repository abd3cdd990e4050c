// A press on an answer button: judged from the cached round, recorded in one atomic write, answered.
import { t } from '../../i18n/current-locale.ts';
import type { Actor } from '../actor.ts';
import type { Outgoing, Response } from '../output.ts';
import { reportButton } from '../quality/present-report.ts';
import { questionVersion } from '../quality/question-version.ts';
import type { AnswerRecord } from '../records/answer.ts';
import type { Round } from '../records/round.ts';
import { finishRound } from './close-question.ts';
import { movedQuestionMessage, soloFeedbackMessage, summaryMessage } from './present-quiz.ts';
import type { QuizContext } from './quiz-context.ts';
import { alreadyAnswered, questionClosed, roundEnded, roundNotFound } from './quiz-errors.ts';
import { answerReview } from './review-round.ts';
import { checkAnswer, endRound, isLastQuestion } from './round-rules.ts';

/** The round as cached, re-read when the press is for a question this instance has not seen open yet. */
async function roundFor(ctx: QuizContext, roundId: string, position: number): Promise<Round> {
  let round = await ctx.rounds.get(roundId);
  const stale =
    round !== undefined &&
    (position > round.current ||
      (round.mode === 'group' && round.messageRefs[String(position)] === undefined));
  if (stale) round = await ctx.rounds.refresh(roundId);
  if (!round) throw roundNotFound();
  return round;
}

export async function answerQuestion(
  ctx: QuizContext,
  actor: Actor,
  roundId: string,
  position: number,
  shown: number,
  pressed?: string,
): Promise<Response> {
  const now = ctx.deps.clock.now();
  const round = await roundFor(ctx, roundId, position);
  const article = ctx.article(round);
  const own = round.messageRefs[String(position)];
  if (pressed !== undefined && own !== undefined && pressed !== own) {
    // A second copy of the question (a send the platform took although its answer was lost): it is
    // made harmless instead of counting answers beside the real one.
    return {
      notice: { text: t('quiz-answer-moved'), tone: 'info' },
      messages: [{ target: { to: 'update' }, message: movedQuestionMessage(round, article, position) }],
    };
  }
  const checked = checkAnswer(round, article, {
    userId: actor.userId,
    chatId: actor.chatId,
    position,
    shown,
    now,
  });
  if (!checked.open) {
    // The answer to "why not" a user cares about most: that their first answer counts.
    if (await ctx.deps.answers.answered({ roundId, position }, actor.userId)) throw alreadyAnswered();
    throw round.status === 'ended' ? roundEnded() : questionClosed();
  }
  const answer: AnswerRecord = {
    platform: round.platform,
    chatId: round.chatId,
    roundId,
    position,
    userId: actor.userId,
    name: actor.name,
    articleId: round.articleId,
    question: round.questions[position] ?? 0,
    choice: checked.choice,
    correct: checked.correct,
    at: now,
    // Quiz answers count in the question's statistics; reviews ask again what the person missed.
    ...(round.mode === 'review' ? {} : { version: questionVersion(checked.question) }),
  };
  const outcome = await ctx.deps.answers.record(answer);
  if (outcome === 'duplicate') throw alreadyAnswered();
  if (outcome === 'closed') {
    const fresh = await ctx.rounds.refresh(roundId);
    throw fresh?.status === 'ended' ? roundEnded() : questionClosed();
  }
  ctx.deps.onRecorded(answer);

  const { question } = checked;
  if (round.mode === 'review') return answerReview(ctx, actor, round, article, checked);
  if (round.mode === 'group') {
    const ref = round.messageRefs[String(position)];
    return {
      notice: {
        text: checked.correct ? t('quiz-group-correct') : t('quiz-group-wrong'),
        tone: checked.correct ? 'ok' : 'wrong',
        buttons: [[reportButton(roundId, position)]],
      },
      messages: [],
      ...(ref ? { live: { ref, roundId, position } } : {}),
    };
  }

  const ends = isLastQuestion(round);
  let shownRound = round;
  if (ends) {
    shownRound = await ctx.rounds.update(roundId, (current) => {
      if (!current) return { result: round };
      endRound(current, now);
      return { next: current, result: structuredClone(current) };
    });
    await finishRound(ctx, shownRound);
    await ctx.deps.onSoloCompleted(actor, round.articleId);
  }
  const sets = await ctx.answersUpTo(roundId, position);
  const messages: Outgoing[] = [
    {
      target: { to: 'update' },
      message: soloFeedbackMessage(shownRound, article, position, checked.choice, sets),
    },
  ];
  if (ends) messages.push({ target: { to: 'private' }, message: summaryMessage(shownRound, article, sets) });
  const correctText = question.choices[checked.correctChoice]?.text ?? '';
  const text = checked.correct
    ? t('quiz-solo-correct', { explanation: question.explanation })
    : t('quiz-solo-wrong', { answer: correctText, explanation: question.explanation });
  return { notice: { text: text.trim(), tone: checked.correct ? 'ok' : 'wrong' }, messages };
}
