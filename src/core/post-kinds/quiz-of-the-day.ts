// The quiz of the day: a group round on an article the chat has not had as its quiz of the day, started
// when the outbox sends it, after any group quiz running in the chat (for at most an hour).
import { createHash } from 'node:crypto';
import type { Outgoing } from '../output.ts';
import { because } from '../records/reason.ts';
import { isUserError, USER_ERRORS } from '../user-error.ts';
import { definePostKind, kindReason, type SendOutcome } from './define-post-kind.ts';

/** A quiz of the day that finds a group round running looks again this often... */
const ROUND_WAIT_RETRY_MS = 30_000;
/** ...for at most this long after it was due; then that day's quiz is skipped with the reason. */
const MAX_ROUND_WAIT_MS = 3_600_000;

const NAME = 'quiz-of-the-day';

const labels = {
  title: 'Quiz of the day',
  offer: 'a quiz of the day',
  waiting: 'a group quiz is running in the chat; the quiz of the day follows when it ends',
  crowdedOut: 'a group quiz kept the chat busy for an hour after the quiz of the day was due',
} as const;
const why = (key: keyof typeof labels) => kindReason('quiz-of-the-day', labels, key);

/** A round id (for a scheduled quiz) derived from the outbox item, so a retry reuses the round. */
export const scheduledRoundId = (itemId: string) =>
  BigInt(`0x${createHash('sha256').update(itemId).digest('hex').slice(0, 15)}`)
    .toString(36)
    .padStart(10, '0')
    .slice(0, 12);

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export default definePostKind({
  name: NAME,
  labels,
  aliases: ['quiz', 'qotd', 'daily-quiz'],
  audience: 'chat',
  every: 'day',
  compose: ({ core, subscription, period, runAt }) => core.quizOfTheDay.compose(subscription, period, runAt),
  send: {
    payload: 'quiz',
    async send({ core, item, deliver }) {
      const article = core.catalog().byId(item.payload.articleId);
      if (!article)
        return {
          ok: false,
          kind: 'skip',
          reason: because('post-skip-article-removed', { article: item.payload.articleId }),
        };
      let out: Outgoing;
      try {
        out = await core.quiz.startScheduled(
          item.platform,
          item.chatId,
          article,
          scheduledRoundId(item.id),
          item.payload.note,
          NAME,
        );
      } catch (error) {
        if (isUserError(error) && error.code === USER_ERRORS.roundRunning)
          return waitForRound(core.clock.now() - item.scheduledFor);
        // The store (or anything else of ours) failed: nothing says the chat is gone; the outbox tries again later.
        throw new Error(`starting the quiz failed: ${describe(error)}`, { cause: error });
      }
      return deliver(out);
    },
  },
});

/** Today's quiz waits for the chat's running group round to end, within a limit. */
function waitForRound(lateMs: number): SendOutcome<never> {
  if (lateMs < MAX_ROUND_WAIT_MS)
    return { ok: false, kind: 'wait', retryMs: ROUND_WAIT_RETRY_MS, reason: why('waiting') };
  return { ok: false, kind: 'skip', reason: why('crowdedOut') };
}
