// Account linking through both adapters in one process (the app as main.ts builds it), over the
// emulated Discord and Telegram; and a code redeemed on a second instance sharing Redis.

import {
  type DiscordEmulator,
  type EmulatedMessage,
  type EmulatedUserInput,
  startDiscordEmulator,
} from '@newsquiz/emulators/discord';
import type { Update } from '@newsquiz/emulators/telegram';
import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import { slashCommandPayload } from '../../src/adapters/discord/slash-command-payload.ts';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { CODE_TTL_MS } from '../../src/core/linking/link-code.ts';
import { silentLogger } from '../../src/logger.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { eventually } from '../support/eventually.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { dropNamespace, NOW, redisSkipReason, redisUrl, uniqueNamespace } from '../support/test-core.ts';
import { buttonsOf, rawTextOf, textOf } from './discord/discord-harness.ts';

const onRedis = needsRedis();
const WAIT_MS = 10_000;
const CODE = /([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})/;

const dee: EmulatedUserInput = { id: '400000000000000011', username: 'dee', globalName: 'Dee' };
const tess = { id: 501, first_name: 'Tess' };

interface World {
  discord?: DiscordEmulator;
  telegram?: TelegramEmulator;
  apps: App[];
  namespace?: string;
}

let world: World = { apps: [] };

afterEach(async () => {
  for (const app of world.apps) {
    if (world.namespace) await dropNamespace(app.store, world.namespace);
    await app.stop();
  }
  await world.discord?.close();
  await world.telegram?.close();
  world = { apps: [] };
});

async function startApp(
  platforms: { discord?: DiscordEmulator; telegram?: TelegramEmulator },
  clock: ManualClock,
  store: { url: string; namespace?: string } = { url: 'memory://' },
): Promise<App> {
  const app = await createApp(
    parseConfig({
      ...(platforms.discord
        ? { DISCORD_TOKEN: platforms.discord.token, DISCORD_API_BASE: platforms.discord.apiBase }
        : {}),
      ...(platforms.telegram
        ? { TELEGRAM_TOKEN: platforms.telegram.token, TELEGRAM_API_ROOT: platforms.telegram.apiRoot }
        : {}),
      STORE_URL: store.url,
      CONTENT_DIR: FIXTURE_CONTENT,
    }),
    { log: silentLogger(), clock, ...(store.namespace ? { namespace: store.namespace } : {}) },
  );
  world.apps.push(app);
  await app.start();
  return app;
}

/** Runs a slash command (as Dee unless `user`) in the server's channel; resolves with the text of the reply once it matches. */
async function onDiscord(
  discord: DiscordEmulator,
  name: string,
  expected: RegExp,
  options: Record<string, string> = {},
  user: EmulatedUserInput = dee,
): Promise<{ text: string; raw: string; message: EmulatedMessage }> {
  const handle = discord.runCommand({ name, options, user, channelId: discord.channelId });
  await handle.callback();
  return eventually(() => {
    const record = discord.interaction(handle.id);
    const message = [record?.original, ...(record?.followUps ?? [])].find(
      (entry) => entry && expected.test(textOf(entry)),
    );
    return message ? { text: textOf(message), raw: rawTextOf(message), message } : undefined;
  }, WAIT_MS);
}

/** Tess (or `from`) writes to the bot in private; resolves with the bot's next message there that matches. */
async function onTelegram(
  telegram: TelegramEmulator,
  text: string,
  expected: RegExp,
  from: { id: number; first_name: string } = tess,
) {
  const before = telegram.messages(from.id).length;
  telegram.sendText({ from, text });
  return eventually(
    () =>
      telegram
        .messages(from.id)
        .slice(before)
        .find((view) => view.fromBot && expected.test(view.text)),
    WAIT_MS,
  );
}

/** Answers the first question of a solo quiz on each platform (any choice). */
async function answerOnBoth(discord: DiscordEmulator, telegram: TelegramEmulator) {
  const question = await onTelegram(telegram, '/quiz deepseek', /Question 1/);
  const choice = (question.replyMarkup?.inline_keyboard.flat() ?? [])[0] as { callback_data?: string };
  const press = telegram.pressButton({
    from: tess,
    messageId: question.messageId,
    data: choice.callback_data ?? '',
  });
  await telegram.callbackAnswer(press, WAIT_MS);

  const { message } = await onDiscord(discord, 'quiz', /Question 1/, { article: 'deepseek' });
  const customId = buttonsOf(message)[0]?.custom_id ?? '';
  const handle = discord.pressButton({ messageId: message.id, customId, user: dee });
  await handle.callback();
}

