// Quiz rounds over the store: start, answer, move on, close on time; returns neutral responses.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Article } from '../content/article-schema.ts';
import type { BoardsRepository } from '../store/boards-repository.ts';
import { type ChatsRepository, emptyChatState } from '../store/chats-repository.ts';
import type { RoundsRepository } from '../store/rounds-repository.ts';
import type { Actor } from './actor.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import { clipText } from './clip-text.ts';
import type { Clock } from './clock.ts';
import type { Outgoing, Response } from './output.ts';
import { groupCloseMessage, questionMessage, soloFeedbackMessage, summaryMessage } from './present-quiz.ts';
import type { ProgressService } from './progress-service.ts';
import {
  advanceSolo,
  checkAnswerable,
  closeGroupQuestion,
  emptyAnswers,
  endRound,
  isLastQuestion,
  newRound,
  recordAnswer,
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

  start(actor: Actor, article: Article, mode: 'solo' | 'group', questionSeconds?: number): Promise<Response> {
    return this.#startWithId(actor, article, mode, questionSeconds, this.#newId());
  }

  async #startWithId(
    actor: Actor,
    article: Article,
    mode: 'solo' | 'group',
    questionSeconds: number | undefined,
    id: string,
  ): Promise<Response> {
    const now = this.deps.clock.now();
    const round = newRound({
      id,
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

  /**
   * Starts the quiz of the day in a chat (no user behind it). The round id comes from the outbox item,
   * so a retried send reuses the round instead of starting a second one.
   */
  async startScheduled(
    platform: Platform,
    chatId: string,
    article: Article,
    roundId: string,
  ): Promise<Outgoing> {
    const existing = await this.deps.rounds.get(roundId);
    if (existing)
      return {
        target: { to: 'chat' },
        message: questionMessage(existing, article, 0),
        afterSend: this.#attach(existing, 0),
      };
    const actor: Actor = { platform, chatId, chatKind: 'group', userId: 'schedule', name: 'Quiz of the day' };
    const response = await this.#startWithId(actor, article, 'group', undefined, roundId);
    const out = response.messages[0];
    if (!out) throw new Error('a started round produced no question');
    return { ...out, target: { to: 'chat' } };
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
    const round = await this.deps.rounds.get(roundId);
    if (!round) {
      throw new UserError(
        USER_ERRORS.roundNotFound,
        'This quiz is no longer available. Start a new one with /quiz.',
      );
    }
    const article = this.#article(round);
    const input = { userId: actor.userId, name: actor.name, chatId: actor.chatId, position, shown, now };
    const checked = checkAnswerable(round, article, input);
    const accepted = await this.deps.rounds.updateAnswers(roundId, position, (current) => {
      const set = current ?? emptyAnswers();
      return { next: set, result: recordAnswer(round, set, checked, input) };
    });
    await Promise.all([
      this.deps.progress.recordAnswer(actor, accepted.correct),
      this.deps.progress.recordBoardAnswer(actor, accepted.correct),
    ]);
    const { question } = checked;
    const correctText = question.choices[accepted.correctChoice]?.text ?? '';

    if (round.mode === 'solo') {
      const ends = isLastQuestion(round);
      let shownRound = round;
      if (ends) {
        shownRound = await this.deps.rounds.update(roundId, (current) => {
          if (!current) return { result: round };
          endRound(current, now);
          return { next: current, result: current };
        });
        await this.#finish(shownRound);
      }
      const sets = await this.deps.rounds.answersUpTo(roundId, position);
      const messages: Outgoing[] = [
        {
          target: { to: 'update' },
          message: soloFeedbackMessage(shownRound, article, position, accepted.choice, sets),
        },
      ];
      if (ends)
        messages.push({ target: { to: 'private' }, message: summaryMessage(shownRound, article, sets) });
      const text = accepted.correct
        ? `✅ Correct. ${question.explanation}`
        : `❌ Not quite: the answer is “${correctText}”. ${question.explanation}`;
      return {
        notice: { text: clipText(text.trim(), MAX_NOTICE), tone: accepted.correct ? 'ok' : 'error' },
        messages,
      };
    }

    const ref = round.messageRefs[String(position)];
    const messages: Outgoing[] = ref
      ? [
          {
            target: { to: 'edit', ref },
            message: questionMessage(round, article, position, accepted.count),
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
    const answered = Boolean((await this.deps.rounds.answers(roundId, position))?.answers[actor.userId]);
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
      advanceSolo(round, actor.userId, position, answered, now);
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
    const seen = await this.deps.rounds.get(roundId);
    if (!seen) {
      await this.deps.rounds.markEnded(roundId);
      return undefined;
    }
    if (seen.status === 'ended') {
      await this.#finish(seen);
      return undefined;
    }
    if (seen.mode === 'solo') {
      if (now - seen.startedAt > ABANDONED_SOLO_MS) {
        await this.deps.rounds.update(roundId, (round) => {
          if (round) endRound(round, now);
          return round ? { next: round, result: undefined } : { result: undefined };
        });
        await this.#finish(seen);
      }
      return undefined;
    }
    const position = seen.current;
    if (seen.deadline === null || now < seen.deadline) {
      if (seen.deadline !== null) this.scheduler?.schedule(roundId, seen.deadline);
      return undefined;
    }
    // Close the answers first: a press that read the round a moment ago is refused from here on.
    await this.deps.rounds.updateAnswers(roundId, position, (current) => {
      const set = current ?? emptyAnswers();
      set.closed = true;
      return { next: set, result: undefined };
    });
    const closing = await this.deps.rounds.update(roundId, (round) => {
      if (!round) return { result: undefined };
      const outcome = closeGroupQuestion(round, position, now);
      if (outcome === 'not-due') return { result: undefined };
      return { next: round, result: { outcome, round: structuredClone(round) } };
    });
    // Another instance (or an earlier timer) closed this question already.
    if (!closing) return undefined;
    const { outcome, round } = closing;
    const article = this.deps.catalog().byId(round.articleId);
    if (!article) {
      await this.deps.rounds.update(roundId, (current) => {
        if (current) endRound(current, now);
        return current ? { next: current, result: undefined } : { result: undefined };
      });
      await this.#finish(round);
      this.deps.log.warn(
        { roundId, articleId: round.articleId },
        'article of a running round was removed; round ended',
      );
      return undefined;
    }
    const sets = await this.deps.rounds.answersUpTo(roundId, position);
    const messages: Outgoing[] = [];
    const ref = round.messageRefs[String(position)];
    const closed = groupCloseMessage(round, article, position, sets);
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
      messages.push({ target: { to: 'chat' }, message: summaryMessage(round, article, sets) });
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
