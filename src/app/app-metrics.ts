// The bot's metrics in Prometheus form (prom-client): presses, acknowledgements, answers, the outbox,
// rate limits, store errors and content errors, beside Node's own process metrics.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsPort, OutboxSendResult } from '../core/ports.ts';
import type { Platform } from '../core/records/platform.ts';

export interface SampledGauges {
  /** Posts waiting in the outbox. */
  outboxPending(): Promise<number>;
  /** Content files with problems right now. */
  contentErrors(): number;
}

export class AppMetrics implements MetricsPort {
  readonly registry = new Registry();
  readonly #acks: Histogram<'platform'>;
  readonly #presses: Counter<'platform'>;
  readonly #answers: Counter<'platform'>;
  readonly #rateLimited: Counter<'platform'>;
  readonly #storeErrors: Counter;
  readonly #sends: Counter<'platform' | 'result'>;

  constructor(sampled: SampledGauges) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'newsquiz_' });
    this.#presses = new Counter({
      name: 'newsquiz_presses_total',
      help: 'Button presses acknowledged to the platform',
      labelNames: ['platform'],
      registers,
    });
    this.#acks = new Histogram({
      name: 'newsquiz_press_ack_seconds',
      help: 'From a press reaching the bot to its acknowledgement (toast or interaction response)',
      labelNames: ['platform'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    });
    this.#answers = new Counter({
      name: 'newsquiz_answers_recorded_total',
      help: 'Quiz answers recorded (each user and question once)',
      labelNames: ['platform'],
      registers,
    });
    this.#rateLimited = new Counter({
      name: 'newsquiz_rate_limited_total',
      help: 'Answers of HTTP 429 from a platform, to replies and to scheduled posts',
      labelNames: ['platform'],
      registers,
    });
    this.#storeErrors = new Counter({
      name: 'newsquiz_store_errors_total',
      help: 'Store calls that failed or timed out (the user was told to try again)',
      registers,
    });
    this.#sends = new Counter({
      name: 'newsquiz_outbox_sends_total',
      help: 'Scheduled post sends by result: sent, rate-limited (a 429), retry, failed or skipped',
      labelNames: ['platform', 'result'],
      registers,
    });
    new Gauge({
      name: 'newsquiz_outbox_pending',
      help: 'Scheduled posts waiting to be sent',
      registers,
      async collect() {
        this.set(await sampled.outboxPending().catch(() => Number.NaN));
      },
    });
    new Gauge({
      name: 'newsquiz_content_errors',
      help: 'Problems in the content folder right now (see the log for file:line → field: message)',
      registers,
      collect() {
        this.set(sampled.contentErrors());
      },
    });
  }

  pressAcknowledged(platform: Platform, seconds: number): void {
    this.#presses.inc({ platform });
    this.#acks.observe({ platform }, seconds);
  }

  answerRecorded(platform: Platform): void {
    this.#answers.inc({ platform });
  }

  rateLimited(platform: Platform): void {
    this.#rateLimited.inc({ platform });
  }

  storeError(): void {
    this.#storeErrors.inc();
  }

  outboxSend(platform: Platform, result: OutboxSendResult): void {
    this.#sends.inc({ platform, result });
  }
}
