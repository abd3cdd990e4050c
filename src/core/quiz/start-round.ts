// Starting a round: solo for one user, or a group round that claims the chat (one at a time).

import type { Article } from '../../content/article-schema.ts';
import { t } from '../../i18n/current-locale.ts';
import type { Actor } from '../actor.ts';
import type { Response } from '../output.ts';
import type { Round } from '../records/round.ts';
import { questionMessage } from './present-quiz.ts';
import type { QuizContext } from './quiz-context.ts';
import { roundRunning } from './quiz-errors.ts';
import { newRound } from './round-rules.ts';
import { endEarlierSolo } from './stop-round.ts';

export async function startRound(
  ctx: QuizContext,
  actor: Actor,
  article: Article,
  mode: 'solo' | 'group',
  questionSeconds: number | undefined,
  id: string,
  occasion?: Round['occasion'],
  note?: string,
): Promise<Response> {
  const { clock, random } = ctx.deps;
  const round = newRound({
    id,
    platform: actor.platform,
    chatId: actor.chatId,
    mode,
    ownerId: actor.userId,
    article,
    seed: Math.floor(random() * 2 ** 31),
    now: clock.now(),
    ...(questionSeconds === undefined ? {} : { questionSeconds }),
    ...(occasion ? { occasion } : {}),
    ...(note === undefined ? {} : { note }),
  });
  const earlier = mode === 'solo' ? await endEarlierSolo(ctx, actor) : [];
  if (mode === 'group') await createClaimingChat(ctx, actor, round);
  else await ctx.rounds.create(round);
  if (round.deadline !== null) ctx.deadlineSet(round.id, round.deadline);
  return {
    ...(earlier.length > 0
      ? { notice: { text: t('quiz-earlier-ended', { title: earlier.join(', ') }), tone: 'info' as const } }
      : {}),
    messages: [
      {
        target: mode === 'solo' ? { to: 'private' } : { to: 'reply' },
        message:
          mode === 'group'
            ? await ctx.inChat(round.platform, round.chatId, () => questionMessage(round, article, 0))
            : questionMessage(round, article, 0),
        remember: { roundId: round.id, position: 0 },
      },
    ],
  };
}

/**
 * One group round per chat at a time: the round is created and the chat claimed in one change, so two
 * started at once (in one batch, or on two instances) never both run.
 */
async function createClaimingChat(ctx: QuizContext, actor: Actor, round: Round): Promise<void> {
  const state = await ctx.deps.chats.get(actor.platform, actor.chatId);
  const seen = state?.groupRound ?? null;
  if (seen) {
    const running = await ctx.rounds.refresh(seen);
    if (running?.status === 'open') throw roundRunning();
  }
  if (!(await ctx.rounds.createClaimingChat(round, seen))) {
    throw roundRunning(t('quiz-error-group-just-started'));
  }
}
