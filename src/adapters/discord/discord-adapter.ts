// Discord adapter (discord.js): interactions → commands and actions; neutral output → embeds and buttons.

import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  type ModalSubmitInteraction,
  type REST,
  RESTEvents,
  Status,
} from 'discord.js';
import type { CommandRouter } from '../../command-kit/command-router.ts';
import type { PayloadSeal } from '../../core/action-seal.ts';
import type { Actor } from '../../core/actor.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { NeutralMessage, Response } from '../../core/output.ts';
import { isStoreUnavailable } from '../../core/ports.ts';
import type {
  Acknowledged,
  PlatformAdapter,
  PlatformWording,
  Poster,
  ResponseOutlet,
  SendOptions,
  SendResult,
} from '../../delivery/platform-adapter.ts';
import { type Logger, lazyChild } from '../../logger.ts';
import { failureLevel, failureText } from '../shared/failure-text.ts';
import { canManageChat, discordActor, missingPostingPermissions } from './discord-actor.ts';
import { DiscordDelivery, placeOf } from './discord-delivery.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { DISCORD_LIVE_EDIT_INTERVAL_MS, DISCORD_POST_LIMITS } from './discord-limits.ts';
import { NO_MENTIONS } from './discord-messages.ts';
import { createDiscordPoster } from './discord-poster.ts';
import { countingTooManyRequests, createDiscordRest } from './discord-rest.ts';
import { choicesFor, type PressedOn, runInput } from './interaction-input.ts';
import { type AnswerableInteraction, InteractionResponder } from './interaction-responder.ts';
import { submittedText } from './render-modal.ts';
import { commandsUpToDate } from './sync-commands.ts';

/** Handling that takes longer is deferred first, well inside Discord's 3-second window. */
const DEFER_AFTER_MS = 1_500;

export interface DiscordAdapterOptions {
  token: string;
  /** DISCORD_API_BASE: REST (and so the gateway lookup) through a proxy or the emulator. */
  apiBase?: string | undefined;
  applicationId: string;
  /** Where `commands:register` registers (DISCORD_GUILD_ID); start() only checks that they are current. */
  guildId?: string | undefined;
  /** The one shard this process connects as, when `npm run start:shards` started it; else every shard. */
  shard?: { id: number; count: number } | undefined;
  router: CommandRouter;
  core: CoreServices;
  /** The deliverer: every response goes out through it. */
  outlet: ResponseOutlet;
  /** Seals button payloads to their channel, and opens them on a press. */
  seal: PayloadSeal;
  log: Logger;
  /** How often a live answer count may be edited per message (default: Discord's, 2 s). */
  counterEditIntervalMs?: number;
  /** Answers taking longer than this are deferred first (default 1.5 s; Discord allows 3 s). */
  deferAfterMs?: number;
}

/** An interaction being answered, with the responder that keeps its answers in Discord's order. */
export interface DiscordEvent {
  interaction: AnswerableInteraction;
  responder: InteractionResponder;
  log: Logger;
  /** Called as the answer begins: the slow path's deferral is no longer needed. */
  answering(): void;
}

/** Discord's own words for where personal messages go. */
export const DISCORD_WORDING: PlatformWording = {
  privatePlace: 'wording-discord-private-place',
  reachPrivately: 'wording-discord-reach-privately',
  linkElsewhere: 'wording-discord-link-elsewhere',
};

