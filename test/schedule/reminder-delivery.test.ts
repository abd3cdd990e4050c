import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { pendingOutboxItem } from '../../src/core/records/outbox.ts';
import { answerButtons, onlyMessage } from '../support/quiz-helpers.ts';
import { testSeal } from '../support/test-core.ts';
import { discordOutbox, type OutboxHarness, telegramOutbox } from './outbox-harness.ts';

/** Through each platform's real poster and emulator: where a reminder goes, and a private chat out of reach. */
describe('review reminders delivered', () => {
  let h: OutboxHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** Sets the actor's reminder, misses a question, and queues today's reminder as the scheduler would. */
  async function remindAndQueue(harness: OutboxHarness, who: Actor): Promise<string> {
    const { t } = harness;
    await t.router.runLine(who, { name: 'remind', args: '19:00' }, async () => false);
    const article = t.catalog.byId('deepseek-v4-delay');
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(who, article, 'solo'));
    await t.router.press(who, answerButtons(question, article).wrong.payload);
    const reminder = await t.core.reminders.reminderOf(who.platform, who.privateChatId ?? '', who.userId);
    if (!reminder) throw new Error('no reminder set');
    const composed = await t.core.posts.compose({
      core: t.core,
      subscription: reminder,
      period: '2026-11-23',
      runAt: t.clock.now(),
    });
    if (composed.kind !== 'post') throw new Error(`reminder skipped: ${composed.reason}`);
    const now = t.clock.now();
    const item = pendingOutboxItem(
      {
        subscriptionId: reminder.id,
        platform: reminder.platform,
        chatId: reminder.chatId,
        period: '2026-11-23',
        scheduledFor: now,
        payload: composed.payload,
      },
      now,
    );
    await harness.outbox.enqueue(item);
    harness.sender.kick();
    return item.id;
  }

  const status = async (harness: OutboxHarness, who: Actor) =>
    JSON.stringify(
      onlyMessage(await harness.t.router.runLine(who, { name: 'remind', args: '' }, async () => false)),
    );

  test('Telegram: to the private chat of someone who started the bot', async () => {
    const tg = await telegramOutbox();
    h = tg;
    tg.emulator.addChat({ id: 501, type: 'private', first_name: 'Ana' });
    const ana: Actor = {
      platform: 'telegram',
      userId: '501',
      name: 'Ana',
      chatId: '-100777',
      chatKind: 'group',
      privateChatId: '501',
    };
    const id = await remindAndQueue(tg, ana);
    await tg.until(async () => (await tg.item(id))?.status === 'sent');
    const [sent] = tg.emulator.messages(501);
    expect(sent?.text).toContain('1 question you missed is due for review.');
    const data = sent?.replyMarkup?.inline_keyboard[0]?.[0];
    expect(
      data &&
        'callback_data' in data &&
        testSeal().open(data.callback_data, { platform: 'telegram', chatId: '501' }),
    ).toBe('1:v');
  });

  test('Telegram: someone who never started the bot (403) gets the reminder turned off, and /remind says why and what to do', async () => {
    const tg = await telegramOutbox();
    h = tg;
    tg.emulator.failNext('sendMessage', {
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    const bob: Actor = {
      platform: 'telegram',
      userId: '502',
      name: 'Bob',
      chatId: '-100777',
      chatKind: 'group',
      privateChatId: '502',
      // As the Telegram adapter makes him.
      wording: tg.adapter.wording,
    };
    const id = await remindAndQueue(tg, bob);
    await tg.until(async () => (await tg.item(id))?.status === 'failed');
    expect(await tg.t.core.reminders.reminderOf('telegram', '502', '502')).toMatchObject({
      active: false,
      disabledReason: {
        id: 'delivery-no-private-chat',
        detail: "403: Forbidden: bot can't initiate conversation with a user",
      },
    });
    const said = await status(tg, bob);
    expect(said).toContain('Reminders are off: the last one could not reach you privately');
    expect(said).toContain('Telegram lets a bot write only to people who have started a chat with it');
    expect(tg.emulator.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
  });

  test('Telegram: why a reminder could not be delivered is said in the reader’s language, not in the platform’s words', async () => {
    const tg = await telegramOutbox();
    h = tg;
    tg.emulator.failNext('sendMessage', {
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    const cid: Actor = {
      platform: 'telegram',
      userId: '503',
      name: 'Cid',
      chatId: '-100777',
      chatKind: 'group',
      privateChatId: '503',
      wording: tg.adapter.wording,
    };
    const id = await remindAndQueue(tg, cid);
    await tg.until(async () => (await tg.item(id))?.status === 'failed');
    const german = await status(tg, { ...cid, platformLocale: 'de' });
    expect(german).toContain(
      'Die letzte hat dich nicht privat erreicht (es wurde kein privater Chat mit mir begonnen).',
    );
    const chinese = await status(tg, { ...cid, platformLocale: 'zh-CN' });
    expect(chinese).toContain('上一条提醒无法私下送达你（尚未与我开始私聊）');
    const english = await status(tg, cid);
    expect(english).toContain('could not reach you privately (no private chat with me was started)');
    for (const said of [german, chinese, english]) expect(said).not.toContain('Forbidden');
  });

  test('Discord: the DM is opened for the user, and its buttons work in that DM', async () => {
    const dc = await discordOutbox();
    h = dc;
    const userId = dc.emulator.userId;
    const quizzer: Actor = {
      platform: 'discord',
      userId,
      name: 'Quiz Taker',
      chatId: dc.emulator.channelId,
      chatKind: 'group',
      privateChatId: `dm:${userId}`,
    };
    const id = await remindAndQueue(dc, quizzer);
    const sent = await dc.until(async () => {
      const item = await dc.item(id);
      return item?.status === 'sent' ? item : undefined;
    });
    const [channelId = ''] = (sent.ref ?? '').split(':');
    expect(channelId).not.toBe(dc.emulator.channelId);
    const [message] = dc.emulator.channelMessages(channelId);
    expect(JSON.stringify(message?.embeds)).toContain('1 question you missed is due for review.');
    const button = message?.components?.[0];
    const customId =
      button && 'components' in button
        ? (button.components[0] as { custom_id?: string }).custom_id
        : undefined;
    expect(testSeal().open(customId ?? '', { platform: 'discord', chatId: channelId })).toBe('1:v');
  });
});
