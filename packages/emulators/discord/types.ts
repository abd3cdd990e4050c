// Public types of the Discord emulator: fixtures, options, recorded calls, interactions and messages.
import type {
  APIAllowedMentions,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOptionChoice,
  APIInteraction,
  APIInteractionResponseCallbackData,
  APIMessage,
  APIMessageTopLevelComponent,
  APIModalInteractionResponseCallbackComponent,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';
import type { PermissionInput } from './permissions.ts';

export interface EmulatedUserInput {
  id: string;
  username?: string;
  globalName?: string | null;
  avatar?: string | null;
  bot?: boolean;
}

/** 0 text, 2 voice, 4 category, 5 announcement, 13 stage, 15 forum, 16 media. */
export type EmulatedChannelType = 0 | 2 | 4 | 5 | 13 | 15 | 16;

export interface EmulatedChannel {
  id?: string;
  name: string;
  type?: EmulatedChannelType;
  topic?: string | null;
  parentId?: string | null;
  position?: number;
  nsfw?: boolean;
  rateLimitPerUser?: number;
  /** The bot's effective permissions here (`app_permissions`); defaults to the guild's botPermissions. */
  appPermissions?: PermissionInput;
}

export interface EmulatedRole {
  id?: string;
  name: string;
  permissions?: PermissionInput;
  color?: number;
  position?: number;
  hoist?: boolean;
  mentionable?: boolean;
  managed?: boolean;
}

export interface EmulatedMember {
  user: EmulatedUserInput;
  roles?: string[];
  nick?: string | null;
  joinedAt?: string;
}

export interface EmulatedGuild {
  id?: string;
  name?: string;
  ownerId?: string;
  /** Defaults to `#general` and `#news` text channels. */
  channels?: EmulatedChannel[];
  /** Extra roles; `@everyone` (id = guild id) is always created. */
  roles?: EmulatedRole[];
  /** Extra members; the bot and the default test user are always members. */
  members?: EmulatedMember[];
  memberCount?: number;
  preferredLocale?: string;
  everyonePermissions?: PermissionInput;
  /** Default bot permissions for every channel of this guild. */
  botPermissions?: PermissionInput;
}

export interface RateLimitOptions {
  /** Requests per second across the whole bot (interaction endpoints are exempt). */
  globalPerSecond: number;
  /** POST /channels/:id/messages per channel per 5 seconds. */
  perChannelPer5s: number;
}

export interface DiscordEmulatorOptions {
  token?: string;
  applicationId?: string;
  botUser?: Partial<EmulatedUserInput>;
  guilds?: EmulatedGuild[];
  rateLimits?: RateLimitOptions;
  /** How long after dispatch an interaction callback is accepted (Discord: 3000 ms). */
  interactionTimeoutMs?: number;
  /** The shard count GET /gateway/bot recommends (Discord: about one per 1,000 guilds); default 1. */
  recommendedShards?: number;
  /** HELLO heartbeat_interval (Discord: 41250 ms). */
  heartbeatIntervalMs?: number;
  /** Privileged intents enabled for the app (GuildMembers 1<<1, GuildPresences 1<<8, MessageContent 1<<15). */
  privilegedIntents?: number;
  /** Artificial delay before every REST response, to emulate network latency. */
  latencyMs?: number;
  /** Set false in benchmarks to stop keeping every request in `calls`. */
  recordCalls?: boolean;
  /**
   * Make runCommand/autocomplete throw for commands that were never registered (Discord could not send
   * them). Default false: unregistered commands get a synthetic id and untyped options.
   */
  strictCommands?: boolean;
}

export interface UploadedFileSummary {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

export interface RecordedCall {
  method: string;
  /** Path below `/api/v10`, without the query string, e.g. `/channels/1/messages`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  files: UploadedFileSummary[];
  status: number;
  response: unknown;
  /** Epoch ms when the request arrived. */
  at: number;
  durationMs: number;
  /** True when the response came from `failNext`. */
  injected: boolean;
}

/** A message as the emulator stores it: the API object plus what tests want to assert on. */
export interface EmulatedMessage extends APIMessage {
  /** `allowed_mentions` as sent by the bot; null means omitted (Discord then pings everything mentioned). */
  allowed_mentions: APIAllowedMentions | null;
  ephemeral: boolean;
  /** Number of successful edits. */
  edits: number;
  deleted: boolean;
}

export interface InteractionCallbackData extends Omit<APIInteractionResponseCallbackData, 'components'> {
  components?: (APIMessageTopLevelComponent | APIModalInteractionResponseCallbackComponent)[];
  /** Autocomplete result (type 8). */
  choices?: APIApplicationCommandOptionChoice[];
  /** Modal (type 9). */
  custom_id?: string;
  title?: string;
}

export interface InteractionCallback {
  type: InteractionResponseType;
  data: InteractionCallbackData | undefined;
  /** Milliseconds between dispatching INTERACTION_CREATE and receiving the callback. */
  elapsedMs: number;
  at: number;
}

export interface RejectedCallback {
  type: number;
  status: number;
  code: number;
  elapsedMs: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  dispatchedAt: number;
  callback: InteractionCallback | null;
  rejectedCallbacks: RejectedCallback[];
  /** Delivered to an Interactions Endpoint: its HTTP answer (null over the gateway, or while in flight). */
  endpointAnswer: { status: number; body: string; elapsedMs: number } | null;
  /** Current state of `@original` (the reply, the deferred placeholder, or the updated component message). */
  original: EmulatedMessage | null;
  followUps: EmulatedMessage[];
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** Resolves with the first accepted callback; rejects if none arrives within the interaction timeout. */
  callback(): Promise<InteractionCallback>;
  record(): InteractionRecord;
}

export type CommandOptionValue = string | number | boolean;

export interface InvokerOptions {
  /** Optional: derived from the channel. */
  guildId?: string;
  /** Omit for a DM with the bot. */
  channelId?: string;
  user?: EmulatedUserInput;
  /** The member's permissions in the channel; defaults to DEFAULT_MEMBER_PERMISSIONS. */
  permissions?: PermissionInput;
  roles?: string[];
  locale?: string;
}

export interface RunCommandOptions extends InvokerOptions {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  /** Option values by name, or raw option objects. */
  options?: Record<string, CommandOptionValue> | APIApplicationCommandInteractionDataOption[];
}

export interface AutocompleteOptions extends RunCommandOptions {
  /** Name of the focused option (alternatively mark a raw option with `focused: true`). */
  focused?: string;
}

export interface PressButtonOptions extends InvokerOptions {
  messageId: string;
  customId: string;
  /** For select menus: the selected values (component_type defaults to 3 then). */
  values?: string[];
}

export interface SubmitModalOptions extends InvokerOptions {
  /** custom_id of the modal (the `data.custom_id` of a type 9 callback). */
  customId: string;
  /** Input values by the inputs' custom_id. */
  fields: Record<string, string>;
  /** The interaction whose callback showed the modal; defaults to the latest one that showed `customId`. */
  interactionId?: string;
}

export interface EmulatorStats {
  requests: number;
  /** Messages created through POST /channels/:id/messages. */
  sent: number;
  tooManyRequests: number;
}
