// Quiz rounds: start, answer, move on, close on time, show live counts; returns neutral responses.
import type { Article } from '../../content/article-schema.ts';
import type { Actor } from '../actor.ts';
import type { NeutralMessage, Outgoing, Response } from '../output.ts';
import type { Platform } from '../records/platform.ts';
import type { Round } from '../records/round.ts';
import { advanceSoloRound } from './advance-solo.ts';
import { answerQuestion } from './answer-question.ts';
import { type ChatDelivery, closeDue, endNow, finishRound } from './close-question.ts';
import { liveQuestion } from './live-question.ts';
import { questionMessage } from './present-quiz.ts';
import { type DeadlineListener, QuizContext, type QuizDeps } from './quiz-context.ts';
import { startReview } from './review-round.ts';
import { startRound } from './start-round.ts';
import { stopInChat, stopSoloRound } from './stop-round.ts';

export type { ChatDelivery } from './close-question.ts';
export { ABANDONED_SOLO_MS } from './close-question.ts';
export type { DeadlineListener, QuizDeps } from './quiz-context.ts';

export class QuizService {
  readonly #ctx: QuizContext;

  constructor(deps: QuizDeps) {
    this.#ctx = new QuizContext(deps);
  }

  /** Calls `listener` with every question deadline set from now on (the round timers); returns an unsubscribe. */
  onDeadline(listener: DeadlineListener): () => void {
    return this.#ctx.onDeadline(listener);
  }

  /**
   * The one delivery step after any send: stores the platform reference of a message that shows a
   * question (`remember`), so the question can be edited later. Messages without one need nothing.
   */
  async rememberSent(out: Outgoing, ref: string): Promise<void> {
    if (out.remember) await this.#ctx.rememberRef(out.remember, ref);
  }

  start(actor: Actor, article: Article, mode: 'solo' | 'group', questionSeconds?: number): Promise<Response> {
    return startRound(this.#ctx, actor, article, mode, questionSeconds, this.#ctx.newId());
  }

  /** /review: the user's due cards, one by one, privately. */
  review(actor: Actor): Promise<Response> {
    return startReview(this.#ctx, actor);
  }

  /**
   * Starts a scheduled group round in a chat (no user behind it; `occasion` names the post kind, the
   * quiz of the day, and each question says so). The round id comes from the outbox item, so a retried
   * send reuses the round instead of starting a second one. `note` shows above its first question (a
   * repeat says so).
   */
  async startScheduled(
    platform: Platform,
    chatId: string,
    article: Article,
    roundId: string,
    note?: string,
    occasion?: string,
  ): Promise<Outgoing> {
    const existing = await this.#ctx.rounds.refresh(roundId);
    if (existing) {
      return {
        target: { to: 'chat' },
        message: questionMessage(existing, article, 0),
        remember: { roundId: existing.id, position: 0 },
      };
    }
    const actor: Actor = { platform, chatId, chatKind: 'group', userId: 'schedule', name: 'Schedule' };
    const response = await startRound(this.#ctx, actor, article, 'group', undefined, roundId, occasion, note);
    const out = response.messages[0];
    if (!out) throw new Error('a started round produced no question');
    return { ...out, target: { to: 'chat' } };
  }

  /** `pressed`: the message the button was on; a press on a copy other than the question's own is refused. */
  answer(
    actor: Actor,
    roundId: string,
    position: number,
    shown: number,
    pressed?: string,
  ): Promise<Response> {
    return answerQuestion(this.#ctx, actor, roundId, position, shown, pressed);
  }

  next(actor: Actor, roundId: string, position: number, pressed?: string): Promise<Response> {
    return advanceSoloRound(this.#ctx, actor, roundId, position, pressed);
  }

  /** The Stop button of a solo round. */
  stop(actor: Actor, roundId: string): Promise<Response> {
    return stopSoloRound(this.#ctx, actor, roundId);
  }

  /** /stop: the chat's group round (its starter or an admin), else one's own solo round here. */
  stopInChat(actor: Actor, canManageChat: () => Promise<boolean>): Promise<Response> {
    return stopInChat(this.#ctx, actor, canManageChat);
  }

  /** Ends open rounds of a platform without a word (a new playground session does not resume old ones). */
  async abandonOpenRounds(platform: Platform): Promise<number> {
    let ended = 0;
    for (const round of await this.openRounds()) {
      if (round.platform !== platform) continue;
      await finishRound(this.#ctx, (await endNow(this.#ctx, round.id, this.#ctx.deps.clock.now())) ?? round);
      ended += 1;
    }
    return ended;
  }

  closeDue(roundId: string): Promise<ChatDelivery | undefined> {
    return closeDue(this.#ctx, roundId);
  }

  liveQuestion(
    roundId: string,
    position: number,
  ): Promise<{ message: NeutralMessage; count: number } | undefined> {
    return liveQuestion(this.#ctx, roundId, position);
  }

  /** Open rounds (for timers after a restart); ids whose round is gone leave the index. */
  async openRounds(): Promise<Round[]> {
    const ids = await this.#ctx.rounds.openIds();
    const rounds = await Promise.all(ids.map((id) => this.#ctx.rounds.refresh(id)));
    const missing = ids.filter((_, index) => !rounds[index]);
    await Promise.all(missing.map((id) => this.#ctx.rounds.markEnded(id)));
    return rounds.filter((round): round is Round => round !== undefined);
  }
}
