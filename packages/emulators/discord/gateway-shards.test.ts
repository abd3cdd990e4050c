// Self-test of the emulator's sharding: GET /gateway/bot's recommended count, and two discord.js clients
// identifying as shards 0 and 1 of 2, each given only its guilds and only their interactions.
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type DiscordEmulator, EmulatorUsageError, shardOf, startDiscordEmulator } from './index.ts';

/** A guild id that Discord routes to `shard` of `count`: (id >> 22) % count === shard. */
const guildIn = (shard: number, count: number, n: number) =>
  String(((BigInt(count) * (100_000_000_000n + BigInt(n)) + BigInt(shard)) << 22n) + BigInt(n));

describe('discord emulator: shards', () => {
  let emulator: DiscordEmulator | undefined;
  const clients: Client[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.destroy();
    await emulator?.close();
    emulator = undefined;
  });

  it('GET /gateway/bot recommends the configured shard count (1 by default); a count below 1 is refused', async () => {
    const gatewayBot = async (running: DiscordEmulator) => {
      const response = await fetch(`${running.apiBase}/v10/gateway/bot`, {
        headers: { Authorization: `Bot ${running.token}` },
      });
      return (await response.json()) as { shards: number; url: string };
    };
    emulator = await startDiscordEmulator();
    expect((await gatewayBot(emulator)).shards).toBe(1);
    await emulator.close();
    emulator = await startDiscordEmulator({ recommendedShards: 3 });
    expect(await gatewayBot(emulator)).toMatchObject({ shards: 3, url: emulator.gatewayUrl });
    await expect(startDiscordEmulator({ recommendedShards: 0 })).rejects.toThrow(EmulatorUsageError);
  });

  it('two clients as shards 0 and 1 of 2 each get the guilds of their shard and only their interactions', async () => {
    const guildIds = [guildIn(0, 2, 1), guildIn(1, 2, 2), guildIn(0, 2, 3), guildIn(1, 2, 4)];
    expect(guildIds.map((id) => shardOf(id, 2))).toEqual([0, 1, 0, 1]);
    const running = await startDiscordEmulator({
      recommendedShards: 2,
      guilds: guildIds.map((id, index) => ({
        id,
        channels: [{ id: String(BigInt(id) + 1000n), name: `c${index}` }],
      })),
    });
    emulator = running;
    const received: { shard: number; guildId: string | null }[] = [];
    for (const shard of [0, 1]) {
      const client = new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { api: running.apiBase },
        shards: [shard],
        shardCount: 2,
      });
      clients.push(client);
      client.on(Events.InteractionCreate, (interaction) => {
        received.push({ shard, guildId: interaction.guildId });
        if (interaction.isChatInputCommand()) void interaction.reply(`shard ${shard}`);
      });
      const ready = once(client, Events.ClientReady);
      await client.login(running.token);
      await ready;
    }

    const [zero, one] = clients;
    expect([...(zero?.guilds.cache.keys() ?? [])].sort()).toEqual([guildIds[0], guildIds[2]].sort());
    expect([...(one?.guilds.cache.keys() ?? [])].sort()).toEqual([guildIds[1], guildIds[3]].sort());
    expect(
      running.sessions.map((session) => ({ ...session, guildIds: [...session.guildIds].sort() })),
    ).toEqual([
      { shard: [0, 2], guildIds: [guildIds[0], guildIds[2]].sort(), connected: true },
      { shard: [1, 2], guildIds: [guildIds[1], guildIds[3]].sort(), connected: true },
    ]);

    for (const [index, guildId] of guildIds.entries()) {
      const handle = running.runCommand({ channelId: String(BigInt(guildId) + 1000n), name: 'help' });
      const callback = await handle.callback();
      expect(callback.data?.content).toBe(`shard ${index % 2}`);
    }
    expect(received).toEqual(guildIds.map((guildId, index) => ({ shard: index % 2, guildId })));
  });

  it('closes an IDENTIFY whose shard is outside its count with 4010', async () => {
    const running = await startDiscordEmulator({ recommendedShards: 2 });
    emulator = running;
    const socket = new WebSocket(`${running.gatewayUrl}?v=10&encoding=json`);
    socket.on('message', (data: Buffer) => {
      const { op } = JSON.parse(data.toString()) as { op: number };
      if (op === 10)
        socket.send(
          JSON.stringify({ op: 2, d: { token: running.token, intents: 1, properties: {}, shard: [2, 2] } }),
        );
    });
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4010);
    expect(running.sessions).toEqual([]);
  });
});
