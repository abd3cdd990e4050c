import type { ChatMessageView } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { scheduledRoundId } from '../../src/core/post-kinds/quiz-of-the-day.ts';
import type { Round } from '../../src/core/records/round.ts';
import { RoundsRepository } from '../../src/store/rounds-repository.ts';
import { testSeal } from '../support/test-core.ts';
import { TELEGRAM_GROUP, telegramOutbox } from './outbox-harness.ts';

type Harness = Awaited<ReturnType<typeof telegramOutbox>>;

const refOf = (view: ChatMessageView) => `${view.chatId}:${view.messageId}`;

describe('a question sent again after Telegram took it but the connection reset', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /**
   * Bot messages in the group that carry answer buttons, oldest first (a closed question keeps only its
   * Report button, which does not count).
   */
  const withButtons = (harness: Harness) =>
    harness.emulator
      .messages(TELEGRAM_GROUP)
      .filter(
        (view) =>
          view.fromBot &&
          (view.replyMarkup?.inline_keyboard.flat().filter((button) => button.text !== 'Report').length ??
            0) > 0,
      );

  /**
   * A member presses the first answer button of the message `view`, through the bot's own press path
   * (the payload opened as the adapter opens it); the response's update of the pressed message is
   * delivered as an edit of it, which is what the adapter does. Returns the member's notice.
   */
  async function press(harness: Harness, view: ChatMessageView): Promise<string | undefined> {
    const sealed = view.replyMarkup?.inline_keyboard.flat().find((button) => 'callback_data' in button);
    const data = sealed && 'callback_data' in sealed ? String(sealed.callback_data) : '';
    const payload = testSeal().open(data, { platform: 'telegram', chatId: String(TELEGRAM_GROUP) }) ?? '';
    const ref = refOf(view);
    const member = {
      platform: 'telegram' as const,
      userId: '4242',
      name: 'Member',
      chatId: String(TELEGRAM_GROUP),
      chatKind: 'group' as const,
    };
    const response = await harness.t.router.press(member, payload, { ref, shared: true });
    await harness.deliverer.deliver({
      platform: 'telegram',
      chatId: String(TELEGRAM_GROUP),
      messages: response.messages.map((out) =>
        out.target.to === 'update' ? { ...out, target: { to: 'edit', ref } } : out,
      ),
    });
    return response.notice?.text;
  }

  async function roundOf(harness: Harness, id: string): Promise<Round> {
    const round = await new RoundsRepository(harness.t.store.records).get(id);
    if (!round) throw new Error(`round ${id} not found`);
    return round;
  }

  async function quizOfTheDay(harness: Harness): Promise<{ id: string; round: Round }> {
    const [article] = harness.t.catalog.all();
    if (!article) throw new Error('no shipped content');
    const id = await harness.queue({ kind: 'quiz', articleId: article.id }, 'quiz-of-the-day');
    await harness.until(async () => (await harness.item(id))?.status === 'sent');
    return { id, round: await roundOf(harness, scheduledRoundId(id)) };
  }

  test('the quiz of the day: only the retried copy is registered; a press on the first copy retires it', async () => {
    h = await telegramOutbox();
    const harness = h;
    harness.emulator.resetAfterEffect('sendMessage');
    const { id, round } = await quizOfTheDay(harness);
    // The reset left a copy the bot never heard of; the retry posted the one it knows.
    const [stale, live] = withButtons(harness);
    if (!stale || !live) throw new Error('expected two copies of the question');
    expect(stale.text).toBe(live.text);
    expect(round.messageRefs['0']).toBe(refOf(live));
    expect((await harness.item(id))?.ref).toBe(refOf(live));

    expect(await press(harness, stale)).toContain('continues in a newer message');
    const retired = harness.emulator.message(TELEGRAM_GROUP, stale.messageId);
    expect(retired?.text).toContain('This copy is no longer live');
    expect(retired?.replyMarkup).toBeUndefined();
    // The live copy counts the answer.
    expect(await press(harness, live)).toMatch(/^(✅|❌)/);
    expect(withButtons(harness).map(refOf)).toEqual([refOf(live)]);
  });

  test('group question 2, posted when question 1 closes: the same holds', async () => {
    h = await telegramOutbox();
    const harness = h;
    const { id, round: first } = await quizOfTheDay(harness);
    const question1 = Number(first.messageRefs['0']?.split(':')[1]);
    harness.emulator.resetAfterEffect('sendMessage');
    // Question 1 closes after its 30 s; question 2 is posted (twice: the first answer was lost).
    const copies = await harness.until(() => {
      const later = withButtons(harness).filter((view) => view.messageId > question1);
      return later.length >= 2 && later;
    });
    const round = await harness.until(async () => {
      const current = await roundOf(harness, scheduledRoundId(id));
      return current.messageRefs['1'] !== undefined && current;
    });
    const [stale, live] = copies;
    if (!stale || !live) throw new Error('expected two copies of question 2');
    expect(round.messageRefs['1']).toBe(refOf(live));
    expect(await press(harness, stale)).toContain('continues in a newer message');
    expect(harness.emulator.message(TELEGRAM_GROUP, stale.messageId)?.replyMarkup).toBeUndefined();
    expect(withButtons(harness).map(refOf)).toEqual([refOf(live)]);
  });
});
