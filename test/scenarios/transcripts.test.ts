// The English transcript of one session per adapter, word for word: any change to what the bot says
// in English (a message moved into Fluent and worded differently) fails here.
import { describe, expect, test } from 'vitest';
import { consoleDriver } from './console-driver.ts';
import { discordDriver } from './discord-driver.ts';
import type { DriverFactory } from './driver.ts';
import { telegramDriver } from './telegram-driver.ts';
import { ENGLISH_WORDS, playScript, transcriptOf } from './transcript-script.ts';

const drivers: DriverFactory[] = [consoleDriver, telegramDriver, discordDriver];

describe.each(drivers.map((factory) => [factory.name, factory] as const))('%s', (name, factory) => {
  test('the English transcript of a session stays word for word', async () => {
    const d = await factory.start();
    try {
      const notices = await playScript(d, ENGLISH_WORDS);
      await expect(await transcriptOf(d, notices)).toMatchFileSnapshot(`__transcripts__/${name}.en.txt`);
    } finally {
      await d.close();
    }
  }, 120_000);
});
