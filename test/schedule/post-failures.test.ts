import { Permission } from '@newsquiz/emulators/discord';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { message } from '../../src/core/output.ts';
import { reasonForLog } from '../../src/core/reason-text.ts';
import { translate } from '../../src/i18n/translate.ts';
import { onlyMessage } from '../support/quiz-helpers.ts';
import { discordOutbox, type OutboxHarness, TELEGRAM_GROUP, telegramOutbox } from './outbox-harness.ts';

const brief = message(
  [
    { kind: 'title', text: 'Daily brief' },
    { kind: 'text', text: 'Three things happened.' },
  ],
  [[{ kind: 'action', label: 'Open', payload: '1:w' }]],
);

interface PlatformCase {
  name: string;
  start(): Promise<OutboxHarness & PlatformDriver>;
}

interface PlatformDriver {
  /** Post attempts the platform saw (accepted or not). */
  attempts(): number;
  /** The next post is refused as a malformed request. */
  refusePayload(): void;
  /** The bot loses the chat (kicked, blocked, no access). */
  loseChat(): void;
  /** The next `times` posts meet a server error. */
  serverError(times: number): void;
}

const platforms: PlatformCase[] = [
  {
    name: 'Telegram',
    async start() {
      const h = await telegramOutbox();
      const sends = () =>
        h.emulator.calls.filter(
          (call) => call.method === 'sendMessage' && Number(call.params.chat_id) === TELEGRAM_GROUP,
        );
      return Object.assign(h, {
        attempts: () => sends().length,
        refusePayload: () =>
          h.emulator.failNext('sendMessage', {
            error_code: 400,
            description: 'Bad Request: can\'t parse entities: Unsupported start tag "blink"',
          }),
        loseChat: () => h.emulator.blockChat(TELEGRAM_GROUP),
        serverError: (times: number) =>
          h.emulator.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, times),
      });
    },
  },
  {
    name: 'Discord',
    async start() {
      const h = await discordOutbox();
      const creates = /^\/channels\/\d+\/messages$/;
      return Object.assign(h, {
        attempts: () =>
          h.emulator.calls.filter((call) => call.method === 'POST' && creates.test(call.path)).length,
        refusePayload: () =>
          h.emulator.failNext('POST', creates, 400, { message: 'Invalid Form Body', code: 50035 }),
        loseChat: () => h.emulator.setAppPermissions(h.emulator.channelId, Permission.ViewChannel),
        serverError: (times: number) => h.emulator.failNext('POST', creates, 502, undefined, times),
      });
    },
  },
];

describe.each(platforms)('scheduled posts that fail on $name', (platform) => {
  let h: (OutboxHarness & PlatformDriver) | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('a request the platform refuses as malformed is logged as a bug with its payload; the item fails once, the subscription and the chat stay', async () => {
    h = await platform.start();
    const harness = h;
    harness.refusePayload();
    const id = await harness.queue({ kind: 'message', message: brief });
    const failed = await harness.until(async () => {
      const item = await harness.item(id);
      return item?.status === 'failed' && item;
    });
    // Stored as a reason people read in their language, with the platform's own words beside it.
    expect(failed.error).toMatchObject({ id: 'delivery-rejected', detail: expect.stringMatching(/400/) });
    // Let the clock run well past every backoff: the item is never tried again.
    for (let step = 0; step < 40; step++) harness.t.clock.advance(60_000);
    await harness.until(() => harness.sender.pending === 0);
    expect(harness.attempts()).toBe(1);
    expect(await harness.subscription()).toMatchObject({ active: true, disabledReason: null });
    const chat = await harness.t.core.chats.get(platform.name.toLowerCase() as 'telegram', failed.chatId);
    expect(chat?.active ?? true).toBe(true);
    const bug = harness.lines.find((line) => line.level === 50 && line.outboxId === id);
    expect(bug?.msg).toMatch(/bug/);
    expect(bug?.payload).toEqual({ kind: 'message', message: brief });
  });

  test('a chat the bot lost pauses the subscription with the platform’s reason and marks the chat', async () => {
    h = await platform.start();
    const harness = h;
    harness.loseChat();
    const id = await harness.queue({ kind: 'message', message: brief });
    const subscription = await harness.until(async () => {
      const current = await harness.subscription();
      return current?.active === false && current;
    });
    expect(subscription.disabledReason).toMatchObject({
      id: expect.stringMatching(/^delivery-(no-permission|removed|blocked|chat-gone)$/),
      detail: expect.stringMatching(/403|Forbidden|Missing/),
    });
    expect((await harness.item(id))?.status).toBe('failed');
    const chat = await harness.t.core.chats.get(
      platform.name.toLowerCase() as 'telegram',
      subscription.chatId,
    );
    expect(chat?.active).toBe(false);
    // /subscriptions says why it is paused in the reader's language, not in the platform's words.
    const reader: Actor = {
      platform: platform.name.toLowerCase() as 'telegram',
      chatId: subscription.chatId,
      chatKind: 'group',
      userId: 'reader',
      name: 'Reader',
      platformLocale: 'de',
    };
    const list = JSON.stringify(
      onlyMessage(
        await harness.t.router.runLine(reader, { name: 'subscriptions', args: '' }, async () => false),
      ),
    );
    const reason = subscription.disabledReason;
    if (!reason || typeof reason === 'string') throw new Error('the reason was stored as text');
    expect(list).toContain(`pausiert: ${translate('de', reason.id)}`);
    expect(list).not.toMatch(/403|Forbidden|Missing/);
  });

  test('server errors are retried with backoff and the post goes out once', async () => {
    h = await platform.start();
    const harness = h;
    harness.serverError(2);
    const id = await harness.queue({ kind: 'message', message: brief });
    const sent = await harness.until(async () => {
      const item = await harness.item(id);
      return item?.status === 'sent' && item;
    });
    expect(sent.attempts).toBe(3);
    expect(harness.attempts()).toBe(3);
    expect(await harness.subscription()).toMatchObject({ active: true });
  });
});

