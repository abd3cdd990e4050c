// Turns a test's command option values into Discord's option tree, checked against the registered command.
import type {
  APIApplicationCommand,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOption,
  APIInteractionDataResolved,
  APIInteractionDataResolvedChannel,
  InteractionType,
} from 'discord-api-types/v10';
import { EmulatorUsageError, type Invoker } from './invoker.ts';
import { clone } from './json.ts';
import type { CommandOptionValue, RunCommandOptions } from './types.ts';
import type { World } from './world.ts';

/** Unregistered commands get a stable fake id derived from the name. */
export function syntheticCommandId(name: string): string {
  let h = 0n;
  for (const c of name) h = (h * 131n + BigInt(c.codePointAt(0) ?? 0)) % 4_000_000n;
  return (1_100_000_000_000_000_000n + h).toString();
}

interface CommandData {
  command: APIApplicationCommand | undefined;
  optionsOut: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>[];
  resolved: APIInteractionDataResolved | undefined;
}

/**
 * Resolves the registered command (guild first, then global) and turns the test's option values into
 * the nested option tree Discord sends, checking names, types, choices and required options.
 */
export function commandData(
  world: World,
  invoker: Invoker,
  options: RunCommandOptions,
  focused: string | null | undefined,
): CommandData {
  const command = world.findCommand(options.name, invoker.guild?.id ?? null);
  const label = `/${options.name}`;
  let defs: readonly APIApplicationCommandOption[] | undefined = command
    ? (command.options ?? [])
    : undefined;
  const wrap: { type: 1 | 2; name: string }[] = [];
  if (options.subcommandGroup !== undefined) {
    const group = defs?.find((d) => d.name === options.subcommandGroup && d.type === 2);
    if (defs && !group)
      throw new EmulatorUsageError(`${label} has no subcommand group "${options.subcommandGroup}"`);
    defs = group && 'options' in group ? (group.options ?? []) : undefined;
    wrap.push({ type: 2, name: options.subcommandGroup });
  }
  if (options.subcommand !== undefined) {
    const sub = defs?.find((d) => d.name === options.subcommand && d.type === 1);
    if (defs && !sub) throw new EmulatorUsageError(`${label} has no subcommand "${options.subcommand}"`);
    defs = sub && 'options' in sub ? (sub.options ?? []) : undefined;
    wrap.push({ type: 1, name: options.subcommand });
  } else if (defs?.some((d) => d.type === 1 || d.type === 2)) {
    throw new EmulatorUsageError(`${label} has subcommands; pass \`subcommand\``);
  }

  const builder = new ResolvedBuilder(world, invoker);
  let leaves: APIApplicationCommandInteractionDataBasicOption[];
  if (Array.isArray(options.options)) {
    // Raw options are passed through untouched (for tests of unusual payloads).
    leaves = clone(options.options) as APIApplicationCommandInteractionDataBasicOption[];
  } else {
    leaves = Object.entries(options.options ?? {}).map(([name, value]) =>
      buildOption(
        name,
        value,
        defs?.find((d) => d.name === name),
        defs !== undefined,
        focused === name,
        builder,
        label,
      ),
    );
    if (defs && focused === undefined) {
      for (const def of defs) {
        if ('required' in def && def.required === true && !(def.name in (options.options ?? {}))) {
          throw new EmulatorUsageError(`${label}: required option "${def.name}" is missing`);
        }
      }
    }
  }

  let tree: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>[] = leaves;
  for (const level of [...wrap].reverse()) {
    tree =
      level.type === 1
        ? [{ type: 1, name: level.name, options: tree as APIApplicationCommandInteractionDataBasicOption[] }]
        : [{ type: 2, name: level.name, options: tree.filter((o) => o.type === 1) }];
  }
  return { command, optionsOut: tree, resolved: builder.build() };
}

