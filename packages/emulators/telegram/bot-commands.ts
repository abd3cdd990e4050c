// The bot's command lists per (scope, language_code), with setMyCommands' validation and error texts.
import { badRequest } from './api-error.ts';
import type { BotCommand } from './bot-api-types.ts';
import { characterCount } from './formatted-text.ts';
import { isRecord } from './params.ts';

export const MAX_COMMANDS = 100;
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;

function readCommand(raw: unknown): BotCommand {
  if (!isRecord(raw)) throw badRequest("can't parse BotCommand: BotCommand must be an Object");
  const { command, description } = raw;
  if (command === undefined) throw badRequest(`can't parse BotCommand: Can't find field "command"`);
  if (description === undefined) throw badRequest(`can't parse BotCommand: Can't find field "description"`);
  if (typeof command !== 'string')
    throw badRequest(`can't parse BotCommand: Field "command" must be of type String`);
  if (typeof description !== 'string') {
    throw badRequest(`can't parse BotCommand: Field "description" must be of type String`);
  }
  // TDLib strips one leading slash and trims the description before checking them.
  const name = command.startsWith('/') ? command.slice(1) : command;
  const text = description.trim();
  if (name === '') throw badRequest('command must be non-empty');
  if (characterCount(name) > 32) throw badRequest('command length must not exceed 32');
  if (text === '') throw badRequest('command description must be non-empty');
  if (characterCount(text) > 256) throw badRequest('command description length must not exceed 256');
  if (!COMMAND_NAME.test(name)) throw badRequest('BOT_COMMAND_INVALID');
  return { command: name, description: text };
}

/** Validates the `commands` parameter of setMyCommands. */
export function readCommands(raw: unknown): BotCommand[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest("can't parse commands JSON object");
  if (raw.length > MAX_COMMANDS) throw badRequest('BOT_COMMANDS_TOO_MUCH');
  return raw.map(readCommand);
}

/** The key of a command list: scope (default `{type:'default'}`) plus language code. */
export function commandListKey(scope: unknown, languageCode: string | undefined): string {
  const normalisedScope = isRecord(scope) ? scope : { type: 'default' };
  const ordered = Object.fromEntries(Object.entries(normalisedScope).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(ordered)}|${languageCode ?? ''}`;
}

export class BotCommandRegistry {
  private readonly lists = new Map<string, BotCommand[]>();

  set(key: string, commands: BotCommand[]): void {
    if (commands.length === 0) this.lists.delete(key);
    else
      this.lists.set(
        key,
        commands.map((command) => ({ ...command })),
      );
  }

  get(key: string): BotCommand[] {
    return (this.lists.get(key) ?? []).map((command) => ({ ...command }));
  }

  delete(key: string): void {
    this.lists.delete(key);
  }
}