const progressOf = (text: string) => ({
  answered: /Questions answered:?\s*(\d+)/.exec(text)?.[1],
  linked: /Linked accounts:?\s*(.+)/.exec(text)?.[1],
});

describe('linking Discord and Telegram in one process', () => {
  test('/link on Discord takes one optional string option named code', () => {
    const link = commands.find((command) => command.name === 'link');
    if (!link) throw new Error('no /link');
    const payload = slashCommandPayload(link, 'global');
    expect(payload.options).toEqual([expect.objectContaining({ name: 'code', type: 3, required: false })]);
  });

  test('from Telegram to Discord: a <code> in private, /link CODE on Discord, both confirm, progress counts both', async () => {
    const discord = await startDiscordEmulator({ guilds: [{ members: [{ user: dee }] }] });
    const telegram = await startTelegramEmulator();
    world.discord = discord;
    world.telegram = telegram;
    const clock = new ManualClock(NOW);
    await startApp({ discord, telegram }, clock);
    await answerOnBoth(discord, telegram);

    await onTelegram(telegram, '/link', /one-time code/);
    const sent = await telegram.waitFor(
      'sendMessage',
      (call) => String(call.params.text).includes('<code>'),
      WAIT_MS,
    );
    const html = String(sent.params.text);
    expect(html).toMatch(new RegExp(`<code>${CODE.source}</code>`));
    expect(html).toContain('on Discord within 10 minutes');
    const code = CODE.exec(html)?.[1] ?? '';

    const linked = await onDiscord(discord, 'link', /Accounts linked/, { code });
    expect(linked.message.ephemeral).toBe(true);
    expect(linked.text).toContain('Telegram (Tess) and Discord (Dee) are now one person');
    // The first platform hears it through the outbox (which looks for new items every second).
    await eventually(() => {
      clock.advance(1_000);
      return telegram.messages(tess.id).find((view) => view.fromBot && /Accounts linked/.test(view.text));
    }, WAIT_MS);

    const onD = progressOf((await onDiscord(discord, 'progress', /Questions answered/)).text);
    expect(onD).toEqual({ answered: '2', linked: 'Telegram (Tess), Discord (Dee)' });
    const onT = progressOf((await onTelegram(telegram, '/progress', /Questions answered/)).text);
    expect(onT).toEqual({ answered: '2', linked: 'Telegram (Tess), Discord (Dee)' });
  });

  test('from Discord to Telegram: a code in backticks, confirmed by a DM on Discord; wrong and expired codes; unlink from Telegram', async () => {
    const discord = await startDiscordEmulator({ guilds: [{ members: [{ user: dee }] }] });
    const telegram = await startTelegramEmulator();
    world.discord = discord;
    world.telegram = telegram;
    const clock = new ManualClock(NOW);
    await startApp({ discord, telegram }, clock);

    const wrong = await onTelegram(telegram, '/link ABCDE-FGHJK', /code is wrong/);
    expect(wrong.text).toContain('4 tries left');

    const stale = CODE.exec((await onDiscord(discord, 'link', /one-time code/)).raw)?.[1] ?? '';
    clock.advance(CODE_TTL_MS);
    await onTelegram(telegram, `/link ${stale}`, /That code has expired/);

    const shown = await onDiscord(discord, 'link', /one-time code/);
    expect(shown.message.ephemeral).toBe(true);
    expect(shown.raw).toMatch(new RegExp(`\`${CODE.source}\``));
    expect(shown.text).toContain('on Telegram within 10 minutes');
    const code = CODE.exec(shown.raw)?.[1] ?? '';
    const linked = await onTelegram(telegram, `/link ${code.toLowerCase()}`, /Accounts linked/);
    expect(linked.text).toContain('Discord (Dee) and Telegram (Tess) are now one person');
    // Dee hears it in a DM the bot opened, through the outbox.
    const opened = await eventually(() => {
      clock.advance(1_000);
      return discord.calls.find((call) => call.method === 'POST' && call.path === '/users/@me/channels');
    }, WAIT_MS);
    expect(opened.body).toEqual({ recipient_id: dee.id });
    const dm = (opened.response as { id: string }).id;
    await eventually(
      () => discord.channelMessages(dm).find((message) => /Accounts linked/.test(textOf(message))),
      WAIT_MS,
    );
    // The code is used up.
    await onTelegram(telegram, `/link ${code}`, /code is wrong, or it was used already/);

    const prompt = await onTelegram(telegram, '/unlink', /Unlink your accounts\?/);
    expect(prompt.text).toContain('stays with your first account, Discord (Dee)');
    const unlink = (prompt.replyMarkup?.inline_keyboard.flat() ?? []).find(
      (button) => button.text === 'Unlink',
    ) as { callback_data?: string } | undefined;
    await telegram.callbackAnswer(
      telegram.pressButton({ from: tess, messageId: prompt.messageId, data: unlink?.callback_data ?? '' }),
      WAIT_MS,
    );
    await eventually(
      () => telegram.messages(tess.id).find((view) => /Accounts unlinked/.test(view.text)),
      WAIT_MS,
    );
    const after = progressOf((await onDiscord(discord, 'progress', /Questions answered/)).text);
    expect(after.linked).toMatch(/^none/);
  });
});

