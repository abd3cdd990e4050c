// Replies meant for one person never reach a shared chat, whoever acts there: a chat acting as itself
// (an anonymous admin, a channel post, a member writing as their channel) is told to act as a person,
// and a code typed where the group reads it stops working. Real telegraf over the emulated Bot API.

import { CHANNEL_BOT, type ChatInput, GROUP_ANONYMOUS_BOT } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { eventually, startHarness, type TelegramHarness } from './telegram-harness.ts';

const alice = { id: 101, first_name: 'Alice' };
const group = { id: -100123, type: 'supergroup' as const, title: 'Readers' };
const channel = { id: -100999, type: 'channel' as const, title: 'Newsroom', username: 'newsroom' };
const CODE = /[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/;

/** Commands whose replies are for one person, with arguments that make them do something. */
const PERSONAL_LINES = [
  '/link',
  '/link ABCDE-FGHJK',
  '/unlink',
  '/review',
  '/remind 19:00',
  '/progress',
  '/streak',
  '/timezone Europe/Berlin',
  '/read deepseek',
  '/quiz deepseek solo',
];

interface ActorKind {
  name: string;
  chat: ChatInput & { id: number };
  send(h: TelegramHarness, text: string): void;
}

let rawMessageId = 900_000;
/** A message whose sender is only one of Telegram's stand-in accounts, without `sender_chat` (older clients, forged updates). */
const fromStandIn = (h: TelegramHarness, from: typeof GROUP_ANONYMOUS_BOT, text: string) => {
  h.emulator.addChat(group);
  const command = text.split(' ')[0] ?? '';
  h.emulator.pushUpdate({
    message: {
      message_id: rawMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { ...group },
      from: { ...from },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: command.length }],
    },
  });
};

const ACTING_CHATS: ActorKind[] = [
  {
    name: 'GroupAnonymousBot with no sender_chat',
    chat: group,
    send: (h, text) => fromStandIn(h, GROUP_ANONYMOUS_BOT, text),
  },
  {
    name: 'Channel_Bot with no sender_chat',
    chat: group,
    send: (h, text) => fromStandIn(h, CHANNEL_BOT, text),
  },
  {
    name: 'an anonymous admin',
    chat: group,
    send: (h, text) => h.emulator.sendAsAnonymousAdmin({ chat: group, text }),
  },
  { name: 'a channel post', chat: channel, send: (h, text) => h.emulator.sendText({ chat: channel, text }) },
  {
    name: 'a member writing as their channel',
    chat: group,
    send: (h, text) => h.emulator.sendAsChannel({ chat: group, channel, text }),
  },
];

describe('personal replies on Telegram', () => {
  let h: TelegramHarness;
  afterEach(async () => {
    await h?.close();
  });
  const botTexts = (chatId: number) =>
    h.emulator
      .messages(chatId)
      .filter((view) => view.fromBot)
      .map((view) => view.text);

  test.each(ACTING_CHATS)(
    '$name gets no personal reply in the chat, only what to do instead',
    async (kind) => {
      h = await startHarness();
      for (const line of PERSONAL_LINES) {
        const name = line.split(' ')[0]?.slice(1) ?? '';
        const before = botTexts(kind.chat.id).length;
        kind.send(h, line);
        const said = await eventually(() => botTexts(kind.chat.id).slice(before)[0]);
        expect(said, line).toContain(`and this message was sent as a chat`);
        expect(said, line).toContain(`Send /${name} from your own account.`);
        await h.emulator.whenIdle();
        // That refusal is all the chat got: no code, no prompt, no question, no progress.
        expect(botTexts(kind.chat.id).slice(before), line).toEqual([said]);
      }
      expect(botTexts(kind.chat.id).join('\n')).not.toMatch(CODE);
    },
  );

  test('a member’s /link in the group sends the code to their private chat, never to the group', async () => {
    h = await startHarness();
    h.emulator.sendText({ from: alice, text: '/start' });
    await eventually(() => botTexts(alice.id)[0]);
    h.emulator.sendText({ chat: group, from: alice, text: '/link' });
    const code = await eventually(() => botTexts(alice.id).find((text) => CODE.test(text)));
    expect(code).toContain('Your one-time code');
    await h.emulator.whenIdle();
    expect(botTexts(group.id).join('\n')).not.toMatch(CODE);
  });

  test('a code typed into the group is void: refused there, and it no longer works in private either', async () => {
    h = await startHarness();
    h.emulator.sendText({ from: alice, text: '/link' });
    const code = CODE.exec(
      (await eventually(() => botTexts(alice.id).find((text) => CODE.test(text)))) ?? '',
    )?.[0];
    h.emulator.sendText({ chat: group, from: alice, text: `/link ${code}` });
    const said = await eventually(() => botTexts(group.id).at(-1));
    expect(said).toBe(
      'That code was typed where others in this chat can read it, so it no longer works. Make a new one with /link, and type it in a private chat with me.',
    );
    // Had it stayed live, its owner would hear that they made it here; it is gone instead.
    h.emulator.sendText({ from: alice, text: `/link ${code}` });
    const after = await eventually(() => botTexts(alice.id).find((text) => text.startsWith('That code')));
    expect(after).toMatch(/^That code is wrong, or it was used already/);
  });
});
