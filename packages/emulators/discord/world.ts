// In-memory state of the emulated Discord: users, guilds, channels, messages and application commands.
import type {
  APIAllowedMentions,
  APIApplication,
  APIApplicationCommand,
  APIChannel,
  APIGuild,
  APIGuildMember,
  APIMessage,
  APIRole,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildSystemChannelFlags,
  Locale,
} from 'discord-api-types/v10';
import { Errors } from './errors.ts';
import { apiMember, apiUser, botOverwrite, type NormalizedGuild } from './fixtures.ts';
import { snowflake, snowflakeTime } from './ids.ts';
import { clone } from './json.ts';
import type { EmulatedChannelType, EmulatedMessage, EmulatedUserInput } from './types.ts';

export interface ChannelState {
  id: string;
  guildId: string | null;
  name: string | null;
  type: EmulatedChannelType | 1;
  topic: string | null;
  parentId: string | null;
  position: number;
  nsfw: boolean;
  rateLimitPerUser: number;
  /** The bot's effective permissions in this channel. */
  appPermissions: bigint;
  /** DM channels only. */
  recipientId: string | null;
  /** Ids of non-ephemeral messages, oldest first (deleted ones included, flagged in MessageState). */
  messageIds: string[];
  /** nonce -> message id, for `enforce_nonce`. */
  nonces: Map<string, string>;
  lastMessageId: string | null;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  memberCountOverride: number | undefined;
  everyonePermissions: bigint;
  botPermissions: bigint;
  botRoleId: string;
  roles: APIRole[];
  channelIds: string[];
  members: Map<string, APIGuildMember>;
  joinedAt: string;
}

export interface StoredAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MessageState {
  message: APIMessage;
  allowedMentions: APIAllowedMentions | null;
  ephemeral: boolean;
  edits: number;
  deleted: boolean;
  interactionId: string | null;
}

export interface WorldOptions {
  applicationId: string;
  botUser: APIUser;
  guilds: NormalizedGuild[];
  /** Application flags derived from the enabled privileged intents. */
  applicationFlags: number;
}

export class World {
  readonly applicationId: string;
  readonly bot: APIUser;
  readonly applicationFlags: number;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, MessageState>();
  /** Uploaded files by attachment id, served under /attachments/. */
  readonly attachments = new Map<string, StoredAttachment>();
  readonly globalCommands = new Map<string, APIApplicationCommand>();
  readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  readonly #dmByUser = new Map<string, string>();

  constructor(options: WorldOptions) {
    this.applicationId = options.applicationId;
    this.bot = options.botUser;
    this.applicationFlags = options.applicationFlags;
    this.users.set(this.bot.id, this.bot);
    for (const g of options.guilds) this.#addGuild(g);
  }