export class DiscordAdapter implements PlatformAdapter<DiscordEvent> {
  readonly platform = 'discord' as const;
  /** Interactions arrive over the gateway (see http/ for the Interactions Endpoint). */
  readonly mode = 'gateway' as const;
  readonly limits = DISCORD_POST_LIMITS;
  readonly liveEditIntervalMs: number;
  readonly wording = DISCORD_WORDING;
  /** One client per process: under discord.js's ShardingManager each shard process has its own. */
  readonly client: Client;
  /** New messages; its own REST client hands 429s back to the caller instead of queueing. */
  readonly #poster: Poster;
  readonly #posterRest: REST;
  readonly #delivery: DiscordDelivery;
  readonly #log: Logger;
  readonly #deferAfterMs: number;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.#log = options.log.child({ platform: 'discord' });
    this.#deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
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
    });
    // Timer-driven posts may come before the gateway is up; REST only needs the token.
    this.client.rest.setToken(options.token);
    this.#delivery = new DiscordDelivery({ rest: this.client.rest, seal: options.seal, log: this.#log });
    this.#posterRest = createDiscordRest({
      token: options.token,
      ...(options.apiBase ? { apiBase: options.apiBase } : {}),
      handBackRateLimits: true,
      onTooManyRequests: countTooManyRequests,
    });
    this.#poster = createDiscordPoster(this.#posterRest, options.seal);
    this.client.on(Events.InteractionCreate, (interaction) => void this.#onInteraction(interaction));
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
    return this.#poster.isGroup(chatId);
  }

  /** New messages in a channel, or in a person's DM (`dm:<id>`, `user:<id>`), tried once each. */
  send(chatId: string, message: NeutralMessage, options?: SendOptions): Promise<SendResult> {
    return this.#poster.send(chatId, message, options);
  }

  /** Replaces a channel message by its ref; waits on Discord's rate limits as its client does. */
  edit(ref: string, message: NeutralMessage): Promise<SendResult> {
    return this.#delivery.edit(ref, message);
  }

  async acknowledge(event: DiscordEvent, response: Response): Promise<Acknowledged> {
    event.answering();
    const { interaction, responder, log } = event;
    return { refs: await this.#delivery.respond(placeOf(interaction), responder, response, log) };
  }

  // ---- interactions ---------------------------------------------------------------------------

  async #onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await this.#onAutocomplete(interaction);
      else if (interaction.isChatInputCommand()) {
        await this.#answer(interaction, { command: interaction.commandName }, () =>
          this.#runCommand(interaction),
        );
      } else if (interaction.isButton()) {
        await this.#answer(interaction, { customId: interaction.customId }, () => this.#press(interaction));
      } else if (interaction.isModalSubmit()) {
        await this.#answer(interaction, { customId: interaction.customId }, () => this.#submit(interaction));
      } else {
        this.#log.debug(
          { interactionId: interaction.id, type: interaction.type },
          'interaction type not handled',
        );
      }
    } catch (error) {
      // #answer handles its own failures; this catches a failure in logging or in the apology itself.
      this.#log.error({ err: error, interactionId: interaction.id }, 'interaction handling failed');
    }
  }

  /** Runs the work behind an interaction and answers it, in the reader's language; failures are logged and apologised for. */
  #answer(
    interaction: AnswerableInteraction,
    context: Record<string, string>,
    work: () => Promise<Response>,
  ): Promise<void> {
    return this.options.router.speaking(
      discordActor(interaction),
      () => this.#answerIn(interaction, context, work),
      interaction.locale,
    );
  }

  async #answerIn(
    interaction: AnswerableInteraction,
    context: Record<string, string>,
    work: () => Promise<Response>,
  ): Promise<void> {
    const log = lazyChild(this.#log, {
      interactionId: interaction.id,
      chatId: interaction.channelId,
      userId: interaction.user.id,
      ...context,
    });
    const began = performance.now();
    const responder = new InteractionResponder(interaction, log, () => {
      if (interaction.isButton())
        this.options.core.metrics.pressAcknowledged('discord', (performance.now() - began) / 1000);
    });
    const slow = setTimeout(() => {
      responder.acknowledge().catch((error: unknown) => log.warn({ err: error }, 'deferring failed'));
    }, this.#deferAfterMs);
    slow.unref();
    try {
      const response = await work();
      const answering = () => clearTimeout(slow);
      await this.options.outlet.respond(this, { interaction, responder, log, answering }, response);
      clearTimeout(slow);
      log.debug('interaction handled');
    } catch (error) {
      clearTimeout(slow);
      log[failureLevel(error)]({ err: error }, 'interaction handler failed');
      if (isStoreUnavailable(error)) this.options.core.metrics.storeError();
      await responder.apologise(failureText(error));
    }
  }

  /** Who acts, with Discord's wording for the core. */
  #actor(interaction: Interaction): Actor | undefined {
    const actor = discordActor(interaction);
    return actor && { ...actor, wording: this.wording };
  }

  #runCommand(interaction: ChatInputCommandInteraction): Promise<Response> {
    const values: Record<string, unknown> = {};
    for (const option of interaction.options.data)
      if (option.value !== undefined) values[option.name] = option.value;
    return runInput(this.options, {
      kind: 'command',
      actor: this.#actor(interaction),
      name: interaction.commandName,
      values,
      canManage: canManageChat(interaction),
      missing: missingPostingPermissions(interaction),
    });
  }

  /** The message a press or a modal came from. */
  #pressedOn(message: Message): PressedOn {
    return { id: message.id, ephemeral: message.flags.has(MessageFlags.Ephemeral) };
  }

  #press(interaction: ButtonInteraction): Promise<Response> {
    return runInput(this.options, {
      kind: 'press',
      actor: this.#actor(interaction),
      customId: interaction.customId,
      pressed: this.#pressedOn(interaction.message),
    });
  }

  /** A modal (an ask, see render-modal.ts) sent back: its sealed payload and what was typed. */
  #submit(interaction: ModalSubmitInteraction): Promise<Response> {
    const message = interaction.isFromMessage() ? interaction.message : undefined;
    return runInput(this.options, {
      kind: 'submit',
      actor: this.#actor(interaction),
      customId: interaction.customId,
      text: submittedText(interaction),
      pressed: message && this.#pressedOn(message),
    });
  }

  async #onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const { router, core } = this.options;
    const choices = choicesFor(router, core, interaction.commandName, focused.name, String(focused.value));
    try {
      await interaction.respond(choices);
    } catch (error) {
      const failure = classifyDiscordError(error);
      const log = this.#log.child({ interactionId: interaction.id, command: interaction.commandName });
      // The user typed on; Discord dropped this request. Nothing to tell anyone.
      if (failure.kind === 'interaction-expired') log.debug('autocomplete answered too late');
      else log.error({ err: error }, 'autocomplete failed');
    }
  }

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
    this.#posterRest.clearHashSweeper();
    this.#posterRest.clearHandlerSweeper();
    await this.client.destroy();
  }
}
