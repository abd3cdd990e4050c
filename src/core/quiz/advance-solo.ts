// "Next question" in a solo round: only the owner, only once the current question is answered.
import type { Actor } from '../actor.ts';
import type { Response } from '../output.ts';
import { questionMessage } from './present-quiz.ts';
import type { QuizContext } from './quiz-context.ts';
import { notThisMessage, roundNotFound, wrongChat } from './quiz-errors.ts';
import { advanceReview } from './review-round.ts';
import { advanceSolo } from './round-rules.ts';

export async function advanceSoloRound(
  ctx: QuizContext,
  actor: Actor,
  roundId: string,
  position: number,
  pressed?: string,
): Promise<Response> {
  if ((await ctx.rounds.get(roundId))?.mode === 'review') {
    const review = await ctx.rounds.refresh(roundId);
    if (!review) throw roundNotFound();
    return advanceReview(ctx, actor, review);
  }
  const now = ctx.deps.clock.now();
  const answered = await ctx.deps.answers.answered({ roundId, position }, actor.userId);
  const { snapshot, article } = await ctx.rounds.update(roundId, (round) => {
    if (!round) throw roundNotFound();
    if (round.chatId !== actor.chatId) throw wrongChat();
    const own = round.messageRefs[String(position)];
    if (pressed !== undefined && own !== undefined && pressed !== own) throw notThisMessage();
    const article = ctx.article(round);
    advanceSolo(round, actor.userId, position, answered, now);
    return { next: round, result: { snapshot: structuredClone(round), article } };
  });
  return {
    messages: [
      {
        target: { to: 'update' },
        message: questionMessage(snapshot, article, snapshot.current),
        remember: { roundId: snapshot.id, position: snapshot.current },
      },
    ],
  };
}