  #addGuild(g: NormalizedGuild): void {
    const guild: GuildState = {
      id: g.id,
      name: g.name,
      ownerId: g.ownerId,
      preferredLocale: g.preferredLocale,
      memberCountOverride: g.memberCount,
      everyonePermissions: g.everyonePermissions,
      botPermissions: g.botPermissions,
      botRoleId: g.botRoleId,
      roles: g.roles,
      channelIds: [],
      members: new Map(),
      joinedAt: new Date(Date.UTC(2023, 3, 3)).toISOString(),
    };
    this.guilds.set(guild.id, guild);
    guild.members.set(this.bot.id, apiMember(this.bot, [g.botRoleId], guild.joinedAt));
    for (const m of g.members) {
      guild.members.set(m.user.id, apiMember(this.upsertUser(m.user), m.roles, m.joinedAt, m.nick));
    }
    for (const c of g.channels) {
      guild.channelIds.push(c.id);
      this.channels.set(c.id, {
        id: c.id,
        guildId: guild.id,
        name: c.name,
        type: c.type,
        topic: c.topic,
        parentId: c.parentId,
        position: c.position,
        nsfw: c.nsfw,
        rateLimitPerUser: c.rateLimitPerUser,
        appPermissions: c.appPermissions,
        recipientId: null,
        messageIds: [],
        nonces: new Map(),
        lastMessageId: null,
      });
    }
  }

  /** Registers (or refreshes) a user from a fixture input and returns its API object. */
  upsertUser(input: EmulatedUserInput): APIUser {
    const existing = this.users.get(input.id);
    if (existing && input.username === undefined && input.globalName === undefined) return existing;
    const user = apiUser({
      ...input,
      username: input.username ?? existing?.username ?? `user${input.id.slice(-4)}`,
    });
    this.users.set(user.id, user);
    return user;
  }

  requireGuild(id: string): GuildState {
    const guild = this.guilds.get(id);
    if (!guild) throw Errors.unknownGuild();
    return guild;
  }

  requireChannel(id: string): ChannelState {
    const channel = this.channels.get(id);
    if (!channel) throw Errors.unknownChannel();
    return channel;
  }

  /** Makes sure `user` is a member of `guild` (adding it if needed) and returns the member. */
  ensureMember(guild: GuildState, user: APIUser, roles?: string[]): APIGuildMember {
    const existing = guild.members.get(user.id);
    if (existing) {
      const updated = { ...existing, user, ...(roles ? { roles } : {}) };
      guild.members.set(user.id, updated);
      return updated;
    }
    const member = apiMember(user, roles ?? [], new Date().toISOString());
    guild.members.set(user.id, member);
    return member;
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannel(user: APIUser): ChannelState {
    const existingId = this.#dmByUser.get(user.id);
    const existing = existingId === undefined ? undefined : this.channels.get(existingId);
    if (existing) return existing;
    const channel: ChannelState = {
      id: snowflake(),
      guildId: null,
      name: null,
      type: 1,
      topic: null,
      parentId: null,
      position: 0,
      nsfw: false,
      rateLimitPerUser: 0,
      appPermissions: 0n,
      recipientId: user.id,
      messageIds: [],
      nonces: new Map(),
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    this.#dmByUser.set(user.id, channel.id);
    return channel;
  }

  memberCount(guild: GuildState): number {
    return guild.memberCountOverride ?? guild.members.size;
  }

  channelPayload(channel: ChannelState, options: { includeGuildId?: boolean } = {}): APIChannel {
    if (channel.type === 1) {
      const recipient = channel.recipientId === null ? undefined : this.users.get(channel.recipientId);
      return {
        id: channel.id,
        type: 1,
        name: null,
        flags: 0 as ChannelFlags,
        last_message_id: channel.lastMessageId,
        recipients: recipient ? [recipient] : [],
      };
    }
    const guild = channel.guildId === null ? undefined : this.guilds.get(channel.guildId);
    const overwrites = guild
      ? botOverwrite(this.bot.id, this.#botGuildPermissions(guild), channel.appPermissions)
      : [];
    const base = {
      id: channel.id,
      name: channel.name ?? 'channel',
      position: channel.position,
      parent_id: channel.parentId,
      permission_overwrites: overwrites,
      nsfw: channel.nsfw,
      flags: 0 as ChannelFlags,
      ...(options.includeGuildId === false || channel.guildId === null ? {} : { guild_id: channel.guildId }),
    };
    switch (channel.type) {
      case 0:
      case 5:
        return {
          ...base,
          type: channel.type,
          topic: channel.topic,
          last_message_id: channel.lastMessageId,
          rate_limit_per_user: channel.rateLimitPerUser,
          last_pin_timestamp: null,
        };
      case 2:
      case 13:
        return {
          ...base,
          type: channel.type,
          bitrate: 64000,
          user_limit: 0,
          rtc_region: null,
          last_message_id: channel.lastMessageId,
          rate_limit_per_user: channel.rateLimitPerUser,
        };
      case 4:
        return { ...base, type: 4, parent_id: null };
      case 15:
      case 16:
        return {
          ...base,
          type: channel.type,
          topic: channel.topic,
          available_tags: [],
          default_reaction_emoji: null,
          default_sort_order: null,
          default_forum_layout: 0,
          rate_limit_per_user: channel.rateLimitPerUser,
        };
    }
  }

  /** What discord.js computes for the bot from roles alone (before channel overwrites). */
  #botGuildPermissions(guild: GuildState): bigint {
    const me = guild.members.get(this.bot.id);
    let bits = guild.everyonePermissions;
    for (const role of guild.roles) {
      if (me?.roles.includes(role.id)) bits |= BigInt(role.permissions);
    }
    return bits;
  }

  guildPayload(guild: GuildState, withCounts = false): APIGuild {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      roles: clone(guild.roles),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.channelIds[0] ?? null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      max_members: 500000,
      max_presences: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: guild.preferredLocale as Locale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      ...(withCounts
        ? { approximate_member_count: this.memberCount(guild), approximate_presence_count: 0 }
        : {}),
    };
  }

  /** GUILD_CREATE as sent right after READY. Without GuildMembers, Discord only includes the bot's member. */
  guildCreatePayload(guild: GuildState, allMembers: boolean): GatewayGuildCreateDispatchData {
    const members = allMembers
      ? [...guild.members.values()]
      : [guild.members.get(this.bot.id)].filter((m): m is APIGuildMember => m !== undefined);
    const channels: GatewayGuildCreateDispatchData['channels'] = [];
    for (const id of guild.channelIds) {
      const channel = this.channels.get(id);
      if (!channel) continue;
      const payload = this.channelPayload(channel, { includeGuildId: false });
      if (
        payload.type !== 1 &&
        payload.type !== 3 &&
        payload.type !== 10 &&
        payload.type !== 11 &&
        payload.type !== 12
      ) {
        channels.push(payload);
      }
    }
    return {
      ...this.guildPayload(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: this.memberCount(guild),
      voice_states: [],
      members: clone(members),
      channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  applicationPayload(): APIApplication {
    return {
      id: this.applicationId,
      name: this.bot.username,
      icon: null,
      description: 'Emulated application',
      summary: '',
      bot_public: true,
      bot_require_code_grant: false,
      bot: clone(this.bot),
      verify_key: '0'.repeat(64),
      team: null,
      flags: this.applicationFlags,
      flags_new: String(this.applicationFlags),
      owner: apiUser({ id: snowflakeOwner(this.applicationId), username: 'appowner' }),
      approximate_guild_count: this.guilds.size,
      interactions_endpoint_url: null,
      redirect_uris: [],
      integration_types_config: { '0': {} },
    };
  }

  /** Stored messages of a channel (visible to everyone: no ephemeral ones), oldest first. */
  channelMessageStates(channel: ChannelState, includeDeleted = false): MessageState[] {
    const out: MessageState[] = [];
    for (const id of channel.messageIds) {
      const state = this.messages.get(id);
      if (state && (includeDeleted || !state.deleted)) out.push(state);
    }
    return out;
  }

  commandMap(guildId: string | undefined): Map<string, APIApplicationCommand> {
    if (guildId === undefined) return this.globalCommands;
    let map = this.guildCommands.get(guildId);
    if (!map) {
      map = new Map();
      this.guildCommands.set(guildId, map);
    }
    return map;
  }

  /** A registered chat-input command by name: guild commands win over global ones, as in the client. */
  findCommand(name: string, guildId: string | null, type = 1): APIApplicationCommand | undefined {
    const scopes = guildId === null ? [this.globalCommands] : [this.commandMap(guildId), this.globalCommands];
    for (const scope of scopes) {
      for (const command of scope.values()) {
        if (command.name === name && (command.type ?? 1) === type) return command;
      }
    }
    return undefined;
  }
}

/** Stable fake owner id derived from the application id. */
function snowflakeOwner(applicationId: string): string {
  return (BigInt(applicationId) + 1000n).toString();
}

/** The emulator's view of a stored message (a copy; mutating it has no effect). */
export function emulatedMessage(state: MessageState): EmulatedMessage {
  return {
    ...clone(state.message),
    allowed_mentions: state.allowedMentions === null ? null : clone(state.allowedMentions),
    ephemeral: state.ephemeral,
    edits: state.edits,
    deleted: state.deleted,
  };
}

export function messageTimestamp(id: string): string {
  return new Date(snowflakeTime(id)).toISOString();
}