describe('the quiz of the day when starting it fails', () => {
  let h: Awaited<ReturnType<typeof telegramOutbox>> | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await h?.close();
    h = undefined;
  });

  const group = String(TELEGRAM_GROUP);
  const admin: Actor = { platform: 'telegram', chatId: group, chatKind: 'group', userId: 'u1', name: 'Ann' };
  const questionsInChat = (harness: NonNullable<typeof h>) =>
    harness.emulator
      .messages(TELEGRAM_GROUP)
      .filter((view) => view.fromBot && (view.replyMarkup?.inline_keyboard.length ?? 0) > 0);

  test('a store failure is retried; the subscription is not paused and the chat not marked', async () => {
    h = await telegramOutbox();
    const harness = h;
    const [article] = harness.t.catalog.all();
    if (!article) throw new Error('no shipped content');
    const start = harness.t.core.quiz.startScheduled.bind(harness.t.core.quiz);
    vi.spyOn(harness.t.core.quiz, 'startScheduled')
      .mockRejectedValueOnce(new Error('Connection is closed.'))
      .mockImplementation(start);
    const id = await harness.queue({ kind: 'quiz', articleId: article.id }, 'quiz-of-the-day');
    await harness.until(async () => (await harness.item(id))?.status === 'sent');
    expect(questionsInChat(harness)).toHaveLength(1);
    expect(await harness.subscription()).toMatchObject({ active: true, disabledReason: null });
    expect((await harness.t.core.chats.get('telegram', group))?.active).not.toBe(false);
  });

  test('a group round running in the chat: the quiz of the day follows when the round ends', async () => {
    h = await telegramOutbox();
    const harness = h;
    const [article, other] = harness.t.catalog.all();
    if (!article || !other) throw new Error('the shipped content has fewer than two articles');
    await harness.t.core.quiz.start(admin, other, 'group', 30);
    const id = await harness.queue({ kind: 'quiz', articleId: article.id }, 'quiz-of-the-day');
    const sent = await harness.until(
      async () => {
        const item = await harness.item(id);
        return item?.status === 'sent' && item;
      },
      { stepMs: 500, timeoutMs: 40_000 },
    );
    const state = await harness.t.core.chats.get('telegram', group);
    expect(state?.active).not.toBe(false);
    expect(state?.groupRound).not.toBeNull();
    expect(await harness.subscription()).toMatchObject({ active: true, disabledReason: null });
    // It waited for the running round (30 s a question) instead of giving up.
    expect((sent.sentAt ?? 0) - sent.createdAt).toBeGreaterThanOrEqual(30_000);
  }, 60_000);

  test('a group round that keeps the chat busy for over an hour: that day’s quiz is skipped with the reason', async () => {
    h = await telegramOutbox();
    const harness = h;
    const [article, other] = harness.t.catalog.all();
    if (!article || !other) throw new Error('the shipped content has fewer than two articles');
    await harness.t.core.quiz.start(admin, other, 'group', 3_000);
    const id = await harness.queue({ kind: 'quiz', articleId: article.id }, 'quiz-of-the-day');
    const skipped = await harness.until(async () => {
      harness.t.clock.advance(60_000);
      const item = await harness.item(id);
      return item?.status === 'skipped' && item;
    });
    expect(skipped.error && reasonForLog(skipped.error)).toMatch(/group quiz/);
    expect(await harness.subscription()).toMatchObject({ active: true, disabledReason: null });
    expect((await harness.t.core.chats.get('telegram', group))?.active).not.toBe(false);
  });
});
