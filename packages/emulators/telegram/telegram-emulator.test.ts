// Proves the Telegram emulator against the real telegraf client: polling, webhooks, validation, failures.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Markup, Telegraf, TelegramError } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_BOT, GROUP_ANONYMOUS_BOT, startTelegramEmulator, type TelegramEmulator } from './index.ts';

const alice = { id: 1001, first_name: 'Alice', username: 'alice' };
const bob = { id: 1002, first_name: 'Bob' };
const group = { id: -4001, type: 'group' as const, title: 'Quiz club' };

/** The TelegramError a telegraf call rejected with. */
async function telegramError(call: Promise<unknown>): Promise<TelegramError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TelegramError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Telegram emulator with the real telegraf client', () => {
  let emulator: TelegramEmulator;
  let bot: Telegraf;
  let polling: Promise<void> | undefined;
  let handlerErrors: unknown[];

  /** Starts long polling; resolves once telegraf has fetched getMe (updates sent before are queued). */
  async function launch(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      polling = bot.launch(resolve);
      polling.catch(reject);
    });
  }

  beforeEach(async () => {
    emulator = await startTelegramEmulator();
    bot = new Telegraf(emulator.token, { telegram: { apiRoot: emulator.apiRoot } });
    handlerErrors = [];
    bot.catch((error) => {
      handlerErrors.push(error);
    });
    polling = undefined;
  });

  afterEach(async () => {
    if (polling !== undefined) {
      bot.stop('test over');
      await polling; // telegraf aborts the long poll, then confirms the offset with one last getUpdates
    }
    await emulator.close();
    expect(handlerErrors).toEqual([]);
  });

  it('runs a /start → HTML reply with keyboard → button press → answer → edit round trip', async () => {
    bot.start(async (ctx) => {
      await ctx.reply('<b>Question 1</b>: what is 2 + 2?', {
        parse_mode: 'HTML',
        ...Markup.inlineKeyboard([Markup.button.callback('3', 'q1:3'), Markup.button.callback('4', 'q1:4')]),
      });
    });
    bot.action(/^q1:(\d)$/, async (ctx) => {
      await ctx.answerCbQuery(ctx.match[1] === '4' ? 'Correct!' : 'Nope');
      await ctx.editMessageText(`<i>You answered ${ctx.match[1]}</i>`, { parse_mode: 'HTML' });
    });
    await launch();

    const { update } = emulator.sendText({ from: alice, text: '/start' });
    expect(update).toMatchObject({
      message: {
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        chat: { type: 'private' },
      },
    });
    const sent = await emulator.waitFor('sendMessage');
    expect(sent.params).toMatchObject({ chat_id: alice.id, parse_mode: 'HTML' });
    const [, question] = emulator.messages(alice.id);
    expect(question).toMatchObject({
      fromBot: true,
      text: 'Question 1: what is 2 + 2?',
      sentText: '<b>Question 1</b>: what is 2 + 2?',
      parseMode: 'HTML',
      entities: [{ type: 'bold', offset: 0, length: 10 }],
      editCount: 0,
    });
    expect(question?.replyMarkup?.inline_keyboard[0]?.map((button) => button.callback_data)).toEqual([
      'q1:3',
      'q1:4',
    ]);

    const queryId = emulator.pressButton({ from: alice, messageId: question?.messageId ?? 0, data: 'q1:4' });
    const answer = await emulator.callbackAnswer(queryId);
    expect(answer.text).toBe('Correct!');
    expect(answer.latencyMs).toBeGreaterThanOrEqual(0);
    await emulator.waitFor('editMessageText');
    const edited = emulator.message(alice.id, question?.messageId ?? 0);
    // An edit without reply_markup removes the keyboard, as on Telegram.
    expect(edited).toMatchObject({ text: 'You answered 4', editCount: 1, replyMarkup: undefined });
    expect(edited?.message.edit_date).toBeTypeOf('number');

    const again = await telegramError(bot.telegram.answerCbQuery(queryId));
    expect(again.response).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
    await emulator.whenIdle();
  });

  it('marks /cmd@botname commands; telegraf ignores commands addressed to other bots', async () => {
    const seen: string[] = [];
    bot.command('quiz', async (ctx) => {
      seen.push(ctx.message.text);
      await ctx.reply('quiz started');
    });
    await launch();

    const addressed = emulator.sendText({
      chat: group,
      from: alice,
      text: `/quiz@${emulator.bot.username} now`,
    });
    expect(addressed.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 23 }]);
    emulator.sendText({ chat: group, from: bob, text: '/quiz@some_other_bot' });
    emulator.sendText({ chat: group, from: bob, text: 'see /quiz' });
    await emulator.whenIdle();
    expect(seen).toEqual([`/quiz@${emulator.bot.username} now`]);
    expect(emulator.messages(group.id).filter((message) => message.fromBot)).toHaveLength(1);
  });

  it('delivers channel posts, anonymous-admin messages and members writing as a channel with sender_chat', async () => {
    const channel = { id: -1001234567890, type: 'channel' as const, title: 'News', username: 'news_channel' };
    const received: unknown[] = [];
    bot.on('channel_post', (ctx) => {
      received.push(ctx.channelPost);
    });
    bot.on('message', (ctx) => {
      received.push(ctx.message);
    });
    await launch();

    emulator.sendText({ chat: channel, text: 'breaking' });
    emulator.sendAsAnonymousAdmin({ chat: group, text: 'admin here' });
    emulator.sendAsChannel({ chat: group, channel, text: 'as my channel' });
    await emulator.whenIdle();
    expect(received).toHaveLength(3);
    expect(received[0]).toMatchObject({ sender_chat: { id: channel.id, type: 'channel' }, text: 'breaking' });
    expect(received[0]).not.toHaveProperty('from');
    expect(received[1]).toMatchObject({
      from: { id: GROUP_ANONYMOUS_BOT.id, username: 'GroupAnonymousBot', is_bot: true },
      sender_chat: { id: group.id, type: 'group' },
    });
    expect(received[2]).toMatchObject({
      chat: { id: group.id },
      from: { id: CHANNEL_BOT.id, username: 'Channel_Bot', is_bot: true },
      sender_chat: { id: channel.id, type: 'channel' },
      text: 'as my channel',
    });
    // Channels can be addressed by @username.
    await bot.telegram.sendMessage('@news_channel', 'posted by the bot');
    expect(emulator.messages(channel.id).at(-1)?.message).toMatchObject({
      sender_chat: { id: channel.id },
      text: 'posted by the bot',
    });
  });

  it("rejects malformed HTML, long texts and bad buttons with Telegram's errors", async () => {
    emulator.addChat({ id: alice.id, type: 'private', first_name: alice.first_name });

    const malformed = await telegramError(
      bot.telegram.sendMessage(alice.id, '<b>bold</i>', { parse_mode: 'HTML' }),
    );
    expect(malformed.code).toBe(400);
    expect(malformed.response.description).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</b>", found "</i>"`,
    );
    const unsupported = await telegramError(
      bot.telegram.sendMessage(alice.id, '<p>x</p>', { parse_mode: 'HTML' }),
    );
    expect(unsupported.description).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "p" at byte offset 0`,
    );

    const tooLong = await telegramError(bot.telegram.sendMessage(alice.id, 'x'.repeat(4097)));
    expect(tooLong.description).toBe('Bad Request: message is too long');
    const empty = await telegramError(bot.telegram.sendMessage(alice.id, '   '));
    expect(empty.description).toBe('Bad Request: message text is empty');
    await bot.telegram.sendMessage(alice.id, `<b>${'x'.repeat(4096)}</b>`, { parse_mode: 'HTML' });

    const longData = 'é'.repeat(33); // 33 characters, 66 bytes
    const badData = await telegramError(
      bot.telegram.sendMessage(
        alice.id,
        'pick',
        Markup.inlineKeyboard([Markup.button.callback('A', longData)]),
      ),
    );
    expect(badData.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    const badUrl = await telegramError(
      bot.telegram.sendMessage(
        alice.id,
        'open',
        Markup.inlineKeyboard([Markup.button.url('A', 'ftp://x.org')]),
      ),
    );
    expect(badUrl.description).toBe(
      "Bad Request: inline keyboard button URL 'ftp://x.org' is invalid: Unsupported URL protocol",
    );

    const unknownChat = await telegramError(bot.telegram.sendMessage(999, 'hi'));
    expect(unknownChat.description).toBe('Bad Request: chat not found');
  });

  it('rejects no-op and unknown edits', async () => {
    emulator.addChat({ id: alice.id, type: 'private', first_name: alice.first_name });
    const keyboard = Markup.inlineKeyboard([Markup.button.callback('Next', 'next')]);
    const sent = await bot.telegram.sendMessage(alice.id, '<b>Brief</b>', {
      parse_mode: 'HTML',
      ...keyboard,
    });

    const same = await telegramError(
      bot.telegram.editMessageText(alice.id, sent.message_id, undefined, '<b>Brief</b>', {
        parse_mode: 'HTML',
        ...keyboard,
      }),
    );
    expect(same.description).toBe(
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
    await bot.telegram.editMessageReplyMarkup(alice.id, sent.message_id, undefined, undefined);
    expect(emulator.message(alice.id, sent.message_id)).toMatchObject({
      replyMarkup: undefined,
      editCount: 1,
    });

    const missing = await telegramError(bot.telegram.editMessageText(alice.id, 424242, undefined, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');
    await bot.telegram.deleteMessage(alice.id, sent.message_id);
    expect(emulator.messages(alice.id)).toEqual([]);
    const gone = await telegramError(bot.telegram.deleteMessage(alice.id, sent.message_id));
    expect(gone.description).toBe('Bad Request: message to delete not found');
  });

  it('injects failures: a 429 surfaces parameters.retry_after; blocked chats answer 403', async () => {
    emulator.addChat({ id: alice.id, type: 'private', first_name: alice.first_name });
    emulator.addChat(group);
    emulator.failNext('sendmessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const limited = await telegramError(bot.telegram.sendMessage(alice.id, 'hi'));
    expect(limited.code).toBe(429);
    expect(limited.parameters?.retry_after).toBe(7);
    await bot.telegram.sendMessage(alice.id, 'hi again');
    expect(emulator.stats).toMatchObject({ sent: 1, tooManyRequests: 1 });

    emulator.blockChat(alice.id);
    emulator.blockChat(group.id);
    expect((await telegramError(bot.telegram.sendMessage(alice.id, 'x'))).response).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    expect((await telegramError(bot.telegram.sendMessage(group.id, 'x'))).description).toBe(
      'Forbidden: bot was kicked from the group chat',
    );
    emulator.sendText({ from: alice, text: '/start' }); // writing to the bot unblocks it
    await bot.telegram.sendMessage(alice.id, 'welcome back');
  });

  it('validates setMyCommands and keeps lists per scope', async () => {
    await bot.telegram.setMyCommands([
      { command: 'start', description: 'Start' },
      { command: '/quiz', description: '  Today’s quiz  ' },
    ]);
    expect(await bot.telegram.getMyCommands()).toEqual([
      { command: 'start', description: 'Start' },
      { command: 'quiz', description: 'Today’s quiz' },
    ]);
    expect(await bot.telegram.getMyCommands({ scope: { type: 'all_group_chats' } })).toEqual([]);

    const invalid = async (command: string, description: string) =>
      (await telegramError(bot.telegram.setMyCommands([{ command, description }]))).description;
    expect(await invalid('Quiz', 'x')).toBe('Bad Request: BOT_COMMAND_INVALID');
    expect(await invalid('brief-now', 'x')).toBe('Bad Request: BOT_COMMAND_INVALID');
    expect(await invalid('a'.repeat(33), 'x')).toBe('Bad Request: command length must not exceed 32');
    expect(await invalid('quiz', ' ')).toBe('Bad Request: command description must be non-empty');
    expect(await invalid('quiz', 'd'.repeat(257))).toBe(
      'Bad Request: command description length must not exceed 256',
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'x' }));
    expect((await telegramError(bot.telegram.setMyCommands(tooMany))).description).toBe(
      'Bad Request: BOT_COMMANDS_TOO_MUCH',
    );

    await bot.telegram.deleteMyCommands();
    expect(await bot.telegram.getMyCommands()).toEqual([]);
  });

  it('answers chat and membership queries from setMember', async () => {
    emulator.sendText({ chat: group, from: alice, text: 'hello' });
    emulator.setMember(group.id, alice, 'creator');
    emulator.setMember(group.id, emulator.bot.id, 'administrator');
    emulator.setMember(group.id, bob, 'kicked');

    expect(await bot.telegram.getChat(group.id)).toMatchObject({
      id: group.id,
      type: 'group',
      title: 'Quiz club',
    });
    expect(await bot.telegram.getChatMember(group.id, alice.id)).toMatchObject({
      status: 'creator',
      user: { id: alice.id },
    });
    expect(await bot.telegram.getChatMember(group.id, bob.id)).toMatchObject({
      status: 'kicked',
      until_date: 0,
    });
    const admins = await bot.telegram.getChatAdministrators(group.id);
    expect(admins.map((member) => [member.user.id, member.status])).toEqual([
      [alice.id, 'creator'],
      [emulator.bot.id, 'administrator'],
    ]);
    await bot.telegram.sendChatAction(group.id, 'typing');
    await bot.telegram.leaveChat(group.id);
    expect((await telegramError(bot.telegram.sendMessage(group.id, 'x'))).description).toBe(
      'Forbidden: bot is not a member of the group chat',
    );
  });

  it('applies rate limits per chat, per group and globally', async () => {
    await emulator.close();
    emulator = await startTelegramEmulator({
      rateLimits: { perSecondGlobal: 3, perSecondPerChat: 1, perMinutePerGroup: 2 },
    });
    bot = new Telegraf(emulator.token, { telegram: { apiRoot: emulator.apiRoot } });
    for (const id of [1, 2, 3, 4]) emulator.addChat({ id, type: 'private', first_name: `U${id}` });
    emulator.addChat({ id: -5, type: 'supergroup', title: 'Big' });

    await bot.telegram.sendMessage(1, 'a');
    const perChat = await telegramError(bot.telegram.sendMessage(1, 'b'));
    expect(perChat.response).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    await bot.telegram.sendMessage(2, 'a');
    await bot.telegram.sendMessage(3, 'a');
    expect((await telegramError(bot.telegram.sendMessage(4, 'a'))).code).toBe(429); // 4th in the same second

    expect(emulator.stats.sent).toBe(3);
    expect(emulator.stats.tooManyRequests).toBe(2);
    expect([...emulator.stats.byChat]).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });

  it('delivers updates to a webhook with the secret token, executing webhook replies', async () => {
    const secret = 'S3cret_token-1';
    bot.on('callback_query', (ctx) => ctx.answerCbQuery('via webhook reply'));
    bot.on('message', (ctx) => ctx.reply(`echo: ${ctx.text ?? ''}`));
    const server = http.createServer(bot.webhookCallback('/hook', { secretToken: secret }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await bot.telegram.setWebhook(`https://bot.example/hook`, { secret_token: secret });
      emulator.routeWebhookTo(`http://127.0.0.1:${port}`);
      expect(emulator.webhookInfo()).toMatchObject({
        url: 'https://bot.example/hook',
        pending_update_count: 0,
      });

      emulator.sendText({ from: alice, text: 'ping' });
      await emulator.waitFor('sendMessage');
      expect(emulator.messages(alice.id).at(-1)?.text).toBe('echo: ping');
      const sent = emulator.messages(alice.id).at(-1);
      const quiz = await bot.telegram.sendMessage(
        alice.id,
        'q',
        Markup.inlineKeyboard([Markup.button.callback('A', 'a')]),
      );
      const queryId = emulator.pressButton({ from: alice, messageId: quiz.message_id, data: 'a' });
      const answer = await emulator.callbackAnswer(queryId);
      expect(answer).toMatchObject({ text: 'via webhook reply', call: { via: 'webhook-reply' } });
      expect(sent?.fromBot).toBe(true);

      const conflict = await telegramError(bot.telegram.getUpdates(0, 100, 0, undefined));
      expect(conflict.description).toBe(
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );

      await bot.telegram.setWebhook('https://bot.example/hook', { secret_token: 'wrong' });
      emulator.sendText({ from: alice, text: 'lost' });
      await expect
        .poll(() => emulator.webhookInfo().last_error_message)
        .toBe('Wrong response from the webhook: 403 Forbidden');
      await bot.telegram.deleteWebhook({ drop_pending_updates: true });
      expect(emulator.pendingUpdates).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('speaks the raw HTTP protocol: tokens, method names, form bodies, long polls released on close', async () => {
    const post = async (path: string, body: string, contentType: string) => {
      const res = await fetch(`${emulator.apiRoot}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      return { status: res.status, json: (await res.json()) as unknown };
    };
    expect(await post('/bot123:wrong/getMe', '{}', 'application/json')).toEqual({
      status: 401,
      json: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await post(`/bot${emulator.token}/sendPigeon`, '{}', 'application/json')).toEqual({
      status: 404,
      json: { ok: false, error_code: 404, description: 'Not Found: method not found' },
    });
    expect((await post(`/bot${emulator.token}/GETME`, '', 'application/json')).json).toMatchObject({
      ok: true,
      result: { id: emulator.bot.id, is_bot: true, username: emulator.bot.username },
    });

    emulator.addChat({ id: alice.id, type: 'private', first_name: alice.first_name });
    const form = new URLSearchParams({
      chat_id: String(alice.id),
      text: '<i>form</i>',
      parse_mode: 'HTML',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', url: 'https://example.org' }]] }),
    });
    const viaForm = await post(
      `/bot${emulator.token}/sendMessage`,
      form.toString(),
      'application/x-www-form-urlencoded',
    );
    expect(viaForm.json).toMatchObject({
      ok: true,
      result: {
        text: 'form',
        entities: [{ type: 'italic', offset: 0, length: 4 }],
        reply_markup: { inline_keyboard: [[{ text: 'Go', url: 'https://example.org/' }]] },
      },
    });
    const multipart = new FormData();
    multipart.set('chat_id', String(alice.id));
    multipart.set('text', 'multipart');
    const viaMultipart = await fetch(`${emulator.apiRoot}/bot${emulator.token}/sendMessage`, {
      method: 'POST',
      body: multipart,
    });
    expect(await viaMultipart.json()).toMatchObject({
      ok: true,
      result: { text: 'multipart', message_id: 2 },
    });

    const started = Date.now();
    const longPoll = post(`/bot${emulator.token}/getUpdates`, '{"timeout":50}', 'application/json');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await emulator.close();
    expect((await longPoll).json).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
