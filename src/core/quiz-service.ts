// Quiz rounds over the store: start, answer, move on, close on time; returns neutral responses.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Article } from '../content/article-schema.ts';
import type { BoardsRepository } from '../store/boards-repository.ts';
import { type ChatsRepository, emptyChatState } from '../store/chats-repository.ts';
import type { RoundsRepository } from '../store/rounds-repository.ts';
import type { Actor } from './actor.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import type { Clock } from './clock.ts';
import type { Outgoing, Response } from './output.ts';
import { groupCloseMessage, questionMessage, soloFeedbackMessage, summaryMessage } from './present-quiz.ts';
import type { ProgressService } from './progress-service.ts';
import {
  advanceSolo,
  applyAnswer,
  closeGroupQuestion,
  endRound,
  isLastQuestion,
  newRound,
} from './quiz-round.ts';
import type { Platform, Round } from './records.ts';
import { USER_ERRORS, UserError } from './user-error.ts';

/** Toasts are short (Telegram allows 200 characters). */
export const MAX_NOTICE = 200;
/** Solo rounds nobody finishes are closed after a day. */
export const ABANDONED_SOLO_MS = 86_400_000;

export interface RoundScheduler {
  /** Asks for `closeDue(roundId)` to be called at `at` (ms since epoch). */
  schedule(roundId: string, at: number): void;
}

export interface QuizDeps {
  catalog: () => ArticleCatalog;
  rounds: RoundsRepository;
  chats: ChatsRepository;
  boards: BoardsRepository;
  progress: ProgressService;
  clock: Clock;
  random: () => number;
  log: Logger;
}

/** A timer-driven post for one chat. */
export interface ChatDelivery {
  platform: Platform;
  chatId: string;
  messages: Outgoing[];
}

