// Validates application command payloads (create, edit, bulk overwrite) with Discord's rules and limits.
import type {
  APIApplicationCommand,
  APIApplicationCommandOption,
  ApplicationCommandType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { type ErrorPath, FormErrors } from './errors.ts';
import { isInteger, isRecord, isString, textLength, type UnknownRecord } from './json.ts';

/** The command fields the bot controls; ids, version and application_id are added by the store. */
export type CommandDefinition = Omit<APIApplicationCommand, 'id' | 'application_id' | 'version' | 'guild_id'>;

export const COMMAND_LIMITS = {
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  totalSize: 4000,
  chatInputCommands: 100,
  contextMenuCommands: 5,
} as const;

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const OPTION_TYPES = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
const CHOICE_TYPES = new Set([3, 4, 10]);

interface SizeCounter {
  size: number;
}

/** Validates one command body; `partial` is for PATCH (every field optional). */
export function validateCommand(
  body: unknown,
  options: { partial?: boolean; guild: boolean; path?: ErrorPath; errors?: FormErrors } = { guild: false },
): CommandDefinition {
  const errors = options.errors ?? new FormErrors();
  const path = options.path ?? [];
  const result = readCommand(body, path, errors, options.partial === true, options.guild);
  if (!options.errors) errors.throwIfAny();
  return result;
}

/** Validates a bulk overwrite (PUT) body: an array of full commands with unique names per type. */
export function validateCommandList(body: unknown, guild: boolean): CommandDefinition[] {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.wrongType([], 'array');
    errors.throwIfAny();
    return [];
  }
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  const commands = body.map((raw: unknown, i) => {
    const command = validateCommand(raw, { guild, path: [i], errors });
    const type = command.type ?? 1;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    const key = `${type}:${command.name}`;
    if (seen.has(key))
      errors.add(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    seen.add(key);
    return command;
  });
  for (const [type, count] of perType) {
    const max = type === 1 ? COMMAND_LIMITS.chatInputCommands : COMMAND_LIMITS.contextMenuCommands;
    if (count > max) errors.maxLength([], max);
  }
  errors.throwIfAny();
  return commands;
}

function readCommand(
  body: unknown,
  path: ErrorPath,
  errors: FormErrors,
  partial: boolean,
  guild: boolean,
): CommandDefinition {
  const empty: CommandDefinition = {
    type: 1 as ApplicationCommandType,
    name: '',
    description: '',
    default_member_permissions: null,
  };
  if (!isRecord(body)) {
    errors.wrongType(path, 'object');
    return empty;
  }
  const type = body.type === undefined || body.type === null ? 1 : body.type;
  if (!isInteger(type) || type < 1 || type > 4) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
    return empty;
  }
  const chatInput = type === 1;
  const size: SizeCounter = { size: 0 };
  const name = readName(body, path, errors, chatInput, partial, size);
  let description = '';
  if (chatInput) {
    description = readDescription(body, path, errors, partial, size) ?? '';
  } else if (isString(body.description) && body.description.length > 0) {
    errors.add(
      [...path, 'description'],
      'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have a description',
    );
  }
  const command: CommandDefinition = {
    type: type as ApplicationCommandType,
    name: name ?? '',
    description,
    default_member_permissions: null,
  };

  if (body.options !== undefined && body.options !== null) {
    if (!chatInput) {
      errors.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED',
        'Only chat input commands can have options',
      );
    } else {
      command.options = readOptions(body.options, [...path, 'options'], errors, 0, size);
    }
  }

  const perms = body.default_member_permissions;
  if (perms !== undefined && perms !== null) {
    if ((isString(perms) && /^\d+$/.test(perms)) || isInteger(perms))
      command.default_member_permissions = String(perms);
    else errors.add([...path, 'default_member_permissions'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
  }
  if (body.nsfw !== undefined && body.nsfw !== null) {
    if (typeof body.nsfw !== 'boolean') errors.wrongType([...path, 'nsfw'], 'boolean');
    else command.nsfw = body.nsfw;
  }
  if (!guild && typeof body.dm_permission === 'boolean') command.dm_permission = body.dm_permission;
  if (body.contexts !== undefined && body.contexts !== null) {
    const contexts = readIntList(body.contexts, [...path, 'contexts'], [0, 1, 2], errors);
    if (contexts) command.contexts = contexts as InteractionContextType[];
  }
  if (body.integration_types !== undefined && body.integration_types !== null) {
    const types = readIntList(body.integration_types, [...path, 'integration_types'], [0, 1], errors);
    if (types) command.integration_types = types;
  }
  for (const key of ['name_localizations', 'description_localizations'] as const) {
    const value = body[key];
    if (isRecord(value)) {
      const map: Record<string, string> = {};
      for (const [locale, text] of Object.entries(value)) if (isString(text)) map[locale] = text;
      command[key] = map;
    }
  }
  if (size.size > COMMAND_LIMITS.totalSize) {
    errors.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${COMMAND_LIMITS.totalSize})`,
    );
  }
  return command;
}

function readName(
  body: UnknownRecord,
  path: ErrorPath,
  errors: FormErrors,
  chatInput: boolean,
  partial: boolean,
  size: SizeCounter,
): string | undefined {
  const np = [...path, 'name'];
  const name = body.name;
  if (name === undefined || name === null) {
    if (!partial) errors.required(np);
    return undefined;
  }
  if (!isString(name)) {
    errors.wrongType(np, 'string');
    return undefined;
  }
  const length = textLength(name);
  if (length < 1 || length > COMMAND_LIMITS.name) {
    errors.badLength(np, 1, COMMAND_LIMITS.name);
    return name;
  }
  if (chatInput && (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase())) {
    errors.add(np, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  size.size += length;
  return name;
}

function readDescription(
  body: UnknownRecord,
  path: ErrorPath,
  errors: FormErrors,
  partial: boolean,
  size: SizeCounter,
): string | undefined {
  const dp = [...path, 'description'];
  const description = body.description;
  if (description === undefined || description === null) {
    if (!partial) errors.required(dp);
    return undefined;
  }
  if (!isString(description)) {
    errors.wrongType(dp, 'string');
    return undefined;
  }
  const length = textLength(description);
  if (length < 1 || length > COMMAND_LIMITS.description) errors.badLength(dp, 1, COMMAND_LIMITS.description);
  size.size += length;
  return description;
}

function readIntList(
  value: unknown,
  path: ErrorPath,
  allowed: number[],
  errors: FormErrors,
): number[] | undefined {
  if (!Array.isArray(value)) {
    errors.wrongType(path, 'array');
    return undefined;
  }
  const out: number[] = [];
  value.forEach((v: unknown, i) => {
    if (isInteger(v) && allowed.includes(v)) out.push(v);
    else errors.add([...path, i], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
  });
  return out;
}

/** depth 0: command options, 1: inside a subcommand or group, 2: inside a subcommand of a group. */
function readOptions(
  value: unknown,
  path: ErrorPath,
  errors: FormErrors,
  depth: number,
  size: SizeCounter,
  parentType?: number,
): APIApplicationCommandOption[] {
  if (!Array.isArray(value)) {
    errors.wrongType(path, 'array');
    return [];
  }
  if (value.length > COMMAND_LIMITS.options) errors.maxLength(path, COMMAND_LIMITS.options);
  const out: APIApplicationCommandOption[] = [];
  const names = new Set<string>();
  let sawOptional = false;
  let sawSub = false;
  let sawPlain = false;
  let orderError = false;
  value.forEach((raw: unknown, i) => {
    const op = [...path, i];
    if (!isRecord(raw)) {
      errors.wrongType(op, 'object');
      return;
    }
    const type = raw.type;
    if (!isInteger(type) || !OPTION_TYPES.has(type)) {
      errors.add(
        [...op, 'type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.',
      );
      return;
    }
    const isSub = type === 1 || type === 2;
    if (isSub) sawSub = true;
    else sawPlain = true;
    if (parentType === 2 && type !== 1) {
      errors.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-command groups can only contain sub-commands',
      );
    }
    if (parentType === 1 && isSub) {
      errors.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-commands cannot contain sub-commands',
      );
    }
    const name = readName(raw, op, errors, true, false, size) ?? '';
    if (names.has(name))
      errors.add(
        [...op, 'name'],
        'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        'Option names must be unique',
      );
    names.add(name);
    const description = readDescription(raw, op, errors, false, size) ?? '';
    const option: UnknownRecord = { type, name, description };
    for (const key of ['name_localizations', 'description_localizations'] as const) {
      if (isRecord(raw[key])) option[key] = raw[key];
    }

    if (!isSub) {
      const required = raw.required === true;
      if (raw.required !== undefined && raw.required !== null && typeof raw.required !== 'boolean') {
        errors.wrongType([...op, 'required'], 'boolean');
      }
      if (required && sawOptional && !orderError) {
        orderError = true;
        errors.add(
          path,
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
      if (!required) sawOptional = true;
      option.required = required;
    }

    const autocomplete = raw.autocomplete === true;
    if (autocomplete) {
      if (!CHOICE_TYPES.has(type)) {
        errors.add(
          [...op, 'autocomplete'],
          'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID',
          'Autocomplete is only allowed on string, integer and number options',
        );
      }
      option.autocomplete = true;
    }

    if (raw.choices !== undefined && raw.choices !== null) {
      const cp = [...op, 'choices'];
      if (!CHOICE_TYPES.has(type)) {
        errors.add(
          cp,
          'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
          'Choices are only allowed on string, integer and number options',
        );
      } else if (!Array.isArray(raw.choices)) {
        errors.wrongType(cp, 'array');
      } else {
        if (raw.choices.length > COMMAND_LIMITS.choices) errors.maxLength(cp, COMMAND_LIMITS.choices);
        if (autocomplete && raw.choices.length > 0) {
          errors.add(
            cp,
            'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
            'Autocomplete and choices are mutually exclusive',
          );
        }
        option.choices = raw.choices.map((choice: unknown, j) =>
          readChoice(choice, [...cp, j], type, errors, size),
        );
      }
    }

    if (type === 1 || type === 2) {
      option.options =
        raw.options === undefined || raw.options === null
          ? []
          : readOptions(raw.options, [...op, 'options'], errors, depth + 1, size, type);
      if (type === 2 && (option.options as unknown[]).length === 0) {
        errors.badLength([...op, 'options'], 1, COMMAND_LIMITS.options);
      }
    }
    for (const key of ['min_value', 'max_value'] as const) {
      const v = raw[key];
      if (v === undefined || v === null) continue;
      if ((type !== 4 && type !== 10) || typeof v !== 'number' || (type === 4 && !Number.isInteger(v))) {
        errors.add([...op, key], 'NUMBER_TYPE_COERCE', 'Value is not a valid number.');
      } else option[key] = v;
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = raw[key];
      if (v === undefined || v === null) continue;
      const min = key === 'min_length' ? 0 : 1;
      if (type !== 3 || !isInteger(v) || v < min || v > 6000) {
        errors.add([...op, key], 'NUMBER_TYPE_MAX', `int value should be between ${min} and 6000.`);
      } else option[key] = v;
    }
    if (Array.isArray(raw.channel_types) && type === 7)
      option.channel_types = raw.channel_types.filter(isInteger);
    // Validated field by field above.
    out.push(option as unknown as APIApplicationCommandOption);
  });
  if (depth === 0 && sawSub && sawPlain) {
    errors.add(
      path,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  return out;
}

function readChoice(
  choice: unknown,
  path: ErrorPath,
  type: number,
  errors: FormErrors,
  size: SizeCounter,
): UnknownRecord {
  if (!isRecord(choice)) {
    errors.wrongType(path, 'object');
    return {};
  }
  const out: UnknownRecord = {};
  const name = choice.name;
  if (!isString(name) || textLength(name) < 1 || textLength(name) > COMMAND_LIMITS.choiceName) {
    errors.badLength([...path, 'name'], 1, COMMAND_LIMITS.choiceName);
  } else {
    out.name = name;
    size.size += textLength(name);
  }
  if (isRecord(choice.name_localizations)) out.name_localizations = choice.name_localizations;
  const value = choice.value;
  const vp = [...path, 'value'];
  if (type === 3) {
    if (!isString(value)) errors.wrongType(vp, 'string');
    else if (textLength(value) < 1 || textLength(value) > COMMAND_LIMITS.choiceValue)
      errors.badLength(vp, 1, COMMAND_LIMITS.choiceValue);
    else {
      out.value = value;
      size.size += textLength(value);
    }
  } else if (type === 4) {
    if (!isInteger(value)) errors.wrongType(vp, 'integer');
    else out.value = value;
  } else if (typeof value !== 'number') {
    errors.add(vp, 'NUMBER_TYPE_COERCE', 'Value is not a valid number.');
  } else out.value = value;
  return out;
}
