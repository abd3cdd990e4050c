// Closing group questions on time (the next one opens, or the round ends) and ending rounds.
import type { Outgoing } from '../output.ts';
import type { Platform, Round } from '../records.ts';
import { groupCloseMessage, questionMessage, summaryMessage } from './present-quiz.ts';
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

async function endNow(ctx: QuizContext, roundId: string, now: number): Promise<Round | undefined> {
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
  if (seen.mode === 'solo') {
    if (now - seen.startedAt > ABANDONED_SOLO_MS) {
      const ended = await endNow(ctx, roundId, now);
      await finishRound(ctx, ended ?? seen);
    }
    return undefined;
  }
  const position = seen.current;
  if (seen.deadline === null || now < seen.deadline) {
    if (seen.deadline !== null) ctx.scheduler?.schedule(roundId, seen.deadline);
    return undefined;
  }
  // Close the answers first: from here on the store refuses any press, whichever instance takes it.
  await ctx.deps.answers.close({ roundId, position });
  const closing = await ctx.rounds.update(roundId, (round) => {
    if (!round) return { result: undefined };
    const outcome = closeGroupQuestion(round, position, now);
    if (outcome === 'not-due') return { result: undefined };
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
  const sets = await ctx.answersUpTo(roundId, position);
  const messages: Outgoing[] = [];
  const ref = round.messageRefs[String(position)];
  const closed = groupCloseMessage(round, article, position, sets);
  messages.push(
    ref
      ? { target: { to: 'edit', ref }, message: closed, closesLive: true }
      : { target: { to: 'chat' }, message: closed },
  );
  if (outcome === 'next') {
    messages.push({
      target: { to: 'chat' },
      message: questionMessage(round, article, round.current),
      afterSend: ctx.attach(round, round.current),
    });
    if (round.deadline !== null) ctx.scheduler?.schedule(round.id, round.deadline);
  } else {
    await finishRound(ctx, round);
    messages.push({ target: { to: 'chat' }, message: summaryMessage(round, article, sets) });
  }
  return { platform: round.platform, chatId: round.chatId, messages };
}
