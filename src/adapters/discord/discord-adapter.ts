// Discord adapter (discord.js): interactions → commands and actions; neutral output → embeds and buttons.
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  type REST,
  RESTEvents,
} from 'discord.js';
import type { CommandRouter } from '../../commands/command-router.ts';
import type { PayloadSeal } from '../../core/action-seal.ts';
import { markChatActive, markChatInactive } from '../../core/chat-status.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { NeutralMessage, Outgoing, Response } from '../../core/output.ts';
import { isStoreUnavailable } from '../../core/ports.ts';
import type { ChatDelivery } from '../../core/quiz/quiz-service.ts';
import type { Logger } from '../../logger.ts';
import type { Poster } from '../../schedule/poster.ts';
import { EditQueue } from '../shared/edit-queue.ts';
import { failureLevel, failureText } from '../shared/failure-text.ts';
import { LiveEdits } from '../shared/live-edits.ts';
import { sealMessage } from '../shared/seal-message.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { ChannelMessages, NO_MENTIONS, parseRef, refOf } from './channel-messages.ts';
import { canManageChat, discordActor, missingPostingPermissions } from './discord-actor.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { DISCORD_LIVE_EDIT_INTERVAL_MS } from './discord-limits.ts';
import { createDiscordPoster } from './discord-poster.ts';
import { createDiscordRest } from './discord-rest.ts';
import { type AnswerableInteraction, InteractionResponder, type ReplyPart } from './interaction-responder.ts';
import { type DiscordMessage, renderMessage, renderNotice } from './render-embeds.ts';
import { commandsUpToDate } from './sync-commands.ts';

/** Handling that takes longer is deferred first, well inside Discord's 3-second window. */
const DEFER_AFTER_MS = 1_500;
const POSTED = 'Posted to this channel.';
const DONE = 'Done.';
const NO_CHANNEL = 'This only works in a server channel or in a direct message with the bot.';

const cannotPost = (missing: readonly string[]) =>
  `I can't post in this channel: I need ${missing.length > 0 ? missing.join(', ') : 'View Channel, Send Messages and Embed Links'} here. Ask a server admin to grant ${missing.length === 1 ? 'it' : 'them'}, then try again.`;

