// Builds INTERACTION_CREATE payloads shaped like Discord's for commands, autocomplete, components and modals.
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteraction,
  APIMessage,
  APIMessageComponentInteraction,
  APIModalSubmission,
  APIModalSubmissionComponent,
  APIModalSubmitInteraction,
  InteractionType,
  Locale,
} from 'discord-api-types/v10';
import { commandData, syntheticCommandId } from './command-options.ts';
import { EmulatorUsageError, type Invoker } from './invoker.ts';
import { clone, isInteger, isRecord, isString, type UnknownRecord } from './json.ts';
import { DM_APP_PERMISSIONS } from './permissions.ts';
import type {
  AutocompleteOptions,
  PressButtonOptions,
  RunCommandOptions,
  SubmitModalOptions,
} from './types.ts';
import type { World } from './world.ts';

/** Fields every interaction type shares. */
function baseFields(world: World, invoker: Invoker, id: string, token: string) {
  const { channel, guild, member, user } = invoker;
  const channelPayload = {
    ...world.channelPayload(channel),
    ...(member ? { permissions: member.permissions } : {}),
  };
  return {
    id,
    application_id: world.applicationId,
    token,
    version: 1 as const,
    channel_id: channel.id,
    channel: channelPayload,
    app_permissions: (guild ? channel.appPermissions : DM_APP_PERMISSIONS).toString(),
    locale: invoker.locale as Locale,
    entitlements: [],
    authorizing_integration_owners: { '0': guild ? guild.id : '0' },
    context: guild ? (0 as const) : (1 as const),
    attachment_size_limit: 10 * 1024 * 1024,
    ...(guild && member
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.preferredLocale as Locale, features: [] },
          guild_locale: guild.preferredLocale as Locale,
          member: clone(member),
        }
      : { user: clone(user) }),
  };
}

export function commandInteraction(
  world: World,
  invoker: Invoker,
  id: string,
  token: string,
  options: RunCommandOptions,
): APIChatInputApplicationCommandInteraction {
  const { command, optionsOut, resolved } = commandData(world, invoker, options, undefined);
  return {
    ...baseFields(world, invoker, id, token),
    type: 2,
    data: {
      id: command?.id ?? syntheticCommandId(options.name),
      name: options.name,
      type: 1,
      ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
      ...(optionsOut.length > 0 ? { options: optionsOut } : {}),
      ...(resolved ? { resolved } : {}),
    },
  };
}

export function autocompleteInteraction(
  world: World,
  invoker: Invoker,
  id: string,
  token: string,
  options: AutocompleteOptions,
): APIApplicationCommandAutocompleteInteraction {
  const { command, optionsOut } = commandData(world, invoker, options, options.focused ?? null);
  if (!hasFocused(optionsOut)) {
    throw new EmulatorUsageError(
      'autocomplete needs a focused option (`focused: name` or `focused: true` on a raw option)',
    );
  }
  return {
    ...baseFields(world, invoker, id, token),
    type: 4,
    data: {
      id: command?.id ?? syntheticCommandId(options.name),
      name: options.name,
      type: 1,
      ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
      // Autocomplete payloads carry the same option tree; the focused value is the raw text typed so far.
      options:
        optionsOut as APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[],
    },
  };
}

export function componentInteraction(
  world: World,
  invoker: Invoker,
  id: string,
  token: string,
  message: APIMessage,
  options: PressButtonOptions,
): APIMessageComponentInteraction {
  const component = findComponent(message.components ?? [], options.customId);
  if (!component) {
    throw new EmulatorUsageError(
      `Message ${message.id} has no component with custom_id "${options.customId}"`,
    );
  }
  if (component.disabled === true) {
    throw new EmulatorUsageError(
      `Component "${options.customId}" is disabled; Discord clients cannot use it`,
    );
  }
  const type = isInteger(component.type) ? component.type : 2;
  const base = baseFields(world, invoker, id, token);
  if (type === 2) {
    return {
      ...base,
      type: 3,
      message: clone(message),
      data: { custom_id: options.customId, component_type: 2 },
    };
  }
  const values = options.values ?? [];
  if (type === 3) {
    const allowed = Array.isArray(component.options)
      ? component.options.filter(isRecord).map((o) => o.value)
      : [];
    const bad = values.find((v) => !allowed.includes(v));
    if (bad !== undefined)
      throw new EmulatorUsageError(`"${bad}" is not an option of select "${options.customId}"`);
    return {
      ...base,
      type: 3,
      message: clone(message),
      data: { custom_id: options.customId, component_type: 3, values },
    };
  }
  throw new EmulatorUsageError(
    `Component type ${type} is not emulated by pressButton (buttons and string selects are)`,
  );
}

