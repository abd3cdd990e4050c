import { afterEach, expect, test } from 'vitest';
import { TELEGRAM_MAX_TOAST as MAX_NOTICE } from '../../../src/adapters/telegram/telegram-limits.ts';
import type { Article } from '../../../src/content/article-schema.ts';
import { shippedArticles } from '../../support/test-core.ts';
import { eventually, startHarness, type TelegramHarness } from './telegram-harness.ts';

const alice = { id: 201, first_name: 'Alice' };
const chat = { id: alice.id, type: 'private' as const, first_name: alice.first_name };

let h: TelegramHarness;
afterEach(async () => {
  await h?.close();
});

/** An article whose wrong-answer toast is longer than 200 and gets cut through an emoji. */
async function emojiArticle(): Promise<Article> {
  const [base] = await shippedArticles();
  if (!base) throw new Error('no content');
  const right = 'Strain';
  const lead = `❌ Not quite: the answer is “${right}”. `;
  // An odd distance from the toast's cut to the first emoji puts the cut inside a surrogate pair.
  const pad = (MAX_NOTICE - 1 - lead.length) % 2 === 0 ? 'z' : '';
  return {
    ...base,
    id: 'emoji-news',
    title: `Emoji ${'😀'.repeat(40)}`,
    published: '2026-11-23',
    questions: [
      {
        prompt: 'What do the sensors measure?',
        choices: [
          { text: right, correct: true },
          { text: 'Traffic', correct: false },
        ],
        explanation: `${pad}${'😀'.repeat(99)}`,
      },
    ],
  };
}

test('a wrong answer whose toast is cut through an emoji still gets its toast and its feedback edit', async () => {
  h = await startHarness({ articles: [await emojiArticle()] });
  h.emulator.sendText({ from: alice, text: '/quiz emoji-news' });
  const question = await eventually(() =>
    h.emulator.messages(alice.id).find((view) => view.fromBot && view.text.includes('Question 1 of')),
  );
  const wrong = question.replyMarkup?.inline_keyboard
    .flat()
    .find((button) => button.text === 'Traffic' && 'callback_data' in button);
  if (!wrong || !('callback_data' in wrong)) throw new Error('no wrong-answer button');

  const id = h.emulator.pressButton({
    chat,
    from: alice,
    messageId: question.messageId,
    data: wrong.callback_data,
  });
  const answer = await h.emulator.callbackAnswer(id);

  expect(answer.text).toMatch(/^❌ Not quite: the answer is “Strain”\. z?(?:😀)+…$/u);
  expect((answer.text ?? '').length).toBeLessThanOrEqual(200);
  await eventually(() => h.emulator.message(alice.id, question.messageId)?.text.includes('❌'));
});

test('/news with an emoji title shows its list: the button label keeps the emoji whole', async () => {
  h = await startHarness({ articles: [await emojiArticle()] });
  h.emulator.sendText({ from: alice, text: '/news' });
  const list = await eventually(() =>
    h.emulator.messages(alice.id).find((view) => view.fromBot && view.text.includes('Latest briefs')),
  );
  const labels = list.replyMarkup?.inline_keyboard.flat().map((button) => button.text) ?? [];
  expect(labels).toContain(`1. Emoji ${'😀'.repeat(8)}…`);
});

/** Half of an emoji on its own: the Bot API refuses a message holding one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test('every reply that quotes a typed value keeps its emoji whole: a wrong choice, extra words, an unknown topic', async () => {
  h = await startHarness();
  // 38 letters, then emoji: quoting 39 characters of it would cut the first emoji in half.
  const typed = `${'x'.repeat(38)}😀😀`;
  const lines: [string, RegExp][] = [
    [`/quiz deepseek ${typed}`, /^\/quiz: mode is solo or group, not "x{38}…"/],
    [`/progress ${typed}`, /^\/progress does not take "x{38}…"/],
    [
      `/unsubscribe ${typed}`,
      /^\/unsubscribe: kind is daily-brief, weekly-recap or quiz-of-the-day, not "x{38}…"/,
    ],
    [`/subscribe daily-brief 08:00 topics:${typed}`, /^Unknown topic "x{38}…"\. Topics: /],
  ];
  for (const [text, reply] of lines) {
    const before = h.emulator.messages(alice.id).length;
    h.emulator.sendText({ from: alice, text });
    const answer = await eventually(
      () =>
        h.emulator
          .messages(alice.id)
          .slice(before)
          .find((view) => view.fromBot),
      10_000,
    );
    expect(answer.text, text).toMatch(reply);
    expect(answer.text, text).not.toMatch(LONE_SURROGATE);
  }
});
