import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type DiscordEmulator, startDiscordEmulator } from '@newsquiz/emulators/discord';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.ts';
import { slashCommandPayloads } from '../../../src/adapters/discord/slash-command-payload.ts';
import { syncCommands } from '../../../src/adapters/discord/sync-commands.ts';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../../support/compiled-build.ts';
import { tempDir } from '../../support/test-core.ts';

const run = promisify(execFile);

describe('slash command registration', () => {
  beforeAll(ensureBuild, BUILD_TIMEOUT_MS);
  let emulator: DiscordEmulator;
  beforeEach(async () => {
    emulator = await startDiscordEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  const puts = () => emulator.calls.filter((call) => call.method === 'PUT').length;

  test('global commands are offered in servers and DMs; configuring ones need Manage Channels', () => {
    const payloads = slashCommandPayloads(commands, 'global');
    expect(payloads.map((payload) => payload.name)).toEqual(commands.map((command) => command.name));
    for (const payload of payloads) {
      expect(payload.contexts).toEqual([0, 1]);
      expect(payload.integration_types).toEqual([0]);
      const configures = payload.name === 'subscribe' || payload.name === 'unsubscribe';
      expect(payload.default_member_permissions).toBe(configures ? '16' : null);
    }
    const guild = slashCommandPayloads(commands, 'guild');
    expect(guild.every((payload) => payload.contexts === undefined)).toBe(true);
  });

  test('registering twice writes once; a changed definition is written again', async () => {
    const rest = createDiscordRest({ token: emulator.token, apiBase: emulator.apiBase });
    const options = { rest, applicationId: emulator.applicationId, guildId: emulator.guildId, commands };
    expect(await syncCommands(options)).toEqual({ scope: 'guild', changed: true, count: commands.length });
    expect(await syncCommands(options)).toEqual({ scope: 'guild', changed: false, count: commands.length });
    expect(puts()).toBe(1);

    const changed = commands.map((command) =>
      command.name === 'help' ? { ...command, description: 'What the bot does' } : command,
    );
    expect((await syncCommands({ ...options, commands: changed })).changed).toBe(true);
    expect(puts()).toBe(2);
    expect(emulator.registeredCommands(emulator.guildId).find((c) => c.name === 'help')?.description).toBe(
      'What the bot does',
    );

    const global = { rest, applicationId: emulator.applicationId, commands };
    expect((await syncCommands(global)).changed).toBe(true);
    expect((await syncCommands(global)).changed).toBe(false);
    expect(puts()).toBe(3);
    expect(emulator.registeredCommands()).toHaveLength(commands.length);
  });

  test('npm run commands:register writes the commands, and a second run writes nothing', async () => {
    const dir = await tempDir('newsquiz-register-');
    try {
      const register = () =>
        run(process.execPath, [compiled('src/cli/register-commands')], {
          cwd: dir.path,
          env: {
            PATH: process.env.PATH ?? '',
            DISCORD_TOKEN: emulator.token,
            DISCORD_API_BASE: emulator.apiBase,
            DISCORD_GUILD_ID: emulator.guildId,
          },
        });
      const first = await register();
      expect(first.stdout).toContain(`Registered ${commands.length} commands in server ${emulator.guildId}.`);
      const second = await register();
      expect(second.stdout).toContain('are up to date; nothing was written.');
      expect(puts()).toBe(1);
      expect(first.stdout + second.stdout).not.toContain(emulator.token);
    } finally {
      await dir.remove();
    }
  });
});