const clip = (text: string, max = MAX_NOTICE) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export class QuizService {
  scheduler: RoundScheduler | undefined;

  constructor(private readonly deps: QuizDeps) {}

  #newId(): string {
    return randomBytes(8).readBigUInt64BE().toString(36).slice(0, 10).padStart(10, '0');
  }

  #article(round: Round): Article {
    const article = this.deps.catalog().byId(round.articleId);
    if (!article) {
      throw new UserError(
        USER_ERRORS.roundNotFound,
        'The article behind this quiz was removed. Start a new quiz with /quiz.',
      );
    }
    return article;
  }

  #attach(round: Round, position: number) {
    return async (ref: string) => {
      await this.deps.rounds.update(round.id, (current) => {
        if (!current) return { result: undefined };
        current.messageRefs[String(position)] = ref;
        return { next: current, result: undefined };
      });
    };
  }

  async start(
    actor: Actor,
    article: Article,
    mode: 'solo' | 'group',
    questionSeconds?: number,
  ): Promise<Response> {
    const now = this.deps.clock.now();
    const round = newRound({
      id: this.#newId(),
      platform: actor.platform,
      chatId: actor.chatId,
      mode,
      ownerId: actor.userId,
      article,
      seed: Math.floor(this.deps.random() * 2 ** 31),
      now,
      ...(questionSeconds === undefined ? {} : { questionSeconds }),
    });
    if (mode === 'group') await this.#claimChat(actor, round.id);
    await this.deps.rounds.create(round);
    if (round.deadline !== null) this.scheduler?.schedule(round.id, round.deadline);
    return {
      messages: [
        {
          target: mode === 'solo' ? { to: 'private' } : { to: 'reply' },
          message: questionMessage(round, article, 0),
          afterSend: this.#attach(round, 0),
        },
      ],
    };
  }

  /** One group round per chat at a time. */
  async #claimChat(actor: Actor, roundId: string): Promise<void> {
    const state = await this.deps.chats.get(actor.platform, actor.chatId);
    let seen = state?.groupRound ?? null;
    if (seen) {
      const running = await this.deps.rounds.get(seen);
      if (running?.status === 'open') {
        throw new UserError(
          USER_ERRORS.roundRunning,
          'A group quiz is already running in this chat. Answer it, or wait for it to end.',
        );
      }
    }
    await this.deps.chats.update(actor.platform, actor.chatId, (current) => {
      const chat = current ?? emptyChatState();
      if ((chat.groupRound ?? null) !== seen) {
        throw new UserError(
          USER_ERRORS.roundRunning,
          'A group quiz has just started in this chat. Join that one.',
        );
      }
      chat.groupRound = roundId;
      seen = roundId;
      return { next: chat, result: undefined };
    });
  }

  async answer(actor: Actor, roundId: string, position: number, shown: number): Promise<Response> {
    const now = this.deps.clock.now();
    const outcome = await this.deps.rounds.update(roundId, (round) => {
      if (!round) {
        throw new UserError(
          USER_ERRORS.roundNotFound,
          'This quiz is no longer available. Start a new one with /quiz.',
        );
      }
      const article = this.#article(round);
      const accepted = applyAnswer(round, article, {
        userId: actor.userId,
        name: actor.name,
        chatId: actor.chatId,
        position,
        shown,
        now,
      });
      const ends = round.mode === 'solo' && isLastQuestion(round);
      if (ends) endRound(round, now);
      return { next: round, result: { accepted, article, ends, snapshot: structuredClone(round) } };
    });
    const { accepted, article, ends, snapshot } = outcome;
    await Promise.all([
      this.deps.progress.recordAnswer(actor, accepted.correct),
      this.deps.progress.recordBoardAnswer(actor, accepted.correct),
    ]);
    const question = article.questions[snapshot.questions[position] ?? 0];
    const correctText = question?.choices[accepted.correctChoice]?.text ?? '';

    if (snapshot.mode === 'solo') {
      if (ends) await this.#finish(snapshot);
      const messages: Outgoing[] = [
        {
          target: { to: 'update' },
          message: soloFeedbackMessage(snapshot, article, position, accepted.choice),
        },
      ];
      if (ends) messages.push({ target: { to: 'private' }, message: summaryMessage(snapshot, article) });
      const text = accepted.correct
        ? `✅ Correct. ${question?.explanation ?? ''}`
        : `❌ Not quite: the answer is “${correctText}”. ${question?.explanation ?? ''}`;
      return { notice: { text: clip(text.trim()), tone: accepted.correct ? 'ok' : 'error' }, messages };
    }

    const ref = snapshot.messageRefs[String(position)];
    const messages: Outgoing[] = ref
      ? [
          {
            target: { to: 'edit', ref },
            message: questionMessage(snapshot, article, position, accepted.count),
            coalesceKey: `round:${roundId}:${position}`,
          },
        ]
      : [];
    const text = accepted.correct
      ? '✅ Correct. The full answer is shown when time is up.'
      : '❌ Not quite. The answer is shown when time is up.';
    return { notice: { text, tone: accepted.correct ? 'ok' : 'error' }, messages };
  }

  async next(actor: Actor, roundId: string, position: number): Promise<Response> {
    const now = this.deps.clock.now();
    const { snapshot, article } = await this.deps.rounds.update(roundId, (round) => {
      if (!round) {
        throw new UserError(
          USER_ERRORS.roundNotFound,
          'This quiz is no longer available. Start a new one with /quiz.',
        );
      }
      if (round.chatId !== actor.chatId) {
        throw new UserError(USER_ERRORS.wrongChat, 'That button belongs to a quiz in another chat.');
      }
      const article = this.#article(round);
      advanceSolo(round, actor.userId, position, now);
      return { next: round, result: { snapshot: structuredClone(round), article } };
    });
    return {
      messages: [
        {
          target: { to: 'update' },
          message: questionMessage(snapshot, article, snapshot.current),
          afterSend: this.#attach(snapshot, snapshot.current),
        },
      ],
    };
  }

  async #finish(round: Round): Promise<void> {
    await this.deps.rounds.markEnded(round.id);
    if (round.mode === 'group') {
      await this.deps.chats.update(round.platform, round.chatId, (current) => {
        if (!current || current.groupRound !== round.id) return { result: undefined };
        current.groupRound = null;
        return { next: current, result: undefined };
      });
    }
  }

  /** Closes a group round's current question if its time is up; what to post goes back to the caller. */
  async closeDue(roundId: string): Promise<ChatDelivery | undefined> {
    const now = this.deps.clock.now();
    type Closing =
      | { outcome: 'abandoned' | 'not-due' | 'next' | 'ended'; position: number; round: Round }
      | undefined;
    const result = await this.deps.rounds.update<Closing>(roundId, (round) => {
      if (!round) return { result: undefined };
      if (round.mode === 'solo') {
        if (round.status === 'open' && now - round.startedAt > ABANDONED_SOLO_MS) {
          endRound(round, now);
          return {
            next: round,
            result: { outcome: 'abandoned', position: round.current, round: structuredClone(round) },
          };
        }
        return { result: undefined };
      }
      const position = round.current;
      const outcome = closeGroupQuestion(round, position, now);
      if (outcome === 'not-due') return { result: { outcome, position, round: structuredClone(round) } };
      return { next: round, result: { outcome, position, round: structuredClone(round) } };
    });
    if (!result) {
      await this.deps.rounds.markEnded(roundId);
      return undefined;
    }
    const { outcome, position, round } = result;
    if (outcome === 'abandoned') {
      await this.#finish(round);
      return undefined;
    }
    if (outcome === 'not-due') {
      if (round.status === 'ended') await this.#finish(round);
      else if (round.deadline !== null) this.scheduler?.schedule(round.id, round.deadline);
      return undefined;
    }
    const article = this.deps.catalog().byId(round.articleId);
    if (!article) {
      endRound(round, now);
      await this.#finish(round);
      this.deps.log.warn(
        { roundId, articleId: round.articleId },
        'article of a running round was removed; round ended',
      );
      return undefined;
    }
    const messages: Outgoing[] = [];
    const ref = round.messageRefs[String(position)];
    const closed = groupCloseMessage(round, article, position);
    messages.push(
      ref ? { target: { to: 'edit', ref }, message: closed } : { target: { to: 'chat' }, message: closed },
    );
    if (outcome === 'next') {
      messages.push({
        target: { to: 'chat' },
        message: questionMessage(round, article, round.current),
        afterSend: this.#attach(round, round.current),
      });
      if (round.deadline !== null) this.scheduler?.schedule(round.id, round.deadline);
    } else {
      await this.#finish(round);
      messages.push({ target: { to: 'chat' }, message: summaryMessage(round, article) });
    }
    return { platform: round.platform, chatId: round.chatId, messages };
  }

  /** Open rounds with their next deadline (for timers after a restart). */
  async openRounds(): Promise<Round[]> {
    const ids = await this.deps.rounds.openIds();
    const rounds = await Promise.all(ids.map((id) => this.deps.rounds.get(id)));
    const missing = ids.filter((_, index) => !rounds[index]);
    await Promise.all(missing.map((id) => this.deps.rounds.markEnded(id)));
    return rounds.filter((round): round is Round => round !== undefined);
  }
}
