// Closing group questions on time (the next one opens, or the round ends) and ending rounds.

import type { Article } from '../../content/article-schema.ts';
import { inLocale, t } from '../../i18n/current-locale.ts';
import type { Outgoing } from '../output.ts';
import type { Platform } from '../records/platform.ts';
import type { Round } from '../records/round.ts';
import { type AnswerSets, groupCloseMessage, questionMessage, summaryMessage } from './present-quiz.ts';
import type { QuizContext } from './quiz-context.ts';
import { closeGroupQuestion, endRound } from './round-rules.ts';

/** Solo rounds nobody finishes are closed after a day. */
export const ABANDONED_SOLO_MS = 86_400_000;

/** A timer-driven post for one chat. */
export interface ChatDelivery {
  platform: Platform;
  chatId: string;
  messages: Outgoing[];
}

/** Takes an ended round off the open index and frees its chat for the next group round. */
export async function finishRound(ctx: QuizContext, round: Round): Promise<void> {
  await ctx.rounds.markEnded(round.id);
  if (round.mode === 'group') {
    await ctx.deps.chats.update(round.platform, round.chatId, (current) => {
      if (!current || current.groupRound !== round.id) return { result: undefined };
      current.groupRound = null;
      return { next: current, result: undefined };
    });
  }
}

export async function endNow(ctx: QuizContext, roundId: string, now: number): Promise<Round | undefined> {
  return ctx.rounds.update(roundId, (round) => {
    if (!round) return { result: undefined };
    endRound(round, now);
    return { next: round, result: structuredClone(round) };
  });
}

/** Closes a group round's current question if its time is up; what to post goes back to the caller. */
export async function closeDue(ctx: QuizContext, roundId: string): Promise<ChatDelivery | undefined> {
  const now = ctx.deps.clock.now();
  const seen = await ctx.rounds.refresh(roundId);
  if (!seen) {
    await ctx.rounds.markEnded(roundId);
    return undefined;
  }
  if (seen.status === 'ended') {
    await finishRound(ctx, seen);
    return undefined;
  }
  if (seen.mode !== 'group') {
    if (now - seen.startedAt > ABANDONED_SOLO_MS) {
      const ended = await endNow(ctx, roundId, now);
      await finishRound(ctx, ended ?? seen);
    }
    return undefined;
  }
  const position = seen.current;
  if (seen.deadline === null || now < seen.deadline) {
    if (seen.deadline !== null) ctx.deadlineSet(roundId, seen.deadline);
    return undefined;
  }
  // Read before closing, so that whoever closes the question posts at once.
  const locale = await ctx.chatLocale(seen.platform, seen.chatId);
  // Close the answers first: from here on the store refuses any press, whichever instance takes it.
  await ctx.deps.answers.close({ roundId, position });
  const sets = await ctx.answersUpTo(roundId, position);
  // Nobody answered this question or the one before: the chat has gone quiet, so the round ends.
  const quiet =
    position > 0 && (sets[position]?.length ?? 0) === 0 && (sets[position - 1]?.length ?? 0) === 0;
  const closing = await ctx.rounds.update(roundId, (round) => {
    if (!round) return { result: undefined };
    const outcome = closeGroupQuestion(round, position, now);
    if (outcome === 'not-due') return { result: undefined };
    if (outcome === 'next' && quiet) {
      endRound(round, now);
      return { next: round, result: { outcome: 'ended' as const, round: structuredClone(round) } };
    }
    return { next: round, result: { outcome, round: structuredClone(round) } };
  });
  // Another instance (or an earlier timer) closed this question already.
  if (!closing) return undefined;
  const { outcome, round } = closing;
  const article = ctx.deps.catalog().byId(round.articleId);
  if (!article) {
    const ended = await endNow(ctx, roundId, now);
    await finishRound(ctx, ended ?? round);
    ctx.deps.log.warn(
      { roundId, articleId: round.articleId },
      'article of a running round was removed; round ended',
    );
    return undefined;
  }
  if (outcome !== 'next') await finishRound(ctx, round);
  // The chat sees the close, the next question and the standings: in its language.
  const messages = inLocale(locale, () => {
    const out = closedQuestionMessages(round, article, position, sets);
    if (outcome === 'next') {
      out.push({
        target: { to: 'chat' },
        message: questionMessage(round, article, round.current),
        remember: { roundId: round.id, position: round.current },
      });
    } else {
      const note = quiet ? quietNote() : undefined;
      out.push({ target: { to: 'chat' }, message: summaryMessage(round, article, sets, note) });
    }
    return out;
  });
  if (outcome === 'next' && round.deadline !== null) ctx.deadlineSet(round.id, round.deadline);
  return { platform: round.platform, chatId: round.chatId, messages };
}

/** Why a round ends before its last question when nobody answers. */
export const quietNote = (): string => t('quiz-quiet-stop');

/** The closed question replaces its live message (or follows, when that message is unknown). */
export function closedQuestionMessages(
  round: Round,
  article: Article,
  position: number,
  sets: AnswerSets,
): Outgoing[] {
  const ref = round.messageRefs[String(position)];
  const closed = groupCloseMessage(round, article, position, sets);
  return [
    ref
      ? { target: { to: 'edit', ref }, message: closed, closesLive: true }
      : { target: { to: 'chat' }, message: closed },
  ];
}
