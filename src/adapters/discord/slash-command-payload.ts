// Command definitions → Discord slash-command JSON, built (and so validated) with @discordjs/builders.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandIntegerOption,
  type SlashCommandStringOption,
} from 'discord.js';
import type { AnyCommand } from '../../command-kit/define-command.ts';
import type { OptionSpec } from '../../command-kit/option-spec.ts';

/** Global commands are offered in servers and in DMs with the bot; guild commands only in their server. */
export type CommandScope = 'global' | 'guild';

function describe<T extends SlashCommandStringOption | SlashCommandIntegerOption>(
  option: T,
  spec: OptionSpec,
): T {
  option.setName(spec.name).setDescription(spec.description).setRequired(spec.required);
  if (spec.autocomplete) option.setAutocomplete(true);
  return option;
}

/** One command as Discord expects it; configuring commands need Manage Channels by default. */
export function slashCommandPayload(
  command: AnyCommand,
  scope: CommandScope,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder()
    .setName(command.name)
    .setDescription(command.description)
    .setDefaultMemberPermissions(command.manageChat ? PermissionFlagsBits.ManageChannels : null);
  if (scope === 'global') {
    builder
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  }
  for (const spec of command.specs) {
    if (spec.kind === 'integer') {
      builder.addIntegerOption((option) => {
        describe(option, spec);
        if (spec.min !== undefined) option.setMinValue(spec.min);
        if (spec.max !== undefined) option.setMaxValue(spec.max);
        return option;
      });
      continue;
    }
    builder.addStringOption((option) => {
      describe(option, spec);
      if (spec.choices) option.addChoices(...spec.choices.map((choice) => ({ name: choice, value: choice })));
      return option;
    });
  }
  return builder.toJSON();
}

export function slashCommandPayloads(
  commands: readonly AnyCommand[],
  scope: CommandScope,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => slashCommandPayload(command, scope));
}
