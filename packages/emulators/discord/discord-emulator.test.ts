// Self-test of the Discord emulator with the real discord.js Client (plus a few raw REST/gateway checks).
import { once } from 'node:events';
import { inflateSync } from 'node:zlib';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  type TextChannel,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type DiscordEmulator, REGULAR_MEMBER_PERMISSIONS, startDiscordEmulator } from './index.ts';

type Handler = (interaction: Interaction) => Promise<void>;

describe('discord emulator with discord.js', () => {
  let emulator: DiscordEmulator;
  let client: Client;
  let handler: Handler = async () => {};
  const handlerErrors: unknown[] = [];

  /** Runs `fn` as the bot's interactionCreate handler, collecting its errors for assertions. */
  const onInteraction = (fn: Handler): void => {
    handler = fn;
  };

  beforeAll(async () => {
    emulator = await startDiscordEmulator();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase } });
    client.on(Events.InteractionCreate, (interaction) => {
      handler(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    const ready = once(client, Events.ClientReady);
    await client.login(emulator.token);
    await ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await emulator?.close();
  });

  function textChannel(): TextChannel {
    const channel = client.channels.cache.get(emulator.channelId);
    if (channel?.type !== ChannelType.GuildText)
      throw new Error('default channel is not a cached text channel');
    return channel;
  }

  it('logs in: READY + GUILD_CREATE populate the caches', () => {
    expect(client.user?.id).toBe(emulator.applicationId);
    expect(client.application?.id).toBe(emulator.applicationId);
    const guild = client.guilds.cache.get(emulator.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.roles.everyone.id).toBe(emulator.guildId);
    expect(guild?.members.me?.id).toBe(emulator.applicationId);
    expect(textChannel().name).toBe('general');
    expect(
      textChannel()
        .permissionsFor(client.user?.id ?? '')
        ?.has(PermissionFlagsBits.SendMessages),
    ).toBe(true);
    expect(emulator.token.split('.')[0]).toBe(
      Buffer.from(emulator.applicationId).toString('base64').replace(/=+$/, ''),
    );
    expect(emulator.calls[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 200 });
  });

  it('registers guild commands, reads them back, and rejects invalid ones', async () => {
    const set = await client.application?.commands.set(
      [
        {
          name: 'quiz',
          description: 'Start a reading quiz',
          options: [
            { type: 3, name: 'topic', description: 'Topic', required: true, autocomplete: true },
            { type: 4, name: 'questions', description: 'How many', min_value: 1, max_value: 10 },
          ],
        },
        { name: 'brief', description: 'Post the news brief' },
      ],
      emulator.guildId,
    );
    expect(set?.size).toBe(2);
    expect(emulator.registeredCommands(emulator.guildId).map((c) => c.name)).toEqual(['quiz', 'brief']);
    const fetched = await client.application?.commands.fetch({ guildId: emulator.guildId });
    expect(fetched?.map((c) => c.name).sort()).toEqual(['brief', 'quiz']);

    const bad = client.application?.commands.set(
      [
        {
          name: 'Bad Name',
          description: 'x',
          options: [
            { type: 3, name: 'b', description: 'b' },
            { type: 3, name: 'a', description: 'a', required: true },
          ],
        },
      ],
      emulator.guildId,
    );
    const error = await bad?.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50035, status: 400 });
    expect((error as DiscordAPIError).message).toContain('APPLICATION_COMMAND_INVALID_NAME');
    expect((error as DiscordAPIError).message).toContain('APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID');
    expect(emulator.registeredCommands(emulator.guildId)).toHaveLength(2);
  });

  it('delivers a slash command; the reply with an embed and a button row is recorded', async () => {
    let seenTopic: string | null = null;
    let canManage: boolean | undefined;
    onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seenTopic = interaction.options.getString('topic');
      canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels);
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('quiz:answer:a').setLabel('A').setStyle(ButtonStyle.Primary),
        new ButtonBuilder().setURL('https://example.com/article').setLabel('Read').setStyle(ButtonStyle.Link),
      );
      await interaction.reply({
        embeds: [new EmbedBuilder().setTitle('Quiz: space').setDescription('Question 1')],
        components: [row],
        allowedMentions: { parse: [] },
      });
    });
    const handle = emulator.runCommand({
      channelId: emulator.channelId,
      name: 'quiz',
      options: { topic: 'space' },
    });
    const callback = await handle.callback();
    expect(callback.type).toBe(4);
    expect(callback.data?.embeds?.[0]?.title).toBe('Quiz: space');
    expect(callback.elapsedMs).toBeLessThan(1_000);
    expect(seenTopic).toBe('space');
    expect(canManage).toBe(true);

    const record = emulator.interaction(handle.id);
    expect(record?.payload.type).toBe(2);
    expect(record?.original?.type).toBe(20);
    expect(record?.original?.interaction_metadata?.id).toBe(handle.id);
    const [message] = emulator.channelMessages(emulator.channelId);
    expect(message?.id).toBe(record?.original?.id);
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    expect(message?.components?.[0]).toMatchObject({
      type: 1,
      components: [{ custom_id: 'quiz:answer:a' }, { style: 5 }],
    });
    const call = emulator.calls.find((c) => c.path === `/interactions/${handle.id}/${handle.token}/callback`);
    expect(call?.status).toBe(204);
  });

  it('passes member permissions without Manage Channels', async () => {
    let canManage: boolean | undefined;
    onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels);
      await interaction.reply({ content: 'You need Manage Channels.', flags: MessageFlags.Ephemeral });
    });
    const handle = emulator.runCommand({
      channelId: emulator.channelId,
      name: 'brief',
      permissions: REGULAR_MEMBER_PERMISSIONS,
    });
    await handle.callback();
    expect(canManage).toBe(false);
    expect(handle.record().original?.ephemeral).toBe(true);
  });

  it('handles a button press with interaction.update()', async () => {
    const [message] = emulator.channelMessages(emulator.channelId);
    if (!message) throw new Error('no message to press');
    onInteraction(async (interaction) => {
      if (!interaction.isButton()) return;
      expect(interaction.customId).toBe('quiz:answer:a');
      expect(interaction.message.id).toBe(message.id);
      await interaction.update({ content: 'Correct!', components: [] });
    });
    const handle = emulator.pressButton({ messageId: message.id, customId: 'quiz:answer:a' });
    const callback = await handle.callback();
    expect(callback.type).toBe(7);
    const updated = emulator.message(message.id);
    expect(updated).toMatchObject({ content: 'Correct!', components: [], edits: 1 });
    expect(updated?.embeds[0]?.title).toBe('Quiz: space');
    expect(handle.record().original?.id).toBe(message.id);
  });

  it('supports deferReply + editReply, and an ephemeral followUp', async () => {
    onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({ content: 'Here is your brief.' });
      await interaction.followUp({ content: 'Only you can see this.', flags: MessageFlags.Ephemeral });
    });
    const handle = emulator.runCommand({ channelId: emulator.channelId, name: 'brief' });
    expect((await handle.callback()).type).toBe(5);
    await emulator.waitFor(
      (c) => c.method === 'POST' && c.path === `/webhooks/${emulator.applicationId}/${handle.token}`,
    );
    const record = handle.record();
    expect(record.original).toMatchObject({
      content: 'Here is your brief.',
      ephemeral: false,
      edited_timestamp: null,
    });
    expect((record.original?.flags ?? 0) & 128).toBe(0);
    expect(record.followUps).toHaveLength(1);
    expect(record.followUps[0]).toMatchObject({ content: 'Only you can see this.', ephemeral: true });
    const visible = emulator.channelMessages(emulator.channelId).map((m) => m.content);
    expect(visible).toContain('Here is your brief.');
    expect(visible).not.toContain('Only you can see this.');
  });

  it('rejects an embed title over 256 characters with 50035', async () => {
    const error = await textChannel()
      .send({ embeds: [{ title: 'x'.repeat(300) }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50035, status: 400 });
    expect((error as DiscordAPIError).rawError).toMatchObject({
      errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });

    onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const failure = await interaction
        .reply({ embeds: [{ title: 'y'.repeat(300) }] })
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 50035 });
      await interaction.reply({ content: 'fallback' });
    });
    const handle = emulator.runCommand({ channelId: emulator.channelId, name: 'brief' });
    expect((await handle.callback()).data?.content).toBe('fallback');
    expect(handle.record().rejectedCallbacks).toMatchObject([{ status: 400, code: 50035 }]);
  });

  it('de-duplicates channel.send with nonce + enforceNonce', async () => {
    const before = emulator.channelMessages(emulator.channelId).length;
    const first = await textChannel().send({
      content: 'Daily brief',
      nonce: 'brief-2024-05-01',
      enforceNonce: true,
    });
    const second = await textChannel().send({
      content: 'Daily brief',
      nonce: 'brief-2024-05-01',
      enforceNonce: true,
    });
    expect(second.id).toBe(first.id);
    expect(emulator.channelMessages(emulator.channelId)).toHaveLength(before + 1);
    expect(emulator.stats.sent).toBe(1);
  });

  it('answers a second callback with 40060 and a late one with 10062', async () => {
    const second = new Promise<unknown>((resolve) => {
      onInteraction(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.reply({ content: 'first' });
        // discord.js refuses a second reply itself (InteractionAlreadyReplied), so call the route directly.
        const body = { type: 4, data: { content: 'again' } };
        const route = Routes.interactionCallback(interaction.id, interaction.token);
        resolve(await client.rest.post(route, { body, auth: false }).catch((e: unknown) => e));
      });
    });
    const twice = emulator.runCommand({ channelId: emulator.channelId, name: 'brief' });
    expect((await twice.callback()).data?.content).toBe('first');
    expect(await second).toMatchObject({ code: 40060, status: 400 });
    expect(twice.record().rejectedCallbacks).toMatchObject([{ status: 400, code: 40060 }]);

    emulator.interactionTimeoutMs = 200;
    const tooLate = new Promise<unknown>((resolve) => {
      onInteraction(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await new Promise((r) => setTimeout(r, 300));
        resolve(await interaction.reply({ content: 'too late' }).catch((e: unknown) => e));
      });
    });
    const late = emulator.runCommand({ channelId: emulator.channelId, name: 'brief' });
    emulator.interactionTimeoutMs = 3_000;
    await expect(late.callback()).rejects.toThrow(/no callback within 200 ms/);
    expect(await tooLate).toMatchObject({ code: 10062, status: 404 });
  });

  it('shows a modal and receives its submission; answers autocomplete; defers an update', async () => {
    onInteraction(async (interaction) => {
      if (interaction.isAutocomplete()) {
        await interaction.respond([{ name: `${interaction.options.getFocused()} news`, value: 'space' }]);
      } else if (interaction.isChatInputCommand()) {
        const input = new TextInputBuilder()
          .setCustomId('answer')
          .setLabel('Your answer')
          .setStyle(TextInputStyle.Short);
        const modal = new ModalBuilder().setCustomId('quiz:modal').setTitle('Answer');
        await interaction.showModal(
          modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
        );
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({
          content: `You said ${interaction.fields.getTextInputValue('answer')}`,
          flags: MessageFlags.Ephemeral,
        });
      } else if (interaction.isButton()) {
        await interaction.deferUpdate();
        await interaction.editReply({ content: 'Deferred update done' });
      }
    });
    const suggestions = emulator.autocomplete({
      channelId: emulator.channelId,
      name: 'quiz',
      options: { topic: 'spa' },
      focused: 'topic',
    });
    expect((await suggestions.callback()).data?.choices).toEqual([{ name: 'spa news', value: 'space' }]);

    const opened = emulator.runCommand({
      channelId: emulator.channelId,
      name: 'quiz',
      options: { topic: 'space' },
    });
    expect((await opened.callback()).type).toBe(9);
    const submitted = emulator.submitModal({ customId: 'quiz:modal', fields: { answer: 'Mars' } });
    expect((await submitted.callback()).data?.content).toBe('You said Mars');

    const message = await textChannel().send({
      content: 'Press me',
      components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'later', label: 'Later' }] }],
    });
    const press = emulator.pressButton({ messageId: message.id, customId: 'later' });
    expect((await press.callback()).type).toBe(6);
    await emulator.waitFor((c) => c.method === 'PATCH' && c.path.includes(press.token));
    expect(emulator.message(message.id)?.content).toBe('Deferred update done');
  });

  it('resumes after a gateway disconnect without losing interactions', async () => {
    const resumed = once(client, Events.ShardResume);
    emulator.disconnectGateway(4000);
    await resumed;
    expect(emulator.readySessions).toBe(1);
    onInteraction(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    });
    const handle = emulator.runCommand({ channelId: emulator.channelId, name: 'brief' });
    expect((await handle.callback()).data?.content).toBe('still here');
  });

  it('retries an injected 500 and surfaces an injected 403', async () => {
    emulator.failNext('POST', /^\/channels\/\d+\/messages$/, 500);
    const sent = await textChannel().send('after a retry');
    expect(sent.content).toBe('after a retry');
    const injected = emulator.calls.filter((c) => c.injected);
    expect(injected.at(-1)).toMatchObject({ status: 500, method: 'POST' });

    emulator.setAppPermissions(emulator.channelId, PermissionFlagsBits.ViewChannel);
    const denied = await textChannel()
      .send('nope')
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 50013, status: 403 });
    emulator.setAppPermissions(
      emulator.channelId,
      PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
    );
    expect(handlerErrors).toEqual([]);
  });
});