function buildOption(
  name: string,
  value: CommandOptionValue,
  def: APIApplicationCommandOption | undefined,
  registered: boolean,
  focused: boolean,
  resolved: ResolvedBuilder,
  label: string,
): APIApplicationCommandInteractionDataBasicOption {
  if (registered && !def) throw new EmulatorUsageError(`${label} has no option "${name}"`);
  const type = def?.type ?? inferType(value);
  const fail = (why: string): never => {
    throw new EmulatorUsageError(`${label} option "${name}": ${why}`);
  };
  if (focused) {
    if (type !== 3 && type !== 4 && type !== 10)
      fail('only string, integer and number options can be focused');
    // Discord sends whatever the user has typed so far, as a string.
    return { type: 3, name, value: String(value), focused: true };
  }
  const choices = def && 'choices' in def ? def.choices : undefined;
  if (choices && choices.length > 0 && !choices.some((c) => c.value === value)) {
    fail(`${JSON.stringify(value)} is not one of the registered choices`);
  }
  switch (type) {
    case 3: {
      if (typeof value !== 'string') return fail('expected a string');
      if (def && 'min_length' in def && def.min_length !== undefined && value.length < def.min_length)
        fail('too short');
      if (def && 'max_length' in def && def.max_length !== undefined && value.length > def.max_length)
        fail('too long');
      return { type: 3, name, value };
    }
    case 4:
    case 10: {
      if (typeof value !== 'number' || (type === 4 && !Number.isInteger(value))) {
        return fail(type === 4 ? 'expected an integer' : 'expected a number');
      }
      if (def && 'min_value' in def && def.min_value !== undefined && value < def.min_value)
        fail('below min_value');
      if (def && 'max_value' in def && def.max_value !== undefined && value > def.max_value)
        fail('above max_value');
      return type === 4 ? { type: 4, name, value } : { type: 10, name, value };
    }
    case 5:
      if (typeof value !== 'boolean') return fail('expected a boolean');
      return { type: 5, name, value };
    case 6:
      return { type: 6, name, value: resolved.user(String(value), fail) };
    case 7:
      return { type: 7, name, value: resolved.channel(String(value), fail) };
    case 8:
      return { type: 8, name, value: resolved.role(String(value), fail) };
    case 9:
      return { type: 9, name, value: resolved.mentionable(String(value), fail) };
    default:
      return fail(`option type ${type} needs raw options`);
  }
}

function inferType(value: CommandOptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

/** Collects `data.resolved` for user/channel/role/mentionable options. */
class ResolvedBuilder {
  readonly #world: World;
  readonly #invoker: Invoker;
  readonly #resolved: APIInteractionDataResolved = {};

  constructor(world: World, invoker: Invoker) {
    this.#world = world;
    this.#invoker = invoker;
  }

  user(id: string, fail: (why: string) => never): string {
    const user = this.#world.users.get(id) ?? fail(`unknown user ${id}`);
    this.#resolved.users = { ...this.#resolved.users, [id]: clone(user) };
    const member = this.#invoker.guild?.members.get(id);
    if (member) {
      const { user: _user, deaf: _deaf, mute: _mute, ...rest } = clone(member);
      this.#resolved.members = {
        ...this.#resolved.members,
        [id]: {
          ...rest,
          permissions: id === this.#world.bot.id ? this.#invoker.channel.appPermissions.toString() : '0',
        },
      };
    }
    return id;
  }

  channel(id: string, fail: (why: string) => never): string {
    const channel = this.#world.channels.get(id) ?? fail(`unknown channel ${id}`);
    const payload = this.#world.channelPayload(channel);
    const entry = {
      id: channel.id,
      name: channel.name,
      type: channel.type,
      permissions: this.#invoker.member?.permissions ?? '0',
      ...('parent_id' in payload ? { parent_id: payload.parent_id ?? null } : {}),
    };
    this.#resolved.channels = {
      ...this.#resolved.channels,
      [id]: entry as APIInteractionDataResolvedChannel,
    };
    return id;
  }

  role(id: string, fail: (why: string) => never): string {
    const role = this.#invoker.guild?.roles.find((r) => r.id === id) ?? fail(`unknown role ${id}`);
    this.#resolved.roles = { ...this.#resolved.roles, [id]: clone(role) };
    return id;
  }

  mentionable(id: string, fail: (why: string) => never): string {
    if (this.#world.users.has(id)) return this.user(id, fail);
    return this.role(id, fail);
  }

  build(): APIInteractionDataResolved | undefined {
    return Object.keys(this.#resolved).length > 0 ? this.#resolved : undefined;
  }
}
