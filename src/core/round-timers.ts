// Closes group-round questions on time: a timer per deadline, plus a sweep that also covers restarts.
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import {
  ABANDONED_SOLO_MS,
  type ChatDelivery,
  type QuizService,
  type RoundScheduler,
} from './quiz-service.ts';
import type { Platform } from './records.ts';

/** Sweeps catch deadlines whose timer was lost (restart, another instance started the round). */
const SWEEP_MS = 5_000;

export type Deliver = (delivery: ChatDelivery) => Promise<void>;

export class RoundTimers implements RoundScheduler {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #sweep: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly quiz: QuizService,
    private readonly deliver: Deliver,
    /** Only rounds of platforms this process serves are closed here. */
    private readonly platforms: ReadonlySet<Platform>,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  schedule(roundId: string, at: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timers.get(roundId));
    const delay = Math.max(0, at - this.clock.now()) + 5;
    const timer = setTimeout(() => {
      this.#timers.delete(roundId);
      void this.fire(roundId);
    }, delay);
    timer.unref?.();
    this.#timers.set(roundId, timer);
  }

  async fire(roundId: string): Promise<void> {
    try {
      const delivery = await this.quiz.closeDue(roundId);
      if (delivery && !this.#stopped) await this.deliver(delivery);
    } catch (error) {
      this.log.error({ err: error, roundId }, 'closing a quiz question failed');
    }
  }

  /** Re-arms every open round of our platforms (call at start-up), then keeps sweeping. */
  async start(): Promise<void> {
    this.quiz.scheduler = this;
    await this.sweep();
    this.#sweep = setInterval(() => void this.sweep(), SWEEP_MS);
    this.#sweep.unref?.();
  }

  async sweep(): Promise<void> {
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

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#sweep);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