describe('discord emulator raw protocol', () => {
  let emulator: DiscordEmulator;

  beforeAll(async () => {
    emulator = await startDiscordEmulator();
  });

  afterAll(async () => {
    await emulator?.close();
  });

  const api = (path: string, init: RequestInit = {}, token = emulator.token) =>
    fetch(`${emulator.apiBase}/v10${path}`, {
      ...init,
      headers: { Authorization: `Bot ${token}`, 'Content-Type': 'application/json', ...init.headers },
    });

  it('stores half an emoji as U+FFFD, the broken character Discord shows', async () => {
    const response = await api(`/channels/${emulator.channelId}/messages`, {
      method: 'POST',
      // JSON.stringify writes a lone surrogate as an escape, as discord.js sends it.
      body: JSON.stringify({ content: `cut ${'😀'.slice(0, 1)} here, whole 😀` }),
    });
    expect(response.status).toBe(200);
    const stored = emulator.channelMessages(emulator.channelId).at(-1);
    expect(stored?.content).toBe('cut \uFFFD here, whole 😀');
  });

  it('checks auth, unknown routes and per-channel rate limits', async () => {
    expect((await api('/users/@me', {}, 'wrong')).status).toBe(401);
    const missing = await api('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: '404: Not Found', code: 0 });

    const limitedEmulator = await startDiscordEmulator({
      rateLimits: { globalPerSecond: 1_000, perChannelPer5s: 2 },
    });
    try {
      const post = () =>
        fetch(`${limitedEmulator.apiBase}/v10/channels/${limitedEmulator.channelId}/messages`, {
          method: 'POST',
          headers: { Authorization: `Bot ${limitedEmulator.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ content: 'hi' }),
        });
      const first = await post();
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await post()).status).toBe(200);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('5');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(await limited.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
      expect(limitedEmulator.stats).toMatchObject({ sent: 2, tooManyRequests: 1 });
    } finally {
      await limitedEmulator.close();
    }
  });

  it('validates message payloads like Discord', async () => {
    // #general's bucket was used up above (invalid requests count too), so post to #news.
    const channels = (await (await api(`/guilds/${emulator.guildId}/channels`)).json()) as {
      id: string;
      name: string;
    }[];
    const news = channels.find((c) => c.name === 'news')?.id ?? '';
    const send = async (body: unknown) => {
      const res = await api(`/channels/${news}/messages`, { method: 'POST', body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as { code?: number; errors?: unknown } };
    };
    const button = (extra: Record<string, unknown>) => ({ type: 2, style: 1, label: 'x', ...extra });
    const cases: [unknown, unknown][] = [
      [{ content: 'x'.repeat(2001) }, { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } }],
      [
        { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
        { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
      ],
      [
        { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] },
        { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } },
      ],
      [
        {
          embeds: [
            {
              fields: [
                { name: 'n', value: 'v'.repeat(1025) },
                { name: '', value: 'v' },
              ],
            },
          ],
        },
        { embeds: { 0: { fields: { 0: { value: {} }, 1: { name: {} } } } } },
      ],
      [
        {
          components: Array.from({ length: 6 }, (_, i) => ({
            type: 1,
            components: [button({ custom_id: `b${i}` })],
          })),
        },
        { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
      ],
      [
        {
          components: [
            { type: 1, components: [button({ custom_id: 'same' }), button({ custom_id: 'same' })] },
          ],
        },
        {
          components: {
            0: {
              components: { 1: { custom_id: { _errors: [{ code: 'COMPONENT_CUSTOM_ID_DUPLICATED' }] } } },
            },
          },
        },
      ],
      [
        {
          components: [
            {
              type: 1,
              components: [button({ style: 5, custom_id: 'link' }), button({ url: 'https://x.y' })],
            },
          ],
        },
        {
          components: { 0: { components: { 0: { url: {}, custom_id: {} }, 1: { custom_id: {}, url: {} } } } },
        },
      ],
      [
        {
          components: [
            { type: 1, components: Array.from({ length: 6 }, (_, i) => button({ custom_id: `c${i}` })) },
          ],
        },
        { components: { 0: { components: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } },
      ],
      [
        { allowed_mentions: { parse: ['users'], users: ['123456789012345678'] }, content: 'x' },
        { allowed_mentions: {} },
      ],
    ];
    for (const [body, errors] of cases) {
      const result = await send(body);
      expect(result.status).toBe(400);
      expect(result.json).toMatchObject({ code: 50035, errors });
    }
    expect(await send({ content: '   ' })).toMatchObject({ status: 400, json: { code: 50006 } });
  });

  it('closes the gateway with 4004 on a wrong token and speaks zlib-stream', async () => {
    const wrong = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
    const ops: number[] = [];
    wrong.on('message', (data: Buffer) => {
      const { op } = JSON.parse(data.toString()) as { op: number };
      ops.push(op);
      // HELLO -> heartbeat; HEARTBEAT_ACK -> identify with a wrong token.
      if (op === 10) wrong.send(JSON.stringify({ op: 1, d: null }));
      if (op === 11) wrong.send(JSON.stringify({ op: 2, d: { token: 'bad', intents: 1, properties: {} } }));
    });
    const [code] = (await once(wrong, 'close')) as [number];
    expect(ops).toEqual([10, 11]);
    expect(code).toBe(4004);

    const socket = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const frames: { op: number; t: string | null }[] = [];
    let buffer = Buffer.alloc(0);
    const guildCreate = new Promise<void>((resolve) => {
      socket.on('message', (data: Buffer) => {
        buffer = Buffer.concat([buffer, data]);
        // Every frame ends with the Z_SYNC_FLUSH marker; inflate everything received so far.
        const text = inflateSync(buffer, { finishFlush: 2 }).toString('utf8');
        const parsed = text
          .split(/(?<=\})(?=\{"op")/)
          .map((part) => JSON.parse(part) as { op: number; t: string | null });
        frames.length = 0;
        frames.push(...parsed);
        const last = parsed.at(-1);
        if (last?.op === 10 && parsed.length === 1) {
          socket.send(JSON.stringify({ op: 2, d: { token: emulator.token, intents: 1, properties: {} } }));
        }
        if (last?.t === 'GUILD_CREATE') resolve();
      });
    });
    await guildCreate;
    expect(frames.map((f) => f.t ?? f.op)).toEqual([10, 'READY', 'GUILD_CREATE']);
    socket.close(1000);
    await once(socket, 'close');
  });
});
