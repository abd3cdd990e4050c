// Closes group-round questions on time: a timer per deadline, plus a sweep that also covers restarts.
import type { Clock } from '../core/clock.ts';
import { failureLevel, type Timers } from '../core/ports.ts';
import { ABANDONED_SOLO_MS, type ChatDelivery, type QuizService } from '../core/quiz/quiz-service.ts';
import type { Platform } from '../core/records/platform.ts';
import type { Logger } from '../logger.ts';

/** Sweeps catch deadlines whose timer was lost (restart, another instance started the round). */
const SWEEP_MS = 5_000;

export type Deliver = (delivery: ChatDelivery) => Promise<void>;

export class RoundTimers {
  readonly #timers = new Map<string, () => void>();
  /** Closings under way: stop() waits for them, so none runs on into a closed store. */
  readonly #firing = new Set<Promise<void>>();
  #cancelSweep: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;
  #stopped = false;

  constructor(
    private readonly quiz: QuizService,
    private readonly deliver: Deliver,
    /** Only rounds of platforms this process serves are closed here. */
    private readonly platforms: ReadonlySet<Platform>,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly log: Logger,
  ) {}

  schedule(roundId: string, at: number): void {
    if (this.#stopped) return;
    this.#timers.get(roundId)?.();
    // A timer that fires a little early finds the question not due, and closeDue schedules it again.
    const cancel = this.timers.after(at - this.clock.now(), () => {
      this.#timers.delete(roundId);
      void this.fire(roundId);
    });
    this.#timers.set(roundId, cancel);
  }

  fire(roundId: string): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    const firing = this.#close(roundId).finally(() => this.#firing.delete(firing));
    this.#firing.add(firing);
    return firing;
  }

  async #close(roundId: string): Promise<void> {
    try {
      // A closing under way when stop() is called still posts: stop() waits for it, and the adapters
      // are stopped after the timers.
      const delivery = await this.quiz.closeDue(roundId);
      if (delivery) await this.deliver(delivery);
    } catch (error) {
      this.log[failureLevel(error)]({ err: error, roundId }, 'closing a quiz question failed');
    }
  }

  /** Re-arms every open round of our platforms (call at start-up), then keeps sweeping. */
  async start(): Promise<void> {
    this.#unsubscribe = this.quiz.onDeadline((roundId, at) => this.schedule(roundId, at));
    await this.sweep();
    this.#armSweep();
  }

  #armSweep(): void {
    if (this.#stopped) return;
    this.#cancelSweep = this.timers.after(SWEEP_MS, () => {
      void this.sweep().finally(() => this.#armSweep());
    });
  }

  async sweep(): Promise<void> {
    if (this.#stopped) return;
    try {
      const rounds = await this.quiz.openRounds();
      for (const round of rounds) {
        if (!this.platforms.has(round.platform)) continue;
        if (round.deadline !== null) this.schedule(round.id, round.deadline);
        else if (this.clock.now() - round.startedAt > ABANDONED_SOLO_MS) void this.fire(round.id);
      }
    } catch (error) {
      this.log.error({ err: error }, 'sweeping open quiz rounds failed');
    }
  }

  /** Arms nothing more and waits for closings already under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#cancelSweep?.();
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
    await Promise.allSettled([...this.#firing]);
  }
}