export function modalSubmitInteraction(
  world: World,
  invoker: Invoker,
  id: string,
  token: string,
  options: SubmitModalOptions,
  modalComponents: readonly unknown[] | null,
  message: APIMessage | null,
): APIModalSubmitInteraction {
  const data: APIModalSubmission = {
    custom_id: options.customId,
    components: modalSubmission(modalComponents, options.fields),
  };
  return {
    ...baseFields(world, invoker, id, token),
    type: 5,
    data,
    ...(message ? { message: clone(message) } : {}),
  };
}

/** Mirrors the modal the bot showed (action rows or labels) when known, else uses action rows. */
function modalSubmission(
  modal: readonly unknown[] | null,
  fields: Record<string, string>,
): APIModalSubmissionComponent[] {
  if (!modal) {
    return Object.entries(fields).map(([customId, value], i) => ({
      type: 1,
      id: i * 2 + 1,
      components: [{ type: 4, id: i * 2 + 2, custom_id: customId, value }],
    }));
  }
  const out: APIModalSubmissionComponent[] = [];
  const seen = new Set<string>();
  for (const raw of modal) {
    if (!isRecord(raw)) continue;
    const rowId = isInteger(raw.id) ? raw.id : out.length + 1;
    if (raw.type === 1 && Array.isArray(raw.components)) {
      const input = raw.components.find(isRecord);
      if (!input || !isString(input.custom_id)) continue;
      seen.add(input.custom_id);
      out.push({
        type: 1,
        id: rowId,
        components: [
          {
            type: 4,
            id: isInteger(input.id) ? input.id : rowId + 1,
            custom_id: input.custom_id,
            value: fieldValue(input, fields),
          },
        ],
      });
    } else if (raw.type === 18 && isRecord(raw.component) && isString(raw.component.custom_id)) {
      const input = raw.component;
      const customId = raw.component.custom_id;
      seen.add(customId);
      const inner = isInteger(input.id) ? input.id : rowId + 1;
      out.push({
        type: 18,
        id: rowId,
        component:
          input.type === 3
            ? {
                type: 3,
                id: inner,
                custom_id: customId,
                values: fields[customId] === undefined ? [] : [fieldValue(input, fields)],
              }
            : { type: 4, id: inner, custom_id: customId, value: fieldValue(input, fields) },
      });
    } else if (raw.type === 10) {
      out.push({ type: 10, id: rowId });
    }
  }
  const unknown = Object.keys(fields).find((k) => !seen.has(k));
  if (unknown !== undefined)
    throw new EmulatorUsageError(`The modal has no input with custom_id "${unknown}"`);
  return out;
}

function fieldValue(input: UnknownRecord, fields: Record<string, string>): string {
  const customId = isString(input.custom_id) ? input.custom_id : '';
  const value = fields[customId] ?? '';
  if (value === '' && input.required !== false && input.type === 4) {
    throw new EmulatorUsageError(`Modal input "${customId}" is required`);
  }
  if (isInteger(input.max_length) && value.length > input.max_length) {
    throw new EmulatorUsageError(`Modal input "${customId}" allows at most ${input.max_length} characters`);
  }
  if (isInteger(input.min_length) && value.length > 0 && value.length < input.min_length) {
    throw new EmulatorUsageError(`Modal input "${customId}" needs at least ${input.min_length} characters`);
  }
  return value;
}

function hasFocused(options: readonly unknown[]): boolean {
  return options.some(
    (option) =>
      isRecord(option) &&
      (option.focused === true || (Array.isArray(option.options) && hasFocused(option.options))),
  );
}

/** Depth-first search for a component by custom_id (inside rows, sections and containers). */
export function findComponent(components: readonly unknown[], customId: string): UnknownRecord | undefined {
  for (const node of components) {
    if (!isRecord(node)) continue;
    if (node.custom_id === customId) return node;
    const nested = [
      ...(Array.isArray(node.components) ? node.components : []),
      ...(node.accessory === undefined ? [] : [node.accessory]),
    ];
    const found = findComponent(nested, customId);
    if (found) return found;
  }
  return undefined;
}
