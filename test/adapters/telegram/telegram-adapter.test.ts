import { request } from 'node:http';
import type { ChatMessageView } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { freePort } from '../../support/free-port.ts';
import { testSeal } from '../../support/test-core.ts';
import { eventually, startHarness, type TelegramHarness } from './telegram-harness.ts';

const alice = { id: 101, first_name: 'Alice' };
const bob = { id: 102, first_name: 'Bob' };
const cyd = { id: 103, first_name: 'Cyd', last_name: '<Admin>' };
const dm = (user: { id: number; first_name: string }) => ({
  id: user.id,
  type: 'private' as const,
  first_name: user.first_name,
});
const group = { id: -100123, type: 'supergroup' as const, title: 'Readers & <Friends>' };

type InlineButton = { text: string; callback_data?: string; url?: string };
const buttonsOf = (view: ChatMessageView): InlineButton[] =>
  (view.replyMarkup?.inline_keyboard.flat() ?? []) as InlineButton[];
const button = (view: ChatMessageView, label: string | RegExp) => {
  const found = buttonsOf(view).find((entry) =>
    typeof label === 'string' ? entry.text === label : label.test(entry.text),
  );
  if (!found?.callback_data)
    throw new Error(
      `no button ${label} in: ${buttonsOf(view)
        .map((entry) => entry.text)
        .join(', ')}`,
    );
  return found.callback_data;
};

