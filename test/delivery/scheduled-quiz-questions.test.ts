// Questions 2–n of a scheduled quiz leave by the path of question 1: the deliverer, paced by the one
// limiter the outbox paced question 1 with, and remembered there so presses on them count.
import type { ChatMessageView } from '@newsquiz/emulators/telegram';
import { afterEach, expect, test } from 'vitest';
import { scheduledRoundId } from '../../src/core/post-kinds/quiz-of-the-day.ts';
import type { Round } from '../../src/core/records/round.ts';
import { RoundsRepository } from '../../src/store/rounds-repository.ts';
import { TELEGRAM_GROUP, telegramOutbox } from '../schedule/outbox-harness.ts';
import { eventually } from '../support/eventually.ts';

type Harness = Awaited<ReturnType<typeof telegramOutbox>>;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const refOf = (view: ChatMessageView) => `${view.chatId}:${view.messageId}`;

/** Bot messages in the group with answer buttons (a closed question keeps only Report). */
const questionsShown = (harness: Harness) =>
  harness.emulator
    .messages(TELEGRAM_GROUP)
    .filter(
      (view) =>
        view.fromBot &&
        (view.replyMarkup?.inline_keyboard.flat().filter((button) => button.text !== 'Report').length ?? 0) >
          0,
    );

async function roundOf(harness: Harness, id: string): Promise<Round> {
  const round = await new RoundsRepository(harness.t.store.records).get(id);
  if (!round) throw new Error(`round ${id} not found`);
  return round;
}

test('question 2 of the quiz of the day waits on the limiter that paced question 1, then goes out and counts', async () => {
  h = await telegramOutbox();
  const harness = h;
  const chatId = String(TELEGRAM_GROUP);
  const [article] = harness.t.catalog.all();
  if (!article) throw new Error('no shipped content');
  const id = await harness.queue({ kind: 'quiz', articleId: article.id }, 'quiz-of-the-day');
  await harness.until(async () => (await harness.item(id))?.status === 'sent');
  const first = await roundOf(harness, scheduledRoundId(id));
  const [question1] = questionsShown(harness);
  expect(first.messageRefs['0']).toBe(question1 && refOf(question1));

  if (first.deadline === null) throw new Error('a group question has a deadline');
  // A 429 for this chat, recorded in the deliverer's limiter for Telegram, holds the chat until 10 s
  // after question 1 closes (question 2 then has 30 s): a scheduled post queued now waits on it, as
  // the outbox paces with that same limiter ...
  const pausedUntil = first.deadline + 10_000;
  harness.deliverer.limiter(harness.adapter).pause(chatId, pausedUntil);
  const brief = await harness.queue(
    {
      kind: 'message',
      message: { blocks: [{ kind: 'text', text: 'A brief queued behind the pause' }], buttons: [] },
    },
    'daily-brief',
  );
  harness.t.clock.set(first.deadline + 1_000);
  // Question 1 closes (its edit is not a new message, so it is not held) ...
  await eventually(async () => (await roundOf(harness, first.id)).current === 1);
  await eventually(() => questionsShown(harness).length === 0);
  await harness.emulator.whenIdle();
  // ... and question 2 waits for the chat's pause to end, as the scheduled brief does.
  expect(questionsShown(harness)).toHaveLength(0);
  expect((await harness.item(brief))?.status).toBe('pending');

  harness.t.clock.set(pausedUntil);
  const [question2] = await harness.until(() => {
    const shown = questionsShown(harness).filter((view) => view.text.includes('Question 2 of'));
    return shown.length > 0 && shown;
  });
  if (!question2) throw new Error('question 2 was not posted');
  expect(question2.text).toContain('Question 2 of');
  // Sent through the deliverer, it is remembered as question 2's message.
  const round = await harness.until(async () => {
    const current = await roundOf(harness, first.id);
    return current.messageRefs['1'] !== undefined && current;
  });
  expect(round.messageRefs['1']).toBe(refOf(question2));
  await harness.until(async () => (await harness.item(brief))?.status === 'sent');
});
