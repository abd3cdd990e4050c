// What every quiz use case works with: the ports, the round cache, and a few shared steps.

import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Article } from '../../content/article-schema.ts';
import { currentLocale, inLocale } from '../../i18n/current-locale.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Actor } from '../actor.ts';
import type { ArticleCatalog } from '../article-catalog.ts';
import type { Clock } from '../clock.ts';
import type { QuestionMessage } from '../output.ts';
import type { AnswersPort, ChatsPort, RoundsPort } from '../ports.ts';
import type { AnswerRecord, QuestionKey } from '../records/answer.ts';
import type { Platform } from '../records/platform.ts';
import type { Round } from '../records/round.ts';
import type { DueCard } from '../review/review-service.ts';
import type { AnswerSets } from './present-quiz.ts';
import { articleRemoved } from './quiz-errors.ts';
import { RoundCache } from './round-cache.ts';

/** Told of every question deadline set: `closeDue(roundId)` is due at `at` (ms since epoch). */
export type DeadlineListener = (roundId: string, at: number) => void;

export interface QuizDeps {
  catalog: () => ArticleCatalog;
  rounds: RoundsPort;
  chats: ChatsPort;
  answers: AnswersPort;
  /** Takes each recorded answer; its effects on progress and boards are applied after the reply. */
  onRecorded(answer: AnswerRecord): void;
  /** A solo round was answered to the end: the article counts as read. */
  onSoloCompleted(actor: Actor, articleId: string): Promise<unknown>;
  /** A user's due review cards and when the next comes due, counting every answer recorded so far. */
  reviewQueue(platform: Actor['platform'], userId: string): Promise<{ due: DueCard[]; next: number | null }>;
  /** A review was answered to its end (counts like a finished quiz for the streak). */
  onReviewCompleted(actor: Actor): Promise<unknown>;
  /** The newest article the user has not read, offered at the end of a review. */
  nextArticle(actor: Actor): Promise<Article | undefined>;
  clock: Clock;
  random: () => number;
  log: Logger;
  /** The language of a chat's shared messages (group questions, closes, standings); the current one when unset. */
  chatLocale?(platform: Platform, chatId: string): Promise<Locale>;
}

export class QuizContext {
  readonly rounds: RoundCache;
  readonly #deadlineListeners = new Set<DeadlineListener>();

  constructor(readonly deps: QuizDeps) {
    this.rounds = new RoundCache(deps.rounds);
  }

  /** Runs `work` with messages in the chat's language: what a group round shows, the whole chat sees. */
  async inChat<T>(platform: Platform, chatId: string, work: () => T | Promise<T>): Promise<T> {
    return inLocale(await this.chatLocale(platform, chatId), work);
  }

  chatLocale(platform: Platform, chatId: string): Promise<Locale> {
    return this.deps.chatLocale ? this.deps.chatLocale(platform, chatId) : Promise.resolve(currentLocale());
  }

  onDeadline(listener: DeadlineListener): () => void {
    this.#deadlineListeners.add(listener);
    return () => this.#deadlineListeners.delete(listener);
  }

  /** Announces a question's deadline to whoever keeps time (the round timers, when running). */
  deadlineSet(roundId: string, at: number): void {
    for (const listener of this.#deadlineListeners) listener(roundId, at);
  }

  newId(): string {
    return randomBytes(8).readBigUInt64BE().toString(36).slice(0, 10).padStart(10, '0');
  }

  article(round: Round): Article {
    const article = this.deps.catalog().byId(round.articleId);
    if (!article) throw articleRemoved();
    return article;
  }

  /** Stores the platform reference of a question's message, to edit it later. */
  async rememberRef({ roundId, position }: QuestionMessage, ref: string): Promise<void> {
    await this.rounds.update(roundId, (current) => {
      if (!current) return { result: undefined };
      current.messageRefs[String(position)] = ref;
      return { next: current, result: undefined };
    });
  }

  /** Every position's answers up to and including `last`. */
  answersUpTo(roundId: string, last: number): Promise<AnswerSets> {
    return Promise.all(
      Array.from({ length: last + 1 }, (_, position) => this.deps.answers.list({ roundId, position })),
    );
  }

  key(round: Round, position: number): QuestionKey {
    return { roundId: round.id, position };
  }
}