describe('Telegram adapter over the emulated Bot API', () => {
  let h: TelegramHarness;
  afterEach(async () => {
    await h?.close();
  });

  const botMessages = (chatId: number) => h.emulator.messages(chatId).filter((view) => view.fromBot);
  const lastBotMessage = (chatId: number, includes?: string) =>
    eventually(() =>
      botMessages(chatId)
        .filter((view) => !includes || view.text.includes(includes))
        .at(-1),
    );
  const press = async (
    chat: { id: number; type: 'private' | 'supergroup'; title?: string; first_name?: string },
    from: typeof alice,
    view: ChatMessageView,
    data: string,
  ) => {
    const id = h.emulator.pressButton({ chat, from, messageId: view.messageId, data });
    return h.emulator.callbackAnswer(id);
  };

  test('/brief shows a card with section buttons; a section opens as its own message', async () => {
    h = await startHarness();
    h.emulator.sendText({ from: alice, text: '/brief deepseek' });
    const card = await lastBotMessage(alice.id, 'What changed');
    expect(card.parseMode).toBe('HTML');
    expect(card.sentText).toMatch(/^<b><a href="https:\/\/[^"]+">/);
    expect(buttonsOf(card).map((entry) => entry.text)).toEqual(
      expect.arrayContaining([
        'Key takeaways',
        'Comparison',
        'Deep dive',
        'Implications',
        'Timeline',
        'Related',
        'Source',
      ]),
    );
    expect(buttonsOf(card).find((entry) => entry.text === 'Source')?.url).toMatch(/^https:/);
    await press(dm(alice), alice, card, button(card, 'Comparison'));
    const table = await lastBotMessage(alice.id, 'Comparison ·');
    expect(table.sentText).toContain('<pre>');
    expect(table.text).toContain('│');
  });

  test('/read pages through focus sentences by editing one message', async () => {
    h = await startHarness();
    const article = h.catalog.byId('deepseek-v4-delay');
    h.emulator.sendText({ from: alice, text: '/read deepseek-v4-delay' });
    let view = await lastBotMessage(alice.id, 'Focus sentence 1 of');
    const messageId = view.messageId;
    for (let step = 1; step <= (article?.reading.length ?? 0); step++) {
      await press(dm(alice), alice, view, button(view, /Next|Finish/));
      view = await eventually(() =>
        h.emulator.message(alice.id, messageId)?.editCount === step
          ? h.emulator.message(alice.id, messageId)
          : undefined,
      );
    }
    expect(view.text).toContain(`You read ${article?.reading.length} focus sentences.`);
    expect(botMessages(alice.id)).toHaveLength(1);
  });

  test('a full solo quiz: toast, edited feedback with explanation, next question, summary', async () => {
    h = await startHarness();
    const article = h.catalog.byId('deepseek-v4-delay');
    if (!article) throw new Error('missing article');
    h.emulator.sendText({ from: alice, text: '/quiz deepseek-v4-delay' });
    let view = await lastBotMessage(alice.id, 'Question 1 of');
    const total = article.questions.length;
    for (let position = 0; position < total; position++) {
      const question = article.questions.find((entry) => view.text.includes(entry.prompt));
      const right = question?.choices.find((choice) => choice.correct)?.text ?? '';
      const answer = await press(dm(alice), alice, view, button(view, right));
      expect(answer.text).toMatch(/^✅ Correct/);
      const messageId = view.messageId;
      view = await eventually(() => {
        const current = h.emulator.message(alice.id, messageId);
        return current?.text.includes(question?.explanation ?? '?') ? current : undefined;
      });
      if (position < total - 1) {
        await press(dm(alice), alice, view, button(view, 'Next question ▶'));
        view = await eventually(() => {
          const current = h.emulator.message(alice.id, messageId);
          return current?.text.includes(`Question ${position + 2} of`) ? current : undefined;
        });
      }
    }
    const summary = await lastBotMessage(alice.id, 'Quiz complete');
    expect(summary.text).toContain(`Score: ${total} of ${total}`);
    expect(summary.text).toContain('Accuracy: 100%');
  });

  test('a group round with three members: live count, close with answer and standings, then leaderboard', async () => {
    h = await startHarness();
    const article = h.catalog.byId('deepseek-v4-delay');
    h.emulator.sendText({ chat: group, from: alice, text: '/quiz@newsquiz_bot deepseek-v4-delay group 20' });
    const question = await lastBotMessage(group.id, 'Question 1 of');
    const asked = article?.questions.find((entry) => question.text.includes(entry.prompt));
    const right = asked?.choices.find((choice) => choice.correct)?.text ?? '';
    const wrong = asked?.choices.find((choice) => !choice.correct)?.text ?? '';
    const toasts = [
      await press(group, alice, question, button(question, right)),
      await press(group, bob, question, button(question, wrong)),
      await press(group, cyd, question, button(question, right)),
    ];
    expect(toasts.map((toast) => toast.text?.slice(0, 1))).toEqual(['✅', '❌', '✅']);
    await eventually(() => {
      // Live counts are throttled by the injected clock: let it run while we wait.
      h.clock.advance(50);
      return h.emulator.message(group.id, question.messageId)?.text.includes('3 answered') || undefined;
    });

    h.clock.advance(21_000);
    await h.timers.sweep();
    const closed = await eventually(() => {
      const view = h.emulator.message(group.id, question.messageId);
      return view?.text.includes('Got it (2 of 3)') ? view : undefined;
    });
    expect(closed.text).toContain(`Answer: ${right}`);
    expect(closed.text).toContain('Alice, Cyd <Admin>');
    expect(closed.sentText).toContain('Cyd &lt;Admin&gt;');
    // Answers are closed: only the Report button is left.
    expect(buttonsOf(closed).map((entry) => entry.text)).toEqual(['Report']);
    await lastBotMessage(group.id, 'Question 2 of');

    h.emulator.sendText({ chat: group, from: bob, text: '/leaderboard' });
    const board = await lastBotMessage(group.id, 'Leaderboard');
    expect(board.text).toMatch(/1 +│ Alice/);
    // One's own progress is personal. Bob never opened a private chat with the bot, so the group is
    // told how to; once he has, it arrives there and nothing of it shows in the group.
    h.emulator.sendText({ chat: group, from: bob, text: '/progress' });
    const hint = await lastBotMessage(group.id, 'private chat');
    expect(hint.text).toContain('https://t.me/newsquiz_bot?start=');
    h.emulator.sendText({ from: bob, text: '/start' });
    await lastBotMessage(bob.id, 'Welcome');
    h.emulator.sendText({ chat: group, from: bob, text: '/progress' });
    const progress = await lastBotMessage(bob.id, 'Progress · Bob');
    expect(botMessages(group.id).some((view) => view.text.includes('Progress ·'))).toBe(false);
    expect(progress.text).toContain('Questions answered: 1');
    expect(progress.text).toContain('Accuracy: 0%');
  });

  test('content full of < > & and quotes is escaped; a long section is split at paragraph boundaries', async () => {
    h = await startHarness();
    h.emulator.sendText({ from: alice, text: '/brief ferrobridge-dangling-str' });
    const card = await lastBotMessage(alice.id, 'What changed');
    expect(card.text).toContain('"Rust <-> C++"');
    expect(card.text).toContain('Vec<T>');
    await press(dm(alice), alice, card, button(card, 'Comparison'));
    const table = await lastBotMessage(alice.id, 'Comparison ·');
    expect(table.text).toContain('&[T] from a Vec<T>');

    h.emulator.sendText({ from: alice, text: '/brief long-read' });
    const long = await lastBotMessage(alice.id, 'A very long read');
    const before = botMessages(alice.id).length;
    await press(dm(alice), alice, long, button(long, 'Deep dive'));
    // The last paragraph arriving means every part has been sent (they go out in order).
    const parts = await eventually(() => {
      const sent = botMessages(alice.id).slice(before);
      return sent.some((part) => part.text.includes('Part 9:')) ? sent : undefined;
    }, 15_000);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(4096);
  });

  test('repeated, stale and forged presses get a toast and change nothing', async () => {
    h = await startHarness();
    h.emulator.sendText({ from: alice, text: '/quiz deepseek-v4-delay' });
    const view = await lastBotMessage(alice.id, 'Question 1 of');
    const first = buttonsOf(view)[0]?.callback_data ?? '';
    await press(dm(alice), alice, view, first);
    const repeat = await press(dm(alice), alice, view, first);
    expect(repeat.text).toContain('already answered');
    const edits = h.emulator.message(alice.id, view.messageId)?.editCount;
    const forge = async (data: string) =>
      h.emulator.callbackAnswer(
        h.emulator.pressButton({
          chat: dm(alice),
          from: alice,
          messageId: view.messageId,
          data,
          forged: true,
        }),
      );
    const chat = { platform: 'telegram' as const, chatId: String(alice.id) };
    expect((await forge(testSeal().seal('1:a:zzzzzzzzzz:0:0', chat))).text).toContain('no longer available');
    // Unsealed, sealed for another chat, or garbage: refused before anything is looked up.
    expect((await forge('1:a:zzzzzzzzzz:0:0')).text).toContain('not valid');
    expect((await forge(testSeal().seal('1:b:abc', { ...chat, chatId: '-100123' }))).text).toContain(
      'not valid',
    );
    expect((await forge('DROP TABLE;')).text).toContain('not valid');
    expect(h.emulator.message(alice.id, view.messageId)?.editCount).toBe(edits);

    // A solo quiz asked for in a group is Alice's alone: it goes to her private chat, not the group.
    h.emulator.sendText({ chat: group, from: alice, text: '/quiz deepseek-v4-delay' });
    await lastBotMessage(alice.id, 'Solo quiz');
    expect(botMessages(group.id).some((view) => view.text.includes('Solo quiz'))).toBe(false);
  });

  test('a failing setMyCommands is logged and the bot runs on', async () => {
    h = await startHarness({
      before: (emulator) =>
        emulator.failNext('setMyCommands', {
          error_code: 400,
          description: 'Bad Request: BOT_COMMANDS_TOO_MUCH',
        }),
    });
    h.emulator.sendText({ from: alice, text: '/help' });
    const help = await lastBotMessage(alice.id, '/quiz');
    expect(help.text).toContain('/leaderboard');
  });

  test('429 waits retry_after and retries; 403 marks the chat inactive; an API error gets an apology', async () => {
    h = await startHarness();
    h.emulator.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const started = Date.now();
    h.emulator.sendText({ from: alice, text: '/topics' });
    await lastBotMessage(alice.id, 'Topics');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    h.emulator.sendText({ chat: group, from: alice, text: '/topics' });
    await lastBotMessage(group.id, 'Topics');
    h.emulator.blockChat(group.id);
    h.emulator.sendText({ chat: group, from: alice, text: '/topics' });
    await expect.poll(async () => (await h.core.chats.get('telegram', String(group.id)))?.active).toBe(false);

    h.emulator.failNext('sendMessage', { error_code: 400, description: 'Bad Request: something unexpected' });
    h.emulator.sendText({ from: bob, text: '/topics' });
    const apology = await lastBotMessage(bob.id, 'Sorry');
    expect(apology.text).toContain('something went wrong');
  });

  test('webhook mode refuses a request with the wrong secret and serves the right one', async () => {
    const port = await freePort();
    h = await startHarness({
      adapter: {
        webhook: { url: 'https://bot.example.org/telegram', secret: 'right-secret', port, host: '127.0.0.1' },
      },
    });
    expect(h.emulator.webhookInfo().url).toBe('https://bot.example.org/telegram');
    const forged = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
      body: JSON.stringify({
        update_id: 9,
        message: { message_id: 1, date: 0, chat: dm(alice), from: alice, text: '/help' },
      }),
    });
    expect(forged.status).toBe(403);
    h.emulator.routeWebhookTo(`http://127.0.0.1:${port}`);
    h.emulator.sendText({ from: bob, text: '/help' });
    await lastBotMessage(bob.id, '/quiz');
    expect(botMessages(alice.id)).toHaveLength(0);
  });

  test('webhook mode has no Host check: a TLS proxy may forward under the public name; the secret is what is checked', async () => {
    const port = await freePort();
    h = await startHarness({
      adapter: {
        webhook: { url: 'https://bot.example.org/telegram', secret: 'right-secret', port, host: '127.0.0.1' },
      },
    });
    const post = (secret: string) =>
      new Promise<number>((resolve, reject) => {
        const outgoing = request(
          {
            host: '127.0.0.1',
            port,
            path: '/telegram',
            method: 'POST',
            headers: {
              host: 'bot.example.org',
              'content-type': 'application/json',
              'x-telegram-bot-api-secret-token': secret,
            },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(
          JSON.stringify({
            update_id: 11,
            message: { message_id: 1, date: 0, chat: dm(alice), from: alice, text: '/help' },
          }),
        );
      });
    expect(await post('wrong')).toBe(403);
    expect(await post('right-secret')).toBe(200);
    const reply = await h.emulator.waitFor(
      'sendMessage',
      (call) => String(call.params.chat_id) === '101',
      5_000,
    );
    expect(String(reply.params.text)).toContain('/quiz');
  });
});

