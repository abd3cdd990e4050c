// Each platform's own way of saying which language a person uses: Discord's client locale and
// Telegram's language_code choose the replies; the command lists are published in every language.
import { REGULAR_MEMBER_PERMISSIONS } from '@newsquiz/emulators/discord';
import { afterEach, describe, expect, test } from 'vitest';
import { bob, type DiscordHarness, startHarness as startDiscord } from './discord/discord-harness.ts';
import {
  eventually,
  startHarness as startTelegram,
  type TelegramHarness,
} from './telegram/telegram-harness.ts';

describe('Discord', () => {
  let h: DiscordHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('registered commands carry German and Chinese descriptions, for options and choices too', async () => {
    h = await startDiscord();
    const quiz = h.emulator.registeredCommands(h.emulator.guildId).find((command) => command.name === 'quiz');
    expect(quiz?.description_localizations).toEqual({
      de: 'Verständnisfragen zu einem Artikel, solo oder für alle im Chat',
      'zh-CN': '关于一篇文章的理解题，可单人或全聊天一起',
    });
    const mode = quiz?.options?.find((option) => option.name === 'mode');
    expect(mode?.description_localizations?.de).toBe('solo: nur du; group: alle im Chat');
    const group =
      mode && 'choices' in mode ? mode.choices?.find((choice) => choice.value === 'group') : undefined;
    expect(group?.name_localizations).toEqual({ de: 'Gruppe', 'zh-CN': '群组' });
  });

  test('a user whose client is German gets German replies with no setting; /language zh-CN overrides it', async () => {
    h = await startDiscord();
    // Bob is an ordinary member: his /language sets his own language, not the server channel's.
    const run = async (name: string, options: Record<string, string> = {}) => {
      const handle = h?.emulator.runCommand({
        name,
        options,
        user: bob,
        locale: 'de',
        channelId: h?.emulator.channelId ?? '',
        permissions: REGULAR_MEMBER_PERMISSIONS,
      });
      if (!handle || !h) throw new Error('no harness');
      const callback = await handle.callback();
      await h.settled(handle.id);
      return JSON.stringify(callback.data);
    };
    expect(await run('streak')).toContain('Serie · Bob');
    expect(await run('language', { language: 'zh-CN' })).toContain('从现在起，我用简体中文和你交流。');
    expect(await run('streak')).toContain('连续打卡 · Bob');
  });
});

describe('Telegram', () => {
  let h: TelegramHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('the command menu is published for German and Chinese apps, and a German app gets German replies', async () => {
    h = await startTelegram();
    const telegram = h.adapter.bot.telegram;
    const german = await eventually(async () => {
      const list = await telegram.getMyCommands({ language_code: 'de' });
      return list.length > 0 ? list : undefined;
    });
    expect(german.find((entry) => entry.command === 'review')?.description).toBe(
      'Verpasste Fragen wiederholen, wenn sie fällig sind (verteilte Wiederholung)',
    );
    const chinese = await telegram.getMyCommands({ language_code: 'zh' });
    expect(chinese.find((entry) => entry.command === 'help')?.description).toBe(
      '这个机器人能做什么，以及它能理解的命令',
    );
    expect((await telegram.getMyCommands()).find((entry) => entry.command === 'help')?.description).toBe(
      'What this bot does and the commands it understands',
    );

    const hans = { id: 301, first_name: 'Hans', language_code: 'de' };
    h.emulator.sendText({ from: hans, text: '/streak' });
    await eventually(() =>
      h?.emulator.messages(hans.id).find((view) => view.fromBot && view.text.includes('Serie · Hans')),
    );
  });
});
