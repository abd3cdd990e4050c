// Applies what recorded answers add up to (totals, streak days, leaderboards) after the reply, in
// batches, exactly once each; answers recorded before a crash are applied at the next start.
import type { Logger } from 'pino';
import { isoWeek, localDay } from './calendar.ts';
import type { Clock } from './clock.ts';
import type { AnswersPort, ScoresPort, Timers } from './ports.ts';
import type { AnswerEffect, AnswerRecord } from './records/answer.ts';
import type { Platform } from './records/platform.ts';

/** Answers arriving within this window share one write. */
const BATCH_WINDOW_MS = 50;
const MAX_BATCH = 100;
/** A batch that failed (store outage) is retried this often, then left to recovery. */
const RETRY_MS = 1_000;
const MAX_RETRIES = 3;
/** Recovery looks for answers nobody applied: after a crash, or on another instance that died. */
const RECOVER_EVERY_MS = 30_000;
/** ...old enough that the instance that recorded them would have applied them by now. */
const RECOVER_AFTER_MS = 10_000;

/** Points an answer earns on the leaderboards. */
export const pointsFor = (answer: AnswerRecord) => (answer.correct ? 1 : 0);

export interface AnswerEffectsDeps {
  answers: AnswersPort;
  scores: ScoresPort;
  /** The time zones users' streak days are counted in, in the order asked. */
  timeZonesOf(platform: Platform, userIds: readonly string[]): Promise<string[]>;
  /** The time zone weekly leaderboards are counted in. */
  boardTimeZone: string;
  /** Runs on a batch before its effects are written; must itself be safe to run twice on an answer. */
  beforeApply?(answers: readonly AnswerRecord[]): Promise<void>;
  clock: Clock;
  timers: Timers;
  log: Logger;
}

export class AnswerEffects {
  #queue: { answer: AnswerRecord; retries: number }[] = [];
  #cancelFlush: (() => void) | undefined;
  #flushing: Promise<void> | undefined;
  #cancelRecovery: (() => void) | undefined;
  #stopped = false;

  constructor(private readonly deps: AnswerEffectsDeps) {}

  /** Queues a just-recorded answer; its effects follow within a batch window. */
  add(answer: AnswerRecord): void {
    this.#queue.push({ answer, retries: 0 });
    if (this.#queue.length >= MAX_BATCH) void this.flush();
    else this.#schedule(BATCH_WINDOW_MS);
  }

  #schedule(ms: number): void {
    if (this.#cancelFlush || this.#stopped) return;
    this.#cancelFlush = this.deps.timers.after(ms, () => {
      this.#cancelFlush = undefined;
      void this.flush();
    });
  }

  /** Applies everything queued so far (reads of progress and boards call this first). */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, MAX_BATCH);
    this.#flushing = this.#apply(batch.map((entry) => entry.answer)).then(
      () => undefined,
      (error: unknown) => {
        const retry = batch.filter((entry) => ++entry.retries <= MAX_RETRIES);
        this.deps.log.warn(
          { err: error, answers: batch.length, retrying: retry.length },
          'applying answers failed; recovery will pick them up',
        );
        this.#queue.unshift(...retry);
        if (retry.length > 0) this.#schedule(RETRY_MS);
      },
    );
    try {
      await this.#flushing;
    } finally {
      this.#flushing = undefined;
    }
    if (this.#queue.length > 0 && !this.#cancelFlush) await this.flush();
  }

  /** Each answer's effects, with one time-zone lookup per platform for the whole batch. */
  async #effects(answers: readonly AnswerRecord[]): Promise<AnswerEffect[]> {
    const zones = new Map<string, string>();
    const platforms = new Set(answers.map((answer) => answer.platform));
    for (const platform of platforms) {
      const users = answers.filter((answer) => answer.platform === platform).map((answer) => answer.userId);
      const found = await this.deps.timeZonesOf(platform, users);
      users.forEach((userId, index) => {
        zones.set(`${platform}:${userId}`, found[index] ?? this.deps.boardTimeZone);
      });
    }
    return answers.map((answer) => ({
      answer,
      day: localDay(answer.at, zones.get(`${answer.platform}:${answer.userId}`) ?? this.deps.boardTimeZone),
      week: isoWeek(answer.at, this.deps.boardTimeZone),
      points: pointsFor(answer),
    }));
  }

  async #apply(answers: readonly AnswerRecord[]): Promise<number> {
    // Before the answers are marked applied: after a crash in between, both run again, and both are
    // safe to (the review cards remember their answers, the scores their applied marks).
    await this.deps.beforeApply?.(answers);
    return this.deps.scores.apply(await this.#effects(answers));
  }

  /** Applies every recorded answer still unapplied and older than `olderThanMs`; returns how many. */
  async recover(olderThanMs = RECOVER_AFTER_MS): Promise<number> {
    let total = 0;
    for (;;) {
      const before = this.deps.clock.now() - olderThanMs;
      const pending = await this.deps.answers.unapplied(MAX_BATCH, before);
      if (pending.length === 0) return total;
      const applied = await this.#apply(pending);
      total += applied;
      if (applied === 0 && pending.length < MAX_BATCH) return total;
    }
  }

  /** Recovers what a crash left (everything, at once), then keeps looking now and then. */
  async start(): Promise<void> {
    const recovered = await this.recover(0);
    if (recovered > 0)
      this.deps.log.info({ answers: recovered }, 'applied answers left from before a restart');
    this.#armRecovery();
  }

  #armRecovery(): void {
    if (this.#stopped) return;
    this.#cancelRecovery = this.deps.timers.after(RECOVER_EVERY_MS, () => {
      this.recover()
        .catch((error: unknown) => this.deps.log.warn({ err: error }, 'answer recovery failed'))
        .finally(() => this.#armRecovery());
    });
  }

  /** Applies what is queued and stops the timers. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelRecovery?.();
    this.#cancelFlush?.();
    this.#cancelFlush = undefined;
    await this.flush().catch((error: unknown) =>
      this.deps.log.warn({ err: error }, 'final answer flush failed'),
    );
  }
}
