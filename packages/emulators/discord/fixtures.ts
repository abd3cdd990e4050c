// Turns the emulator's compact fixture inputs into full Discord API objects (users, roles, channels, guilds).
import type {
  APIGuildMember,
  APIOverwrite,
  APIRole,
  APIUser,
  GuildMemberFlags,
  RoleFlags,
  UserFlags,
} from 'discord-api-types/v10';
import { fixtureId, snowflake } from './ids.ts';
import {
  DEFAULT_BOT_PERMISSIONS,
  type PermissionInput,
  REGULAR_MEMBER_PERMISSIONS,
  toPermissionBits,
} from './permissions.ts';
import type { EmulatedChannelType, EmulatedGuild, EmulatedUserInput } from './types.ts';

export const DEFAULT_APPLICATION_ID = fixtureId(1);
export const DEFAULT_GUILD_ID = fixtureId(100);
export const DEFAULT_USER_ID = fixtureId(200);
export const DEFAULT_OWNER_ID = fixtureId(201);

export const DEFAULT_USER: EmulatedUserInput = {
  id: DEFAULT_USER_ID,
  username: 'quizzer',
  globalName: 'Quiz Taker',
};
const DEFAULT_OWNER: EmulatedUserInput = {
  id: DEFAULT_OWNER_ID,
  username: 'guildowner',
  globalName: 'Guild Owner',
};

export function apiUser(input: EmulatedUserInput): APIUser {
  const bot = input.bot === true;
  return {
    id: input.id,
    username: input.username ?? `user${input.id.slice(-4)}`,
    // Bots keep 4-digit discriminators; migrated users have "0".
    discriminator: bot ? '0001' : '0',
    global_name: input.globalName ?? null,
    avatar: input.avatar ?? null,
    ...(bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function apiRole(
  id: string,
  name: string,
  permissions: bigint,
  extra: Partial<Omit<APIRole, 'id' | 'name' | 'permissions'>> = {},
): APIRole {
  const color = extra.color ?? 0;
  return {
    id,
    name,
    permissions: permissions.toString(),
    position: 0,
    color,
    colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

export function apiMember(
  user: APIUser,
  roles: string[],
  joinedAt: string,
  nick: string | null = null,
): APIGuildMember {
  return {
    user,
    roles,
    nick,
    avatar: null,
    banner: null,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export interface NormalizedChannel {
  id: string;
  name: string;
  type: EmulatedChannelType;
  topic: string | null;
  parentId: string | null;
  position: number;
  nsfw: boolean;
  rateLimitPerUser: number;
  appPermissions: bigint;
}

export interface NormalizedGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  memberCount: number | undefined;
  everyonePermissions: bigint;
  botPermissions: bigint;
  botRoleId: string;
  roles: APIRole[];
  channels: NormalizedChannel[];
  members: { user: EmulatedUserInput; roles: string[]; nick: string | null; joinedAt: string }[];
}

function perms(input: PermissionInput | undefined, fallback: bigint): bigint {
  return input === undefined ? fallback : toPermissionBits(input);
}

/** Fills every default of an EmulatedGuild; the first guild gets stable fixture ids. */
export function normalizeGuild(input: EmulatedGuild, index: number, botName: string): NormalizedGuild {
  const id = input.id ?? (index === 0 ? DEFAULT_GUILD_ID : snowflake());
  const everyonePermissions = perms(input.everyonePermissions, REGULAR_MEMBER_PERMISSIONS);
  const botPermissions = perms(input.botPermissions, DEFAULT_BOT_PERMISSIONS);
  const botRoleId = index === 0 && input.id === undefined ? fixtureId(110) : snowflake();
  const roles: APIRole[] = [
    apiRole(id, '@everyone', everyonePermissions),
    apiRole(botRoleId, botName, botPermissions, { position: 1, managed: true }),
  ];
  (input.roles ?? []).forEach((role, i) => {
    roles.push(
      apiRole(role.id ?? snowflake(), role.name, perms(role.permissions, 0n), {
        position: role.position ?? i + 2,
        color: role.color ?? 0,
        hoist: role.hoist ?? false,
        mentionable: role.mentionable ?? false,
        managed: role.managed ?? false,
      }),
    );
  });
  const channelInputs = input.channels ?? [
    { id: index === 0 && input.id === undefined ? fixtureId(101) : snowflake(), name: 'general' },
    { id: index === 0 && input.id === undefined ? fixtureId(102) : snowflake(), name: 'news' },
  ];
  const channels = channelInputs.map(
    (channel, i): NormalizedChannel => ({
      id: channel.id ?? snowflake(),
      name: channel.name,
      type: channel.type ?? 0,
      topic: channel.topic ?? null,
      parentId: channel.parentId ?? null,
      position: channel.position ?? i,
      nsfw: channel.nsfw ?? false,
      rateLimitPerUser: channel.rateLimitPerUser ?? 0,
      appPermissions: perms(channel.appPermissions, botPermissions),
    }),
  );
  const joinedAt = new Date(Date.UTC(2023, 3, 2)).toISOString();
  const members: NormalizedGuild['members'] = [DEFAULT_OWNER, DEFAULT_USER].map((user) => ({
    user,
    roles: [],
    nick: null,
    joinedAt,
  }));
  for (const member of input.members ?? []) {
    const existing = members.findIndex((m) => m.user.id === member.user.id);
    const normalized = {
      user: member.user,
      roles: member.roles ?? [],
      nick: member.nick ?? null,
      joinedAt: member.joinedAt ?? joinedAt,
    };
    if (existing >= 0) members[existing] = normalized;
    else members.push(normalized);
  }
  return {
    id,
    name: input.name ?? (index === 0 ? 'Newsquiz Test Guild' : `Test Guild ${index + 1}`),
    ownerId: input.ownerId ?? DEFAULT_OWNER_ID,
    preferredLocale: input.preferredLocale ?? 'en-US',
    memberCount: input.memberCount,
    everyonePermissions,
    botPermissions,
    botRoleId,
    roles,
    channels,
    members,
  };
}

/**
 * The member overwrite that makes discord.js' `channel.permissionsFor(me)` equal the emulated
 * `app_permissions` of a channel, given the bot's guild-level permissions.
 */
export function botOverwrite(botId: string, guildLevel: bigint, channelLevel: bigint): APIOverwrite[] {
  if (guildLevel === channelLevel) return [];
  return [
    {
      id: botId,
      type: 1,
      allow: (channelLevel & ~guildLevel).toString(),
      deny: (guildLevel & ~channelLevel).toString(),
    },
  ];
}
