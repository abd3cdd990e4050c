// Brings Discord's registered slash commands in line with commands/: reads them, writes only on a change.
import { type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from 'discord.js';
import type { AnyCommand } from '../../command-kit/define-command.ts';
import { type CommandScope, slashCommandPayloads } from './slash-command-payload.ts';

export interface CommandSyncOptions {
  rest: REST;
  applicationId: string;
  /** Registers to this server only (instant, for development); globally when absent. */
  guildId?: string | undefined;
  commands: readonly AnyCommand[];
}

export interface CommandSyncResult {
  scope: CommandScope;
  /** True when the registered commands differed and were overwritten. */
  changed: boolean;
  count: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields Discord fills in when we leave them out, so a missing field compares equal to its default. */
const OPTION_DEFAULTS: Record<string, Json> = { required: false, autocomplete: false, choices: [] };
const COMMAND_DEFAULTS: Record<string, Json> = {
  type: 1,
  options: [],
  default_member_permissions: null,
  nsfw: false,
  integration_types: [0],
  contexts: null,
};
const OPTION_KEYS = [
  'type',
  'name',
  'description',
  'required',
  'autocomplete',
  'choices',
  'min_value',
  'max_value',
  'min_length',
  'max_length',
  'channel_types',
  'options',
];
const COMMAND_KEYS = ['name', 'description', ...Object.keys(COMMAND_DEFAULTS)];

function pick(source: unknown, keys: readonly string[], defaults: Record<string, Json>): Json {
  const record = isRecord(source) ? source : {};
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    const value = record[key] ?? defaults[key];
    if (value === undefined) continue;
    if (key === 'options') out[key] = Array.isArray(value) ? value.map(normalizeOption) : [];
    else if (key === 'choices' && Array.isArray(value))
      out[key] = value.map((choice) => pick(choice, ['name', 'value'], {}));
    else out[key] = value as Json;
  }
  return out;
}

const normalizeOption = (option: unknown): Json => pick(option, OPTION_KEYS, OPTION_DEFAULTS);

/** The parts of commands we control, with Discord's defaults filled in, keyed and sorted by name. */
export function normalizeCommands(commands: readonly unknown[]): string {
  const entries = commands
    .map((command) => pick(command, COMMAND_KEYS, COMMAND_DEFAULTS))
    .map((command) => [isRecord(command) ? String(command.name) : '', command] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

function scopeOf(options: CommandSyncOptions) {
  return options.guildId
    ? {
        scope: 'guild' as const,
        route: Routes.applicationGuildCommands(options.applicationId, options.guildId),
      }
    : { scope: 'global' as const, route: Routes.applicationCommands(options.applicationId) };
}

async function compare(options: CommandSyncOptions) {
  const { scope, route } = scopeOf(options);
  const wanted: RESTPostAPIChatInputApplicationCommandsJSONBody[] = slashCommandPayloads(
    options.commands,
    scope,
  );
  const registered = await options.rest.get(route);
  const same = normalizeCommands(Array.isArray(registered) ? registered : []) === normalizeCommands(wanted);
  return { scope, route, wanted, same };
}

/** Whether Discord already has exactly these commands (a read only). */
export async function commandsUpToDate(options: CommandSyncOptions): Promise<boolean> {
  return (await compare(options)).same;
}

/** Reads the registered commands and overwrites them only when they differ. */
export async function syncCommands(options: CommandSyncOptions): Promise<CommandSyncResult> {
  const { scope, route, wanted, same } = await compare(options);
  if (!same) await options.rest.put(route, { body: wanted });
  return { scope, changed: !same, count: wanted.length };
}