describe.skipIf(onRedis.skip)(onRedis.title('linking across instances on Redis'), () => {
  test('a code made on one instance is redeemed on another; the first sees the link at once', async () => {
    const discord = await startDiscordEmulator({ guilds: [{ members: [{ user: dee }] }] });
    const telegram = await startTelegramEmulator();
    world.discord = discord;
    world.telegram = telegram;
    world.namespace = uniqueNamespace();
    const store = { url: redisUrl ?? '', namespace: world.namespace };
    // Two instances on one Redis: one serves Telegram, the other Discord.
    const telegramClock = new ManualClock(NOW);
    await startApp({ telegram }, telegramClock, store);
    await startApp({ discord }, new ManualClock(NOW), store);

    // The Telegram instance reads (and caches) Tess as not linked.
    const before = progressOf((await onTelegram(telegram, '/progress', /Questions answered/)).text);
    expect(before.linked).toMatch(/^none/);
    await onTelegram(telegram, '/link', /one-time code/);
    const sent = await telegram.waitFor(
      'sendMessage',
      (call) => String(call.params.text).includes('<code>'),
      WAIT_MS,
    );
    const code = CODE.exec(String(sent.params.text))?.[1] ?? '';
    await onDiscord(discord, 'link', /Accounts linked/, { code });
    // The Telegram instance's outbox sends the notice the Discord instance queued.
    await eventually(() => {
      telegramClock.advance(1_000);
      return telegram.messages(tess.id).find((view) => view.fromBot && /Accounts linked/.test(view.text));
    }, WAIT_MS);
    const after = progressOf((await onTelegram(telegram, '/progress', /Questions answered/)).text);
    expect(after.linked).toBe('Telegram (Tess), Discord (Dee)');
  });
});

/** Repetitions of each end-to-end race (the stores' and the core's own race tests repeat 50 times). */
const E2E_RACES = 5;
const discordUser = (name: string, index: number): EmulatedUserInput => ({
  id: `41000000000${name === 'a' ? 1 : 2}${String(index).padStart(6, '0')}`,
  username: `${name}${index}`,
  globalName: `${name}${index}`,
});

const raceSetups = [
  { name: 'in one process', skip: undefined, instances: 1 },
  {
    name: 'on two instances sharing Redis (one serves Telegram, the other Discord)',
    skip: redisUrl ? undefined : redisSkipReason,
    instances: 2,
  },
];

