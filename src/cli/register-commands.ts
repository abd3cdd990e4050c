// `npm run commands:register`: registers the slash commands globally, or to DISCORD_GUILD_ID when set.
import { commands } from '../../commands/index.ts';
import { createDiscordRest } from '../adapters/discord/discord-rest.ts';
import { syncCommands } from '../adapters/discord/sync-commands.ts';
import { ConfigError, loadConfig } from '../config.ts';

try {
  const config = loadConfig();
  const token = config.DISCORD_TOKEN;
  const applicationId = config.discordClientId;
  if (!token || !applicationId) {
    console.error('DISCORD_TOKEN is not set: there is no Discord application to register commands for.');
    process.exit(2);
  }
  const rest = createDiscordRest({
    token,
    ...(config.DISCORD_API_BASE ? { apiBase: config.DISCORD_API_BASE } : {}),
  });
  const result = await syncCommands({ rest, applicationId, guildId: config.DISCORD_GUILD_ID, commands });
  const where = result.scope === 'guild' ? `in server ${config.DISCORD_GUILD_ID}` : 'globally';
  console.log(
    result.changed
      ? `Registered ${result.count} commands ${where}.`
      : `The ${result.count} commands registered ${where} are up to date; nothing was written.`,
  );
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
    process.exit(2);
  }
  console.error(`Registering commands failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
