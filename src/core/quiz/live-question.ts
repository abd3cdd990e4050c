// A group question as it should show now: its live answer count, counted across every instance.
import type { NeutralMessage } from '../output.ts';
import { questionMessage } from './present-quiz.ts';
import type { QuizContext } from './quiz-context.ts';

/** Undefined once the question is closed (its final message replaces the live one). */
export async function liveQuestion(
  ctx: QuizContext,
  roundId: string,
  position: number,
): Promise<{ message: NeutralMessage; count: number } | undefined> {
  const [round, tally] = await Promise.all([
    ctx.rounds.get(roundId),
    ctx.deps.answers.tally({ roundId, position }),
  ]);
  if (!round || tally.closed || round.status === 'ended') return undefined;
  const article = ctx.deps.catalog().byId(round.articleId);
  if (!article || round.questions[position] === undefined) return undefined;
  const message = await ctx.inChat(round.platform, round.chatId, () =>
    questionMessage(round, article, position, tally.count),
  );
  return { message, count: tally.count };
}
