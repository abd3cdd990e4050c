// Resolves who invokes an emulated interaction and where (user, channel, guild, member permissions).
import type { APIInteractionGuildMember, APIUser } from 'discord-api-types/v10';
import { DEFAULT_USER } from './fixtures.ts';
import { clone } from './json.ts';
import { DEFAULT_MEMBER_PERMISSIONS, toPermissionBits } from './permissions.ts';
import type { InvokerOptions } from './types.ts';
import type { ChannelState, GuildState, World } from './world.ts';

/** Who invokes an interaction and where. */
export interface Invoker {
  user: APIUser;
  channel: ChannelState;
  guild: GuildState | null;
  member: APIInteractionGuildMember | null;
  locale: string;
}

/** Thrown for misuse of the test helpers (things a real Discord client could never send). */
export class EmulatorUsageError extends Error {
  override name = 'EmulatorUsageError';
}

export function resolveInvoker(world: World, options: InvokerOptions): Invoker {
  const user = world.upsertUser(options.user ?? DEFAULT_USER);
  let channel: ChannelState;
  if (options.channelId === undefined) {
    if (options.guildId !== undefined) throw new EmulatorUsageError('guildId given without channelId');
    channel = world.dmChannel(user);
  } else {
    const found = world.channels.get(options.channelId);
    if (!found) throw new EmulatorUsageError(`Unknown channel ${options.channelId}`);
    channel = found;
  }
  if (options.guildId !== undefined && options.guildId !== channel.guildId) {
    throw new EmulatorUsageError(`Channel ${channel.id} is not in guild ${options.guildId}`);
  }
  const guild = channel.guildId === null ? null : (world.guilds.get(channel.guildId) ?? null);
  let member: APIInteractionGuildMember | null = null;
  if (guild) {
    const base = world.ensureMember(guild, user, options.roles);
    const permissions = toPermissionBits(options.permissions ?? DEFAULT_MEMBER_PERMISSIONS);
    member = { ...clone(base), user: clone(user), permissions: permissions.toString() };
  }
  return { user, channel, guild, member, locale: options.locale ?? 'en-US' };
}
