// Two bot instances on one Redis serving one Discord application over HTTP, as behind a load balancer:
// an interaction may reach either; nothing is lost or doubled, and neither opens a gateway connection.
import {
  type DiscordEmulator,
  generateInteractionKeys,
  startDiscordEmulator,
} from '@newsquiz/emulators/discord';
import { afterEach, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createDiscordRest } from '../../src/adapters/discord/discord-rest.ts';
import { syncCommands } from '../../src/adapters/discord/sync-commands.ts';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { alice, bob, button, cyd, textOf } from '../adapters/discord/discord-harness.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { eventually } from '../support/eventually.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { freePort } from '../support/free-port.ts';
import { dropNamespace, NOW, redisUrl, uniqueNamespace } from '../support/test-core.ts';

const onRedis = needsRedis();

interface Instance {
  app: App;
  endpoint: string;
  metrics: number;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function startInstance(
  emulator: DiscordEmulator,
  publicKey: string,
  storeUrl: string,
  namespace: string,
  clock: ManualClock,
): Promise<Instance> {
  const port = await freePort();
  const metrics = await freePort();
  const app = await createApp(
    parseConfig({
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_BASE: emulator.apiBase,
      DISCORD_PUBLIC_KEY: publicKey,
      DISCORD_INTERACTIONS_PORT: String(port),
      STORE_URL: storeUrl,
      CONTENT_DIR: FIXTURE_CONTENT,
      METRICS_PORT: String(metrics),
      FEED_POLLING: 'off',
    }),
    { log: silentLogger(), namespace, clock, timers: clock },
  );
  await app.start();
  cleanup.push(() => app.stop());
  return { app, endpoint: `http://127.0.0.1:${port}/interactions`, metrics };
}

async function setUp(storeUrl: string) {
  const emulator = await startDiscordEmulator({
    strictCommands: true,
    guilds: [{ members: [{ user: alice }, { user: bob }, { user: cyd }] }],
  });
  cleanup.push(() => emulator.close());
  const rest = createDiscordRest({ token: emulator.token, apiBase: emulator.apiBase });
  await syncCommands({ rest, applicationId: emulator.applicationId, guildId: emulator.guildId, commands });
  const keys = generateInteractionKeys();
  const namespace = uniqueNamespace();
  const clock = new ManualClock(NOW);
  const a = await startInstance(emulator, keys.publicKeyHex, storeUrl, namespace, clock);
  const b = await startInstance(emulator, keys.publicKeyHex, storeUrl, namespace, clock);
  cleanup.push(() => dropNamespace(a.app.store, namespace));
  /** Sends the next interactions to this instance, as a load balancer might. */
  const via = (instance: Instance) => {
    emulator.interactionsEndpoint = { url: instance.endpoint, privateKey: keys.privateKey };
  };
  return { emulator, a, b, via, clock };
}

test('/healthz says the Discord adapter runs in http mode, and nothing connects to the gateway', async () => {
  const { emulator, a } = await setUp('memory://');
  const health = await fetch(`http://127.0.0.1:${a.metrics}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({
    status: 'ok',
    adapters: { discord: 'connected' },
    modes: { discord: 'http' },
  });
  expect(emulator.gatewayConnectionsOpened).toBe(0);
  expect(emulator.calls.filter((call) => call.path.startsWith('/gateway'))).toEqual([]);
});

test.skipIf(onRedis.skip)(
  onRedis.title('a group quiz started on one instance takes presses on both: each counted once, closed once'),
  async () => {
    const { emulator, a, b, via, clock } = await setUp(redisUrl ?? '');
    const channelId = emulator.channelId;
    via(a);
    const start = emulator.runCommand({
      channelId,
      name: 'quiz',
      options: { article: 'deepseek-v4-delay', mode: 'group', seconds: 30 },
      user: alice,
    });
    expect((await start.callback()).data?.content).toBe('Posted to this channel.');
    const question = await eventually(() =>
      emulator.channelMessages(channelId).find((message) => textOf(message).includes('Question 1 of')),
    );
    const choice = button(question, /.+/);
    const press = async (instance: Instance, user: typeof alice) => {
      via(instance);
      const handle = emulator.pressButton({ messageId: question.id, customId: choice, user });
      await handle.callback();
      return handle.record();
    };
    // Alice's press reaches B, Bob's A, Cyd's B; Bob presses again, and that one reaches B.
    const notices = [];
    for (const [instance, user] of [
      [b, alice],
      [a, bob],
      [b, cyd],
      [b, bob],
    ] as const) {
      const record = await press(instance, user);
      // The presser's notice is the inline answer (an ephemeral message with its Report button).
      const note = await eventually(() => emulator.interaction(record.id)?.original);
      notices.push(textOf(note));
    }
    expect(notices.slice(0, 3).every((text) => /Correct|Not quite/.test(text))).toBe(true);
    expect(notices[3]).toMatch(/already answered/i);

    clock.advance(31_000);
    // The closed question counts three answers: each press counted once, whichever instance took it.
    const closed = await eventually(() => {
      const text = textOf(emulator.message(question.id));
      return text.includes('closed') && text;
    }, 10_000);
    expect(closed).toMatch(/Got it \(\d of 3\)/);
    // Both instances' timers saw the deadline; one closed the question and posted the next, once.
    const secondQuestions = () =>
      emulator.channelMessages(channelId).filter((message) => textOf(message).includes('Question 2 of'));
    const next = await eventually(() => secondQuestions().length > 0 && secondQuestions(), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(next).toHaveLength(1);
    expect(secondQuestions()).toHaveLength(1);
    expect(emulator.gatewayConnectionsOpened).toBe(0);
  },
);

test.skipIf(onRedis.skip)(
  onRedis.title(
    'a solo quiz started on one instance goes on at the other: the press there updates it (type 7)',
  ),
  async () => {
    const { emulator, a, b, via } = await setUp(redisUrl ?? '');
    via(a);
    const start = emulator.runCommand({
      channelId: emulator.channelId,
      name: 'quiz',
      options: { article: 'deepseek-v4-delay', mode: 'solo' },
      user: bob,
    });
    await start.callback();
    const question = start.record().original;
    expect(textOf(question)).toContain('Question 1 of');
    via(b);
    const press = emulator.pressButton({
      messageId: question?.id ?? '',
      customId: button(question, /.+/),
      user: bob,
    });
    expect((await press.callback()).type).toBe(7);
    const answered = emulator.message(question?.id ?? '');
    expect(textOf(answered)).toMatch(/Correct|Not quite/);
    via(a);
    const next = emulator.pressButton({
      messageId: question?.id ?? '',
      customId: button(answered, /Next/),
      user: bob,
    });
    expect((await next.callback()).type).toBe(7);
    expect(textOf(emulator.message(question?.id ?? ''))).toContain('Question 2 of');
  },
);
