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
import type { PressedMessage } from '../../core/handle-action.ts';
import type { Response } from '../../core/output.ts';
import { isStoreUnavailable } from '../../core/ports.ts';
import type { ChatDelivery } from '../../core/quiz/quiz-service.ts';
import { type Logger, lazyChild } from '../../logger.ts';
import type { Poster } from '../../schedule/poster.ts';
import { failureLevel, failureText } from '../shared/failure-text.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { canManageChat, cannotPostText, discordActor, missingPostingPermissions } from './discord-actor.ts';
import { DiscordDelivery } from './discord-delivery.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { NO_MENTIONS, refOf } from './discord-messages.ts';
import { createDiscordPoster } from './discord-poster.ts';
import { countingTooManyRequests, createDiscordRest } from './discord-rest.ts';
import { type AnswerableInteraction, InteractionResponder } from './interaction-responder.ts';
import { submittedText } from './render-modal.ts';
import { commandsUpToDate } from './sync-commands.ts';

/** Handling that takes longer is deferred first, well inside Discord's 3-second window. */
const DEFER_AFTER_MS = 1_500;
const NO_CHANNEL = 'This only works in a server channel or in a direct message with the bot.';

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
  /** Seals button payloads to their channel, and opens them on a press. */
  seal: PayloadSeal;
  log: Logger;
  /** How often a live answer count may be edited per message (default: Discord's, 2 s). */
  counterEditIntervalMs?: number;
  /** Answers taking longer than this are deferred first (default 1.5 s; Discord allows 3 s). */
  deferAfterMs?: number;
}

export class DiscordAdapter {
  readonly platform = 'discord' as const;
  /** One client per process: under discord.js's ShardingManager each shard process has its own. */
  readonly client: Client;
  /** The outbox's port; its own REST client hands 429s back instead of queueing. */
  readonly poster: Poster;
  readonly #posterRest: REST;
  readonly #delivery: DiscordDelivery;
  readonly #log: Logger;
  readonly #deferAfterMs: number;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.#log = options.log.child({ platform: 'discord' });
    this.#deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
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
    this.#delivery = new DiscordDelivery({
      rest: this.client.rest,
      core: options.core,
      seal: options.seal,
      log: this.#log,
      counterEditIntervalMs: options.counterEditIntervalMs,
    });
    this.#posterRest = createDiscordRest({
      token: options.token,
      ...(options.apiBase ? { apiBase: options.apiBase } : {}),
      handBackRateLimits: true,
      onTooManyRequests: countTooManyRequests,
    });
    this.poster = createDiscordPoster(this.#posterRest, options.seal);
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

  /** Timer-driven posts (group rounds closing) for one channel. */
  deliver = (delivery: ChatDelivery): Promise<void> => this.#delivery.deliver(delivery);

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

  /** Runs the work behind an interaction and answers it; failures are logged and apologised for. */
  async #answer(
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
      clearTimeout(slow);
      await this.#delivery.respond(interaction, responder, response, log);
      log.debug('interaction handled');
    } catch (error) {
      clearTimeout(slow);
      log[failureLevel(error)]({ err: error }, 'interaction handler failed');
      if (isStoreUnavailable(error)) this.options.core.metrics.storeError();
      await responder.apologise(failureText(error));
    }
  }

  async #runCommand(interaction: ChatInputCommandInteraction): Promise<Response> {
    const actor = discordActor(interaction);
    if (!actor) return { notice: { text: NO_CHANNEL, tone: 'error' }, messages: [] };
    const values: Record<string, unknown> = {};
    for (const option of interaction.options.data)
      if (option.value !== undefined) values[option.name] = option.value;
    const missing = missingPostingPermissions(interaction);
    return this.options.router.runOptions(
      actor,
      interaction.commandName,
      values,
      () => Promise.resolve(canManageChat(interaction)),
      missing.length > 0 ? cannotPostText(missing) : undefined,
    );
  }

  /**
   * Who acts, and the payload of the custom_id they sent back (a button's or a modal's) once its seal
   * opens for their channel; otherwise the short refusal to answer with.
   */
  #opened(
    interaction: ButtonInteraction | ModalSubmitInteraction,
    refusal: string,
  ): { actor: Actor; payload: string } | Response {
    const actor = discordActor(interaction);
    if (!actor) return { notice: { text: NO_CHANNEL, tone: 'error' }, messages: [] };
    const payload = this.options.seal.open(interaction.customId, {
      platform: 'discord',
      chatId: actor.chatId,
    });
    if (payload === undefined) return { notice: { text: refusal, tone: 'error' }, messages: [] };
    return { actor, payload };
  }

  /** The message a press or a modal came from, as the core needs to know it. */
  #pressed(actor: Actor, message: Message): PressedMessage {
    return {
      ref: refOf(actor.chatId, message.id),
      shared: actor.chatKind !== 'private' && !message.flags.has(MessageFlags.Ephemeral),
    };
  }

  async #press(interaction: ButtonInteraction): Promise<Response> {
    const opened = this.#opened(interaction, 'That button is not valid. Send /help to start again.');
    if ('messages' in opened) return opened;
    return this.options.router.press(
      opened.actor,
      opened.payload,
      this.#pressed(opened.actor, interaction.message),
    );
  }

  /** A modal (an ask, see render-modal.ts) sent back: its sealed payload and what was typed. */
  async #submit(interaction: ModalSubmitInteraction): Promise<Response> {
    const opened = this.#opened(interaction, 'That form is not valid. Send /help to start again.');
    if ('messages' in opened) return opened;
    const message = interaction.isFromMessage() ? interaction.message : undefined;
    return this.options.router.submit(
      opened.actor,
      opened.payload,
      submittedText(interaction),
      message && this.#pressed(opened.actor, message),
    );
  }

  async #onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const spec = this.options.router
      .find(interaction.commandName)
      ?.specs.find((entry) => entry.name === focused.name);
    const choices = spec?.autocomplete
      ? autocompleteChoices(spec.autocomplete, String(focused.value), this.options.core.catalog())
      : [];
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
    this.#delivery.close();
    this.#posterRest.clearHashSweeper();
    this.#posterRest.clearHandlerSweeper();
    await this.client.destroy();
  }
}