describe.each(raceSetups)('linking races through both adapters, $name', ({ skip, instances }) => {
  const maybe = skip ? test.skip : test;
  if (skip) test.skip(`skipped: ${skip}`, () => {});
  const linkedIn = (text: string) => progressOf(text).linked;

  /** Both emulators and the app(s); Discord members a0…, b0… for the rounds. */
  async function setUp() {
    const users = Array.from({ length: E2E_RACES }, (_, index) => [
      discordUser('a', index),
      discordUser('b', index),
    ]).flat();
    const discord = await startDiscordEmulator({ guilds: [{ members: users.map((user) => ({ user })) }] });
    const telegram = await startTelegramEmulator();
    world.discord = discord;
    world.telegram = telegram;
    const clock = new ManualClock(NOW);
    if (instances === 1) {
      await startApp({ discord, telegram }, clock);
    } else {
      world.namespace = uniqueNamespace();
      const store = { url: redisUrl ?? '', namespace: world.namespace };
      await startApp({ telegram }, clock, store);
      await startApp({ discord }, clock, store);
    }
    return { discord, telegram };
  }

  /** The code a /link shows on Telegram, from the sendMessage that carried it. */
  async function telegramCode(telegram: TelegramEmulator, from: { id: number; first_name: string }) {
    const shown = await onTelegram(telegram, '/link', /one-time code/, from);
    return CODE.exec(shown.text)?.[1] ?? '';
  }

  maybe(
    `two codes sent by one Telegram account in one batch of updates link it with one Discord account only (${E2E_RACES} times)`,
    async () => {
      const { discord, telegram } = await setUp();
      for (let round = 0; round < E2E_RACES; round++) {
        const [a, b] = [discordUser('a', round), discordUser('b', round)];
        const me = { id: 700 + round, first_name: `T${round}` };
        const codeA = CODE.exec((await onDiscord(discord, 'link', /one-time code/, {}, a)).raw)?.[1] ?? '';
        const codeB = CODE.exec((await onDiscord(discord, 'link', /one-time code/, {}, b)).raw)?.[1] ?? '';
        const before = telegram.messages(me.id).length;
        const sent = [
          telegram.sendText({ from: me, text: `/link ${codeA}` }),
          telegram.sendText({ from: me, text: `/link ${codeB}` }),
        ].map((result) => result.update.update_id);
        // Both reach the bot in one getUpdates answer, so it handles them at the same time.
        await telegram.waitFor(
          'getUpdates',
          (call) => {
            const result = (call.response as { result?: Update[] }).result ?? [];
            return sent.every((id) => result.some((update) => update.update_id === id));
          },
          WAIT_MS,
        );
        const replies = await eventually(() => {
          const said = telegram
            .messages(me.id)
            .slice(before)
            .filter((view) => view.fromBot);
          return said.length >= 2 ? said.map((view) => view.text) : undefined;
        }, WAIT_MS);
        expect(
          replies.filter((text) => /Accounts linked/.test(text)),
          `round ${round}`,
        ).toHaveLength(1);
        expect(replies.join('\n'), `round ${round}`).toMatch(
          /This account is linked with Discord \([ab]\d+\) already/,
        );
        const sides = await Promise.all(
          [a, b].map(async (user) =>
            linkedIn((await onDiscord(discord, 'progress', /Questions answered/, {}, user)).text),
          ),
        );
        expect(
          sides.filter((linked) => linked?.startsWith('none')),
          `round ${round}`,
        ).toHaveLength(1);
        expect(
          sides.filter((linked) => linked?.includes(`Telegram (T${round})`)),
          `round ${round}`,
        ).toHaveLength(1);
      }
    },
  );

  maybe(
    `a Discord and a Telegram account redeeming each other's codes at once agree on who they are (${E2E_RACES} times)`,
    async () => {
      const { discord, telegram } = await setUp();
      for (let round = 0; round < E2E_RACES; round++) {
        const d = discordUser('a', round);
        const me = { id: 800 + round, first_name: `U${round}` };
        await onDiscord(discord, 'timezone', /Europe\/Berlin/, { zone: 'Europe/Berlin' }, d);
        await onTelegram(telegram, '/timezone Asia/Tokyo', /Asia\/Tokyo/, me);
        const fromD = CODE.exec((await onDiscord(discord, 'link', /one-time code/, {}, d)).raw)?.[1] ?? '';
        const fromT = await telegramCode(telegram, me);
        const [onD, onT] = await Promise.all([
          onDiscord(discord, 'link', /Accounts linked|linked already/, { code: fromT }, d),
          onTelegram(telegram, `/link ${fromD}`, /Accounts linked|linked already/, me),
        ]);
        const texts = [onD.text, onT.text];
        expect(
          texts.filter((text) => /Accounts linked/.test(text)),
          `round ${round}`,
        ).toHaveLength(1);
        expect(
          texts.filter((text) => text.includes('These accounts are linked already.')),
          `round ${round}`,
        ).toHaveLength(1);
        const seenByD = (await onDiscord(discord, 'progress', /Questions answered/, {}, d)).text;
        const seenByT = (await onTelegram(telegram, '/progress', /Questions answered/, me)).text;
        expect(linkedIn(seenByD), `round ${round}`).toBe(linkedIn(seenByT));
        const zone = (text: string) => /Days are counted in (\S+)\./.exec(text)?.[1];
        expect(zone(seenByD), `round ${round}`).toBe(zone(seenByT));
      }
    },
  );
});
