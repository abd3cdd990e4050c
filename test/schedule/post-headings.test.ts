// Every scheduled post says what it is (daily brief, weekly recap, quiz of the day, review reminder),
// from the scheduler's run through each platform's real poster to its emulator.
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import type { OutboxItem } from '../../src/core/records/outbox.ts';
import type { SubscriptionKind } from '../../src/core/records/subscription.ts';
import { PostScheduler } from '../../src/schedule/post-scheduler.ts';
import { answerButtons, onlyMessage } from '../support/quiz-helpers.ts';
import {
  discordOutbox,
  memoryLog,
  type OutboxHarness,
  TELEGRAM_GROUP,
  telegramOutbox,
} from './outbox-harness.ts';

/** The heading each kind of post opens with. */
const HEADINGS: Record<SubscriptionKind, RegExp> = {
  'daily-brief': /^Daily brief · /,
  'weekly-recap': /^Weekly recap · /,
  'quiz-of-the-day': /^Quiz of the day · Question 1 of \d+ · /,
  'review-reminder': /^Review reminder · /,
};

interface Platform {
  name: string;
  /** `texts`: what the chat a sent item went to shows, each message's heading first. */
  start(): Promise<{ h: OutboxHarness; person: Actor; texts(item: OutboxItem): string[] }>;
}

const platforms: Platform[] = [
  {
    name: 'telegram',
    async start() {
      const h = await telegramOutbox();
      h.emulator.addChat({ id: 501, type: 'private', first_name: 'Ana' });
      const person: Actor = {
        platform: 'telegram',
        userId: '501',
        name: 'Ana',
        chatId: String(TELEGRAM_GROUP),
        chatKind: 'group',
        privateChatId: '501',
      };
      const texts = (item: OutboxItem) =>
        h.emulator
          .messages(Number(item.chatId))
          .filter((view) => view.fromBot)
          .map((view) => view.text);
      return { h, person, texts };
    },
  },
  {
    name: 'discord',
    async start() {
      const h = await discordOutbox();
      const userId = h.emulator.userId;
      const person: Actor = {
        platform: 'discord',
        userId,
        name: 'Quiz Taker',
        chatId: h.emulator.channelId,
        chatKind: 'group',
        privateChatId: `dm:${userId}`,
      };
      // An embed's title is its heading; a DM goes to the channel the bot opened (named in the item's ref).
      const texts = (item: OutboxItem) => {
        const [channel = ''] = (item.ref ?? '').split(':');
        return h.emulator
          .channelMessages(channel)
          .map((message) => message.embeds?.[0]?.title ?? message.content ?? '');
      };
      return { h, person, texts };
    },
  },
];

describe.each(platforms.map((platform) => [platform.name, platform] as const))('%s', (_, platform) => {
  let h: OutboxHarness | undefined;
  let scheduler: PostScheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    await h?.close();
    h = undefined;
    scheduler = undefined;
  });

  test('each scheduled post opens with a heading that says what it is', async () => {
    const started = await platform.start();
    h = started.h;
    const { t } = started.h;
    const admin: Actor = { ...started.person, userId: 'admin', name: 'Admin' };
    for (const kind of ['daily-brief', 'weekly-recap', 'quiz-of-the-day'] as const) {
      await t.core.subscriptions.subscribe(admin, {
        kind,
        time: '08:00',
        timezone: 'UTC',
        topics: [],
        ...(kind === 'weekly-recap' ? { weekday: 'mon' as const } : {}),
      });
    }
    // The daily brief covers articles from before it was set up, so it has something to say.
    await started.h.subscriptions.updateChat(admin.platform, admin.chatId, (items) => ({
      items: items.map((item) => ({ ...item, cursor: 0 })),
      result: undefined,
    }));
    // A missed question makes the reminder due.
    const person = started.person;
    await t.router.runLine(person, { name: 'remind', args: '08:00' }, async () => false);
    const article = t.catalog.byId('deepseek-v4-delay');
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(person, article, 'solo'));
    await t.router.press(person, answerButtons(question, article).wrong.payload);
    t.clock.advance(120_000);

    const { log } = memoryLog();
    const outbox = started.h.outbox;
    scheduler = new PostScheduler({
      core: t.core,
      subscriptions: started.h.subscriptions,
      outbox,
      clock: t.clock,
      timers: t.clock,
      graceMs: 86_400_000,
      platforms: new Set([admin.platform]),
      log,
      onQueued: () => started.h.sender.kick(),
    });
    await scheduler.start();
    const runAt = t.clock.now() - 60_000;
    const subscriptions = await t.core.subscriptions.all();
    for (const subscription of subscriptions) await scheduler.fire(subscription.id, runAt);
    const ids = await outbox.pendingIds();
    expect(ids).toHaveLength(4);
    await started.h.until(async () => {
      const items = await Promise.all(ids.map((id) => outbox.get(id)));
      return items.every((item) => item?.status === 'sent');
    });

    const kinds = new Map(subscriptions.map((subscription) => [subscription.id, subscription.kind]));
    for (const id of ids) {
      const item = await outbox.get(id);
      if (!item) throw new Error(`item ${id} is gone`);
      const kind = kinds.get(item.subscriptionId) ?? 'daily-brief';
      const shown = started.texts(item);
      expect(
        shown.filter((text) => HEADINGS[kind]?.test(text)),
        `${kind}: ${shown.join(' | ')}`,
      ).toHaveLength(1);
    }
  });
});