export interface DiscordAdapterOptions {
  token: string;
  /** DISCORD_API_BASE: REST (and so the gateway lookup) through a proxy or the emulator. */
  apiBase?: string | undefined;
  applicationId: string;
  /** Where `commands:register` registers (DISCORD_GUILD_ID); start() only checks that they are current. */
  guildId?: string | undefined;
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

/** A rendered part as an interaction message, with an optional line of content above it. */
const withContent = (parts: ReplyPart[], content: string): ReplyPart[] =>
  parts.map((part, index) => (index === 0 ? { ...part, content } : part));

/** A press answers first with the pressed message's update, if it has one (only the first answer may). */
function updateFirst(messages: readonly Outgoing[]): Outgoing[] {
  const index = messages.findIndex((out) => out.target.to === 'update');
  if (index <= 0) return [...messages];
  const update = messages[index];
  return update ? [update, ...messages.filter((_, at) => at !== index)] : [...messages];
}

export class DiscordAdapter {
  readonly platform = 'discord' as const;
  /** One client per process: under discord.js's ShardingManager each shard process has its own. */
  readonly client: Client;
  /** The outbox's port; its own REST client hands 429s back instead of queueing. */
  readonly poster: Poster;
  readonly #posterRest: REST;
  readonly #channels: ChannelMessages;
  readonly #edits = new EditQueue();
  readonly #live: LiveEdits;
  readonly #log: Logger;
  readonly #deferAfterMs: number;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.#log = options.log.child({ platform: 'discord' });
    const { core } = options;
    this.#live = new LiveEdits({
      intervalMs: options.counterEditIntervalMs ?? DISCORD_LIVE_EDIT_INTERVAL_MS,
      clock: core.clock,
      timers: core.timers,
      messages: core.liveMessages,
      current: (live) => core.quiz.liveQuestion(live.roundId, live.position),
      send: async (ref, message) => {
        const target = parseRef(ref);
        if (target) await this.#channels.replace(target, this.#render(message, target.channelId));
      },
      log: this.#log,
    });
    this.#deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
    const api = options.apiBase ? { api: options.apiBase } : {};
    // Guilds is enough for slash commands, buttons and channel permissions; nothing privileged.
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: api,
      allowedMentions: NO_MENTIONS,
    });
    // Timer-driven posts may come before the gateway is up; REST only needs the token.
    this.client.rest.setToken(options.token);
    this.#channels = new ChannelMessages(this.client.rest);
    this.#posterRest = createDiscordRest({
      token: options.token,
      ...(options.apiBase ? { apiBase: options.apiBase } : {}),
      handBackRateLimits: true,
    });
    this.poster = createDiscordPoster(this.#posterRest, options.seal);
    this.client.on(Events.InteractionCreate, (interaction) => void this.#onInteraction(interaction));
    this.client.on(Events.Error, (error) => this.#log.error({ err: error }, 'Discord client error'));
    this.client.on(Events.Warn, (message) => this.#log.warn({ detail: message }, 'Discord client warning'));
    this.client.rest.on(RESTEvents.RateLimited, (info) => {
      options.core.metrics.rateLimited('discord');
      this.#log.debug(
        { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
        'waiting on a rate limit',
      );
    });
  }

  /** Seals the message's buttons to the channel it is sent to, then renders it. */
  #render(message: NeutralMessage, channelId: string): DiscordMessage[] {
    return renderMessage(sealMessage(message, this.options.seal, { platform: 'discord', chatId: channelId }));
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
    const log = this.#log.child({
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
      await this.#respond(interaction, responder, response, log);
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
    if (missing.length === 0) await markChatActive(this.options.core, 'discord', actor.chatId);
    // Only someone allowed to configure the channel learns about the bot's own permissions.
    // Setting up posts the bot could not make is refused at once.
    const schedulesPosts = this.options.router.find(interaction.commandName)?.schedulesPosts ?? false;
    if (schedulesPosts && missing.length > 0 && canManageChat(interaction)) {
      return { notice: { text: cannotPost(missing), tone: 'error' }, messages: [] };
    }
    return this.options.router.runOptions(actor, interaction.commandName, values, () =>
      Promise.resolve(canManageChat(interaction)),
    );
  }

  #press(interaction: ButtonInteraction): Promise<Response> {
    const actor = discordActor(interaction);
    if (!actor) return Promise.resolve({ notice: { text: NO_CHANNEL, tone: 'error' }, messages: [] });
    const payload = this.options.seal.open(interaction.customId, {
      platform: 'discord',
      chatId: actor.chatId,
    });
    if (payload === undefined) {
      return Promise.resolve({
        notice: { text: 'That button is not valid. Send /help to start again.', tone: 'error' },
        messages: [],
      });
    }
    return this.options.router.press(actor, payload, {
      ref: refOf(actor.chatId, interaction.message.id),
      shared: actor.chatKind !== 'private' && !interaction.message.flags.has(MessageFlags.Ephemeral),
    });
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

  /**
   * Answers one interaction with a core response, in an order Discord accepts: the press's own update
   * (or the notice) first, then follow-ups, channel posts and edits.
   */
  async #respond(
    interaction: AnswerableInteraction,
    responder: InteractionResponder,
    response: Response,
    log: Logger,
  ): Promise<void> {
    const channelId = interaction.channelId;
    const pressed = interaction.isButton() ? interaction.message : undefined;
    const pressedEphemeral = pressed?.flags.has(MessageFlags.Ephemeral) ?? false;
    const messages = pressed ? updateFirst(response.messages) : response.messages;
    const updatesFirst = pressed !== undefined && messages[0]?.target.to === 'update';
    let notice = response.notice ? renderNotice(response.notice.text) : undefined;
    if (notice !== undefined && !updatesFirst) {
      await responder.note(notice);
      notice = undefined;
    }
    let posted = false;
    for (const [index, out] of messages.entries()) {
      // Ephemeral messages and posts of this interaction all live in its channel.
      const parts: ReplyPart[] = this.#render(out.message, channelId ?? '');
      const to = out.target.to;
      const wantId = out.afterSend !== undefined;
      let id: string | undefined;
      if (out.target.to === 'edit') {
        await responder.acknowledge();
        await this.#edit(out.target.ref, out, log).catch((error: unknown) =>
          log.warn({ err: error }, 'editing an earlier message failed'),
        );
        continue;
      }
      if (to === 'update' && updatesFirst && index === 0) {
        // On a message only the user sees, the notice becomes its first line instead of another message.
        const folded = notice !== undefined && pressedEphemeral ? notice : '';
        if (folded) notice = undefined;
        const [first, ...rest] = withContent(parts, folded);
        if (first) id = await responder.update(first);
        for (const part of rest) await (pressedEphemeral ? responder.private(part) : responder.public(part));
        if (notice !== undefined) {
          await responder.note(notice);
          notice = undefined;
        }
      } else if (to === 'private') {
        for (const part of parts) id = await responder.private(part, wantId);
      } else if (channelId && (to === 'chat' || (to === 'reply' && wantId))) {
        // A channel message, which (unlike an interaction response) any process can edit for as long as
        // it exists: what the core edits later (a group question) and timer-like posts go this way.
        await responder.acknowledge();
        id = await this.#postInInteraction(interaction, channelId, parts, responder, log);
        if (id) posted = true;
      } else {
        // A public reply (an `update` outside a press shows as one too).
        for (const part of parts) id = await responder.public(part, wantId);
      }
      if (id && channelId) await out.afterSend?.(refOf(channelId, id));
    }
    if (notice !== undefined) await responder.note(notice);
    await responder.finish(posted ? POSTED : DONE);
    if (response.live) this.#live.touch(response.live);
  }

  async #postInInteraction(
    interaction: AnswerableInteraction,
    channelId: string,
    parts: ReplyPart[],
    responder: InteractionResponder,
    log: Logger,
  ): Promise<string | undefined> {
    try {
      return await this.#channels.postAll(channelId, parts);
    } catch (error) {
      const failure = classifyDiscordError(error);
      if (failure.kind !== 'chat-gone') throw error;
      log.warn({ code: failure.code }, 'cannot post in the channel');
      await responder.note(renderNotice(cannotPost(missingPostingPermissions(interaction))));
      return undefined;
    }
  }

  /** Edits a message by its ref, after earlier edits of it; a live count's final edit ends its counting. */
  async #edit(ref: string, out: Outgoing, log: Logger): Promise<void> {
    const target = parseRef(ref);
    if (!target) {
      log.warn({ ref }, 'not a Discord message reference; edit skipped');
      return;
    }
    const parts = this.#render(out.message, target.channelId);
    const send = () => this.#channels.replace(target, parts);
    await (out.closesLive ? this.#live.final(ref, send) : this.#edits.run(ref, send));
  }

  // ---- timer-driven posts ---------------------------------------------------------------------

  /** Timer-driven posts (group rounds closing) for one channel: edits and new channel messages. */
  deliver = async (delivery: ChatDelivery): Promise<void> => {
    const log = this.#log.child({ chatId: delivery.chatId });
    for (const out of delivery.messages) {
      try {
        if (out.target.to === 'edit') {
          await this.#edit(out.target.ref, out, log);
          continue;
        }
        const id = await this.#channels.postAll(delivery.chatId, this.#render(out.message, delivery.chatId));
        if (id) await out.afterSend?.(refOf(delivery.chatId, id));
      } catch (error) {
        const failure = classifyDiscordError(error);
        if (failure.kind === 'chat-gone') {
          await markChatInactive(this.options.core, 'discord', delivery.chatId, failure.description);
          return;
        }
        // One failed message (say, an edit of a deleted question) must not hold back the next question.
        log.error({ err: error, target: out.target.to }, 'timer-driven post failed');
      }
    }
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

  /** The gateway session is up. */
  connected(): boolean {
    return this.client.isReady();
  }

  async stop(): Promise<void> {
    this.#live.close();
    this.#posterRest.clearHashSweeper();
    this.#posterRest.clearHandlerSweeper();
    await this.client.destroy();
  }
}