describe('Telegram chat administration', () => {
  let h: TelegramHarness;
  afterEach(async () => {
    await h?.close();
  });
  const lastText = (chatId: number, includes: string) =>
    eventually(() =>
      h.emulator
        .messages(chatId)
        .filter((view) => view.fromBot && view.text.includes(includes))
        .at(-1),
    );

  test('/subscribe is for chat admins: members are refused, admins and anonymous admins may', async () => {
    h = await startHarness();
    h.emulator.setMember(group.id, alice.id, 'member');
    h.emulator.setMember(group.id, bob.id, 'administrator');
    h.emulator.sendText({ chat: group, from: alice, text: '/subscribe daily-brief 08:00' });
    await lastText(group.id, "Only the chat's admins can use /subscribe.");
    expect(await h.core.subscriptions.all()).toHaveLength(0);

    h.emulator.sendText({ chat: group, from: bob, text: '/subscribe daily-brief 08:00 Europe/Berlin' });
    await lastText(group.id, 'Daily brief set for daily 08:00 (Europe/Berlin)');
    h.emulator.sendAsAnonymousAdmin({ chat: group, text: '/subscribe quiz-of-the-day 12:30' });
    await lastText(group.id, 'Quiz of the day set');
    expect((await h.core.subscriptions.all()).map((item) => item.kind).sort()).toEqual([
      'daily-brief',
      'quiz-of-the-day',
    ]);
  });

  test('a channel the bot administers can subscribe from a channel post', async () => {
    h = await startHarness();
    const channel = { id: -100999, type: 'channel' as const, title: 'Newsroom', username: 'newsroom' };
    h.emulator.sendText({ chat: channel, text: '/subscribe weekly-recap 09:00 mon' });
    await lastText(channel.id, 'Weekly recap set for mon 09:00');
    const [subscription] = await h.core.subscriptions.all();
    expect(subscription).toMatchObject({ chatId: String(channel.id), kind: 'weekly-recap', weekday: 'mon' });
  });
});
