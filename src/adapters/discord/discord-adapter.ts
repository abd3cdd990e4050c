// Discord over the gateway (discord.js's Client holds the connection and its shards): interactions arrive
// as dispatches and are answered as over HTTP (payload-interactions.ts), the first response through the
// interaction callback route; channel posts and edits go over REST.

import {
  Client,
  Events,
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  GatewayIntentBits,
  Options,
  RESTEvents,
  Routes,
  Status,
} from 'discord.js';
import type { NeutralMessage, Response } from '../../core/output.ts';
import type {
  Acknowledged,
  PlatformAdapter,
  SendOptions,
  SendResult,
} from '../../delivery/platform-adapter.ts';
import type { Logger } from '../../logger.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { DISCORD_LIVE_EDIT_INTERVAL_MS, DISCORD_POST_LIMITS } from './discord-limits.ts';
import { NO_MENTIONS } from './discord-messages.ts';
import { type DiscordAdapterCommon, DiscordOutbound } from './discord-outbound.ts';
import { countingTooManyRequests } from './discord-rest.ts';
import { DISCORD_WORDING } from './discord-wording.ts';
import type { Respond } from './interaction-responder.ts';
import { type DiscordEvent, PayloadInteractions, UnreadableInteraction } from './payload-interactions.ts';
import { commandsUpToDate } from './sync-commands.ts';

/** Handling that takes longer is deferred first, well inside Discord's 3-second window. */
const DEFER_AFTER_MS = 1_500;

export interface DiscordAdapterOptions extends DiscordAdapterCommon {
  /** The one shard this process connects as, when `npm run start:shards` started it; else every shard. */
  shard?: { id: number; count: number } | undefined;
}

export class DiscordAdapter implements PlatformAdapter<DiscordEvent> {
  readonly platform = 'discord' as const;
  /** Interactions arrive over the gateway (see http/ for the Interactions Endpoint). */
  readonly mode = 'gateway' as const;
  readonly limits = DISCORD_POST_LIMITS;
  readonly liveEditIntervalMs: number;
  readonly wording = DISCORD_WORDING;
  /** One client per process: under discord.js's ShardingManager each shard process has its own. */
  readonly client: Client;
  readonly #outbound: DiscordOutbound;
  readonly #log: Logger;
  readonly #interactions: PayloadInteractions;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.#log = options.log.child({ platform: 'discord' });
    this.liveEditIntervalMs = options.counterEditIntervalMs ?? DISCORD_LIVE_EDIT_INTERVAL_MS;
    const api = options.apiBase ? { api: options.apiBase } : {};
    // Guilds is enough for slash commands, buttons and channel permissions; nothing privileged.
    const countTooManyRequests = () => options.core.metrics.rateLimited('discord');
    // A shard's client connects as that shard only, and Discord sends it the events of its guilds only.
    const shards = options.shard ? { shards: [options.shard.id], shardCount: options.shard.count } : {};
    this.client = new Client({
      ...shards,
      intents: [GatewayIntentBits.Guilds],
      rest: { ...api, makeRequest: countingTooManyRequests(countTooManyRequests) },
      allowedMentions: NO_MENTIONS,
      // Interactions are read from their JSON: the users, members and messages discord.js would cache
      // from them are never looked up, so none are kept.
      makeCache: Options.cacheWithLimits({
        ...Options.DefaultMakeCacheSettings,
        UserManager: 0,
        GuildMemberManager: 0,
        MessageManager: 0,
      }),
    });
    // Timer-driven posts may come before the gateway is up; REST only needs the token.
    this.client.rest.setToken(options.token);
    this.#outbound = new DiscordOutbound({
      ...options,
      rest: this.client.rest,
      log: this.#log,
      onTooManyRequests: countTooManyRequests,
    });
    this.#interactions = new PayloadInteractions({
      ...options,
      adapter: this,
      rest: this.client.rest,
      log: this.#log,
      deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    });
    this.client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
      if (packet.t === GatewayDispatchEvents.InteractionCreate) void this.#onInteraction(packet.d);
    });
    this.client.on(Events.Error, (error) => this.#log.error({ err: error }, 'Discord client error'));
    this.client.on(Events.Warn, (message) => this.#log.warn({ detail: message }, 'Discord client warning'));
    this.client.rest.on(RESTEvents.RateLimited, (info) => {
      this.#log.debug(
        { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
        'waiting on a rate limit',
      );
    });
  }

  isGroup(chatId: string): boolean {
    return this.#outbound.isGroup(chatId);
  }

  send(chatId: string, message: NeutralMessage, options?: SendOptions): Promise<SendResult> {
    return this.#outbound.send(chatId, message, options);
  }

  edit(ref: string, message: NeutralMessage): Promise<SendResult> {
    return this.#outbound.edit(ref, message);
  }

  acknowledge(event: DiscordEvent, response: Response): Promise<Acknowledged> {
    return this.#outbound.acknowledge(event, response);
  }

  // ---- interactions ---------------------------------------------------------------------------

  /** An INTERACTION_CREATE dispatch: answered like a POST at the Interactions Endpoint. */
  async #onInteraction(raw: unknown): Promise<void> {
    try {
      await this.#interactions.handle(raw, this.#callback);
    } catch (error) {
      if (error instanceof UnreadableInteraction) {
        this.#log.warn({ reason: error.message }, 'interaction not answered: unreadable');
        return;
      }
      // The user typed on while autocomplete was asked: Discord dropped the request. Nothing to tell anyone.
      if (classifyDiscordError(error).kind === 'interaction-expired') {
        this.#log.debug({ err: error }, 'interaction answered too late');
        return;
      }
      this.#log.error({ err: error }, 'interaction handling failed');
    }
  }

  /** An interaction's first response, through its callback route (the token authorises it). */
  readonly #callback: Respond = async (body, interaction) => {
    await this.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body,
      auth: false,
    });
  };

  // ---- lifecycle ------------------------------------------------------------------------------

  /** Logs in and waits for the gateway; warns when the registered commands are not the current ones. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.options.token);
    await ready;
    try {
      const current = await commandsUpToDate({
        rest: this.client.rest,
        applicationId: this.options.applicationId,
        guildId: this.options.guildId,
        commands: this.options.router.commands,
      });
      if (!current)
        this.#log.warn('registered slash commands differ from commands/; run npm run commands:register');
    } catch (error) {
      this.#log.warn({ err: error }, 'could not read the registered slash commands');
    }
    this.#log.info(
      { user: this.client.user?.tag, shards: this.client.shard?.ids ?? [0] },
      'Discord bot started',
    );
  }

  /** Why the gateway session is not up right now (never ready, or reconnecting), or undefined. */
  problem(): string | undefined {
    if (!this.client.isReady()) return 'not connected to the gateway';
    const down = this.client.ws.shards.filter((shard) => shard.status !== Status.Ready);
    if (down.size === 0) return undefined;
    return [...down.values()]
      .map((shard) => `shard ${shard.id}: gateway ${String(Status[shard.status]).toLowerCase()}`)
      .join('; ');
  }

  async stop(): Promise<void> {
    this.#outbound.stop();
    await this.client.destroy();
  }
}
