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
import { descriptionIn } from '../../command-kit/command-texts.ts';
import type { AnyCommand } from '../../command-kit/define-command.ts';
import type { OptionSpec } from '../../command-kit/option-spec.ts';
import { hasMessage, translate } from '../../i18n/translate.ts';

/** Global commands are offered in servers and in DMs with the bot; guild commands only in their server. */
export type CommandScope = 'global' | 'guild';

/**
 * Discord's codes for the languages the bot speaks besides English. Names stay English on every
 * client (they are typed, and the README and Telegram use the same ones); descriptions and choices
 * are translated.
 */
const DISCORD_LOCALES = { de: 'de', 'zh-CN': 'zh-CN' } as const;

const localized = (text: (locale: string) => string) =>
  Object.fromEntries(Object.entries(DISCORD_LOCALES).map(([locale, code]) => [code, text(locale)]));

/** How a choice reads in a language: its `choice-` message, else a post kind's title, else itself. */
function choiceName(locale: string, value: string): string {
  if (hasMessage(`choice-${value}`)) return translate(locale, `choice-${value}`);
  if (hasMessage(`post-kind-${value}-title`)) return translate(locale, `post-kind-${value}-title`);
  return value;
}

function describe<T extends SlashCommandStringOption | SlashCommandIntegerOption>(
  option: T,
  spec: OptionSpec,
  command: AnyCommand,
): T {
  option
    .setName(spec.name)
    .setDescription(spec.description)
    .setDescriptionLocalizations(localized((locale) => descriptionIn(locale, command, spec)))
    .setRequired(spec.required);
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
    .setDescriptionLocalizations(localized((locale) => descriptionIn(locale, command)))
    .setDefaultMemberPermissions(command.manageChat ? PermissionFlagsBits.ManageChannels : null);
  if (scope === 'global') {
    builder
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  }
  for (const spec of command.specs) {
    if (spec.kind === 'integer') {
      builder.addIntegerOption((option) => {
        describe(option, spec, command);
        if (spec.min !== undefined) option.setMinValue(spec.min);
        if (spec.max !== undefined) option.setMaxValue(spec.max);
        return option;
      });
      continue;
    }
    builder.addStringOption((option) => {
      describe(option, spec, command);
      if (spec.choices) {
        option.addChoices(
          ...spec.choices.map((choice) => ({
            name: choice,
            name_localizations: localized((locale) => choiceName(locale, choice)),
            value: choice,
          })),
        );
      }
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
