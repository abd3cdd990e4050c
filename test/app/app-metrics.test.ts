// Every documented metric moves when its event happens, through the path that makes the event: scheduled
// posts through the real outbox sender and each platform's real poster over its emulator.
import { afterEach, describe, expect, test } from 'vitest';
import { AppMetrics } from '../../src/app/app-metrics.ts';
import { message } from '../../src/core/output.ts';
import type { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { discordOutbox, type OutboxHarness, telegramOutbox } from '../schedule/outbox-harness.ts';
import { sample } from '../support/metric-sample.ts';

const brief = message(
  [
    { kind: 'title', text: 'Daily brief' },
    { kind: 'text', text: 'Three things happened.' },
  ],
  [[{ kind: 'action', label: 'Open', payload: '1:w' }]],
);

interface PlatformCase {
  name: 'telegram' | 'discord';
  start(metrics: AppMetrics): Promise<OutboxHarness & Driver>;
}

interface Driver {
  rateLimitNext(): void;
  serverErrorNext(): void;
  refuseNext(): void;
}

const platforms: PlatformCase[] = [
  {
    name: 'telegram',
    async start(metrics) {
      const h = await telegramOutbox({ metrics });
      return Object.assign(h, {
        rateLimitNext: () =>
          h.emulator.failNext('sendMessage', {
            error_code: 429,
            description: 'Too Many Requests: retry after 1',
            parameters: { retry_after: 1 },
          }),
        serverErrorNext: () =>
          h.emulator.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }),
        refuseNext: () =>
          h.emulator.failNext('sendMessage', {
            error_code: 400,
            description: 'Bad Request: can\'t parse entities: Unsupported start tag "blink"',
          }),
      });
    },
  },
  {
    name: 'discord',
    async start(metrics) {
      const h = await discordOutbox({ metrics });
      const creates = /^\/channels\/\d+\/messages$/;
      return Object.assign(h, {
        rateLimitNext: () =>
          h.emulator.failNext('POST', creates, 429, {
            message: 'You are being rate limited.',
            retry_after: 1,
            global: false,
          }),
        serverErrorNext: () => h.emulator.failNext('POST', creates, 502),
        refuseNext: () =>
          h.emulator.failNext('POST', creates, 400, { message: 'Invalid Form Body', code: 50035 }),
      });
    },
  },
];

/** The metrics as create-app builds them, the pending gauge sampling `outbox` (set once it exists). */
function appMetrics() {
  let outbox: OutboxRepository | undefined;
  const metrics = new AppMetrics({
    outboxPending: async () => (outbox ? (await outbox.pendingIds()).length : 0),
    contentErrors: () => 0,
  });
  return { metrics, watch: (repository: OutboxRepository) => (outbox = repository) };
}

describe.each(platforms)('scheduled posts on $name are counted', (platform) => {
  let h: (OutboxHarness & Driver) | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const sends = (metrics: AppMetrics, result: string) =>
    sample(metrics, 'newsquiz_outbox_sends_total', { platform: platform.name, result });

  test('a post that goes out counts as sent, and waiting in the outbox counts as pending until then', async () => {
    const { metrics, watch } = appMetrics();
    h = await platform.start(metrics);
    const harness = h;
    watch(harness.outbox);
    harness.serverErrorNext();
    const id = await harness.queue({ kind: 'message', message: brief });
    await harness.until(async () => (await sends(metrics, 'retry')) === 1);
    expect(await sample(metrics, 'newsquiz_outbox_pending')).toBe(1);

    await harness.until(async () => (await harness.item(id))?.status === 'sent');
    expect(await sends(metrics, 'sent')).toBe(1);
    await harness.until(async () => (await sample(metrics, 'newsquiz_outbox_pending')) === 0);
  });

  test('a 429 on a scheduled post counts in newsquiz_rate_limited_total and as a rate-limited send; the post then goes out', async () => {
    const { metrics } = appMetrics();
    h = await platform.start(metrics);
    const harness = h;
    harness.rateLimitNext();
    const id = await harness.queue({ kind: 'message', message: brief });
    await harness.until(async () => (await harness.item(id))?.status === 'sent', { timeoutMs: 20_000 });
    expect(await sample(metrics, 'newsquiz_rate_limited_total', { platform: platform.name })).toBe(1);
    expect(await sends(metrics, 'rate-limited')).toBe(1);
    expect(await sends(metrics, 'sent')).toBe(1);
  });

  test('a post the platform refuses counts as failed; a quiz of the day whose article is gone as skipped', async () => {
    const { metrics } = appMetrics();
    h = await platform.start(metrics);
    const harness = h;
    harness.refuseNext();
    const refused = await harness.queue({ kind: 'message', message: brief });
    await harness.until(async () => (await harness.item(refused))?.status === 'failed');
    expect(await sends(metrics, 'failed')).toBe(1);

    const gone = await harness.queue({ kind: 'quiz', articleId: 'no-such-article' }, 'quiz-of-the-day');
    await harness.until(async () => (await harness.item(gone))?.status === 'skipped');
    expect(await sends(metrics, 'skipped')).toBe(1);
    expect(await sends(metrics, 'sent')).toBe(0);
  });
});
