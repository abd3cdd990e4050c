// Stopping a round before its end: one's own solo round (a button, or /stop), or the chat's group round
// (/stop, by whoever started it or a chat admin). The score or standings so far close it.
import { t } from '../../i18n/current-locale.ts';
import type { Actor } from '../actor.ts';
import type { Outgoing, Response } from '../output.ts';
import type { Round } from '../records/round.ts';
import { USER_ERRORS, UserError } from '../user-error.ts';
import { closedQuestionMessages, endNow, finishRound } from './close-question.ts';
import { summaryMessage } from './present-quiz.ts';
import type { QuizContext } from './quiz-context.ts';
import { nothingToStop, notYourRound, roundEnded, roundNotFound } from './quiz-errors.ts';

const stoppedSolo = () => t('quiz-stopped-solo');
const stoppedBy = (name: string) => t('quiz-stopped-by', { name });

/** The Stop button of a solo round: only its player, and the summary replaces the pressed message. */
export async function stopSoloRound(ctx: QuizContext, actor: Actor, roundId: string): Promise<Response> {
  const round = await ctx.rounds.refresh(roundId);
  if (!round) throw roundNotFound();
  if (round.mode !== 'solo') {
    throw new UserError(USER_ERRORS.badPayload, t('quiz-error-bad-button'));
  }
  if (round.ownerId !== actor.userId) throw notYourRound();
  if (round.status === 'ended') throw roundEnded();
  return { notice: { text: t('quiz-stopped'), tone: 'info' }, messages: await endSolo(ctx, round, 'update') };
}

async function endSolo(ctx: QuizContext, round: Round, to: 'update' | 'private'): Promise<Outgoing[]> {
  const ended = (await endNow(ctx, round.id, ctx.deps.clock.now())) ?? round;
  await finishRound(ctx, ended);
  const article = ctx.article(ended);
  const sets = await ctx.answersUpTo(ended.id, ended.current);
  return [{ target: { to }, message: summaryMessage(ended, article, sets, stoppedSolo()) }];
}

/**
 * /stop: ends the chat's running group round if the actor started it or administers the chat; else
 * the actor's own solo round in this chat. Says so when there is nothing to stop.
 */
export async function stopInChat(
  ctx: QuizContext,
  actor: Actor,
  canManageChat: () => Promise<boolean>,
): Promise<Response> {
  const chat = await ctx.deps.chats.get(actor.platform, actor.chatId);
  const group = chat?.groupRound ? await ctx.rounds.refresh(chat.groupRound) : undefined;
  if (group?.status === 'open') {
    if (group.ownerId !== actor.userId && !(await canManageChat())) {
      throw new UserError(USER_ERRORS.notAllowed, t('quiz-stop-not-allowed'));
    }
    return { messages: await endGroup(ctx, group, actor.name) };
  }
  // The latest, should an earlier one still be open (a new solo quiz ends the one before).
  const solo = (await openSoloRounds(ctx, actor)).at(-1);
  if (solo) return { messages: await endSolo(ctx, solo, 'private') };
  throw nothingToStop();
}

/** The actor's own solo rounds still open in this chat, oldest first. */
export async function openSoloRounds(ctx: QuizContext, actor: Actor): Promise<Round[]> {
  const ids = await ctx.rounds.openIds();
  const rounds = await Promise.all(ids.map((id) => ctx.rounds.refresh(id)));
  return rounds
    .filter(
      (round): round is Round =>
        round?.mode === 'solo' &&
        round.status === 'open' &&
        round.platform === actor.platform &&
        round.chatId === actor.chatId &&
        round.ownerId === actor.userId,
    )
    .sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * Ends the actor's open solo rounds in this chat before a new one starts (one quiz of one's own per chat:
 * its buttons and /stop mean the one on screen). Their answers so far still count. Returns the titles.
 */
export async function endEarlierSolo(ctx: QuizContext, actor: Actor): Promise<string[]> {
  const earlier = await openSoloRounds(ctx, actor);
  const titles: string[] = [];
  for (const round of earlier) {
    const ended = await endNow(ctx, round.id, ctx.deps.clock.now());
    if (!ended) continue;
    await finishRound(ctx, ended);
    titles.push(ctx.article(ended).title);
  }
  return titles;
}

async function endGroup(ctx: QuizContext, round: Round, name: string): Promise<Outgoing[]> {
  const position = round.current;
  await ctx.deps.answers.close({ roundId: round.id, position });
  const ended = (await endNow(ctx, round.id, ctx.deps.clock.now())) ?? round;
  await finishRound(ctx, ended);
  const article = ctx.article(ended);
  const sets = await ctx.answersUpTo(ended.id, position);
  return ctx.inChat(ended.platform, ended.chatId, () => [
    ...closedQuestionMessages(ended, article, position, sets),
    { target: { to: 'chat' as const }, message: summaryMessage(ended, article, sets, stoppedBy(name)) },
  ]);
}
