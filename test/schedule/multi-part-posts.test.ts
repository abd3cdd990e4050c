import { afterEach, describe, expect, test } from 'vitest';
import {
  discordOutbox,
  longPost,
  type OutboxHarness,
  TELEGRAM_GROUP,
  telegramOutbox,
} from './outbox-harness.ts';

interface Delivered {
  /** The post's parts as the chat shows them, oldest first: reference and text. */
  parts(): { ref: string; text: string }[];
  /** Send requests the platform saw for this chat, accepted or not. */
  requests(): number;
  rateLimitPart(index: number): void;
  serverErrorOnPart(index: number, times: number): void;
}

const platforms: { name: string; start(): Promise<OutboxHarness & Delivered> }[] = [
  {
    name: 'Telegram',
    async start() {
      const h = await telegramOutbox();
      return Object.assign(h, {
        parts: () =>
          h.emulator
            .messages(TELEGRAM_GROUP)
            .filter((view) => view.fromBot)
            .map((view) => ({ ref: `${TELEGRAM_GROUP}:${view.messageId}`, text: view.text })),
        requests: () => h.emulator.calls.filter((call) => call.method === 'sendMessage').length,
        rateLimitPart: (index: number) =>
          h.emulator.failNext(
            'sendMessage',
            {
              error_code: 429,
              description: 'Too Many Requests: retry after 2',
              parameters: { retry_after: 2 },
            },
            1,
            { after: index },
          ),
        serverErrorOnPart: (index: number, times: number) =>
          h.emulator.failNext(
            'sendMessage',
            { error_code: 500, description: 'Internal Server Error' },
            times,
            {
              after: index,
            },
          ),
      });
    },
  },
  {
    name: 'Discord',
    async start() {
      const h = await discordOutbox();
      const creates = /^\/channels\/\d+\/messages$/;
      return Object.assign(h, {
        parts: () =>
          h.emulator.channelMessages(h.emulator.channelId).map((view) => ({
            ref: `${h.emulator.channelId}:${view.id}`,
            text: JSON.stringify(view.embeds),
          })),
        requests: () =>
          h.emulator.calls.filter((call) => call.method === 'POST' && creates.test(call.path)).length,
        rateLimitPart: (index: number) =>
          h.emulator.failNext(
            'POST',
            creates,
            429,
            { message: 'You are being rate limited.', retry_after: 2, global: false },
            1,
            {
              after: index,
            },
          ),
        serverErrorOnPart: (index: number, times: number) =>
          h.emulator.failNext('POST', creates, 500, undefined, times, { after: index }),
      });
    },
  },
];

describe.each(platforms)('a scheduled post in several parts on $name', (platform) => {
  let h: (OutboxHarness & Delivered) | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const sentItem = async (harness: OutboxHarness & Delivered, id: string) =>
    harness.until(async () => {
      const item = await harness.item(id);
      return item?.status === 'sent' && item;
    });

  const expectEachPartOnce = (
    harness: OutboxHarness & Delivered,
    item: { parts: string[]; ref: string | null },
  ) => {
    const shown = harness.parts();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(new Set(shown.map((part) => part.text)).size).toBe(shown.length);
    expect(item.parts).toEqual(shown.map((part) => part.ref));
    expect(item.ref).toBe(shown.at(-1)?.ref);
  };

  test('a 429 on part 2 waits, then continues with part 2: part 1 is not posted again', async () => {
    h = await platform.start();
    const harness = h;
    harness.rateLimitPart(1);
    const id = await harness.queue({ kind: 'message', message: longPost() });
    const item = await sentItem(harness, id);
    expectEachPartOnce(harness, item);
    expect(harness.requests()).toBe(harness.parts().length + 1);
  });

  test('two server errors on part 2: part 1 once, part 2 once, and the rest once', async () => {
    h = await platform.start();
    const harness = h;
    harness.serverErrorOnPart(1, 2);
    const id = await harness.queue({ kind: 'message', message: longPost() });
    const item = await sentItem(harness, id);
    expectEachPartOnce(harness, item);
    expect(harness.requests()).toBe(harness.parts().length + 2);
  });

  test('which parts went out is stored as they go: a new sender continues after them', async () => {
    h = await platform.start();
    const harness = h;
    // Part 3 keeps failing; the first two are recorded with their references.
    harness.serverErrorOnPart(2, 1);
    const id = await harness.queue({ kind: 'message', message: longPost() });
    const partial = await harness.until(async () => {
      const item = await harness.item(id);
      return item && item.attempts === 1 && item;
    });
    expect(partial.status).toBe('pending');
    expect(partial.parts).toEqual(harness.parts().map((part) => part.ref));
    expect(partial.parts).toHaveLength(2);
    await harness.restartSender();
    const item = await sentItem(harness, id);
    expectEachPartOnce(harness, item);
  });
});
