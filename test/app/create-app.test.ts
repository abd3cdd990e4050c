import { startDiscordEmulator } from '@newsquiz/emulators/discord';
import { startTelegramEmulator } from '@newsquiz/emulators/telegram';
import { expect, test } from 'vitest';
import { createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

test('with both tokens set, one process serves Discord and Telegram, and stops cleanly', async () => {
  const discord = await startDiscordEmulator();
  const telegram = await startTelegramEmulator();
  const app = await createApp(
    parseConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      TELEGRAM_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      STORE_URL: 'memory://',
      CONTENT_DIR: FIXTURE_CONTENT,
    }),
    { log: silentLogger() },
  );
  try {
    await app.start();
    const handle = discord.runCommand({
      channelId: discord.channelId,
      name: 'brief',
      options: { article: 'deepseek' },
    });
    const callback = await handle.callback();
    expect(JSON.stringify(callback.data)).toContain('DeepSeek');

    telegram.sendText({ from: { id: 5, first_name: 'Tess' }, text: '/brief deepseek' });
    const sent = await telegram.waitFor('sendMessage', (call) => String(call.params.chat_id) === '5', 5_000);
    expect(String(sent.params.text)).toContain('DeepSeek');
  } finally {
    await app.stop();
    await discord.close();
    await telegram.close();
  }
});
