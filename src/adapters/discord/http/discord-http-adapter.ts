// Discord over HTTP: interactions arrive as signed POSTs at the Interactions Endpoint and are answered
// in the response; everything else (follow-ups, edits, channel posts, scheduled posts) goes over REST.
// No gateway connection: any number of instances on one store serve one application.
import { InteractionResponseType, type REST } from 'discord.js';
import type { CommandRouter } from '../../../command-kit/command-router.ts';
import type { PayloadSeal } from '../../../core/action-seal.ts';
import type { CoreServices } from '../../../core/core-services.ts';
import type { NeutralMessage, Response } from '../../../core/output.ts';
import { isStoreUnavailable } from '../../../core/ports.ts';
import type {
  Acknowledged,
  PlatformAdapter,
  Poster,
  ResponseOutlet,
  SendOptions,
  SendResult,
} from '../../../delivery/platform-adapter.ts';
import { type Logger, lazyChild } from '../../../logger.ts';
import { failureLevel, failureText } from '../../shared/failure-text.ts';
import { DISCORD_WORDING } from '../discord-adapter.ts';
import { DiscordDelivery, type InteractionPlace } from '../discord-delivery.ts';
import { DISCORD_LIVE_EDIT_INTERVAL_MS, DISCORD_POST_LIMITS } from '../discord-limits.ts';
import { createDiscordPoster } from '../discord-poster.ts';
import { createDiscordRest } from '../discord-rest.ts';
import { choicesFor, runInput } from '../interaction-input.ts';
import { commandsUpToDate } from '../sync-commands.ts';
import { HttpResponder } from './http-responder.ts';
import {
  type AutocompletePayload,
  channelOf,
  focusedOption,
  type InteractionPayload,
  interactionPayloadSchema,
  userOf,
} from './interaction-payload.ts';
import {
  type InteractionsServer,
  type Respond,
  startInteractionsServer,
  UnreadableInteraction,
} from './interactions-server.ts';
import { actorOf, inputOf, placeOfPayload } from './payload-input.ts';
import { publicKeyFromHex } from './verify-signature.ts';

/** Work that takes longer is answered with a deferral first, well inside Discord's 3-second window. */
const DEFER_AFTER_MS = 1_500;

export interface DiscordHttpAdapterOptions {
  token: string;
  apiBase?: string | undefined;
  applicationId: string;
  guildId?: string | undefined;
  /** DISCORD_PUBLIC_KEY: 64 hex digits. */
  publicKey: string;
  /** Where the Interactions Endpoint listens (0: a port the system picks; see `port`). */
  port: number;
  host: string;
  router: CommandRouter;
  core: CoreServices;
  /** The deliverer: every response goes out through it. */
  outlet: ResponseOutlet;
  seal: PayloadSeal;
  log: Logger;
  /** How often a live answer count may be edited per message (default: Discord's, 2 s). */
  counterEditIntervalMs?: number;
  /** Answers taking longer than this are deferred first (default 1.5 s; Discord allows 3 s). */
  deferAfterMs?: number;
  /** Wall-clock time for the signature's 5-minute window (default Date.now). */
  now?: () => number;
}

/** An interaction being answered over HTTP: where it happened, and the responder holding its reply. */
export interface DiscordHttpEvent {
  place: InteractionPlace;
  responder: HttpResponder;
  log: Logger;
}

export class DiscordHttpAdapter implements PlatformAdapter<DiscordHttpEvent> {
  readonly platform = 'discord' as const;
  /** Interactions arrive as POSTs to the Interactions Endpoint; no gateway connection. */
  readonly mode = 'http' as const;
  readonly limits = DISCORD_POST_LIMITS;
  readonly liveEditIntervalMs: number;
  readonly wording = DISCORD_WORDING;
  /** Replies, follow-ups, edits and channel posts (waits on rate limits). */
  readonly rest: REST;
  /** New messages; its own REST client hands 429s back to the caller instead of queueing. */
  readonly #poster: Poster;
  readonly #posterRest: REST;
  readonly #delivery: DiscordDelivery;
  readonly #log: Logger;
  readonly #deferAfterMs: number;
  #server: InteractionsServer | undefined;

  constructor(private readonly options: DiscordHttpAdapterOptions) {
    this.#log = options.log.child({ platform: 'discord', mode: 'http' });
    this.#deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
    this.liveEditIntervalMs = options.counterEditIntervalMs ?? DISCORD_LIVE_EDIT_INTERVAL_MS;
    const countTooManyRequests = () => options.core.metrics.rateLimited('discord');
    const api = options.apiBase ? { apiBase: options.apiBase } : {};
    this.rest = createDiscordRest({ token: options.token, ...api, onTooManyRequests: countTooManyRequests });
    this.#delivery = new DiscordDelivery({ rest: this.rest, seal: options.seal, log: this.#log });
    this.#posterRest = createDiscordRest({
      token: options.token,
      ...api,
      handBackRateLimits: true,
      onTooManyRequests: countTooManyRequests,
    });
    this.#poster = createDiscordPoster(this.#posterRest, options.seal);
  }

  /** The port the endpoint listens on, once started. */
  get port(): number | undefined {
    return this.#server?.port;
  }

  isGroup(chatId: string): boolean {
    return this.#poster.isGroup(chatId);
  }

  /** New messages in a channel, or in a person's DM (`dm:<id>`, `user:<id>`), over REST, tried once each. */
  send(chatId: string, message: NeutralMessage, options?: SendOptions): Promise<SendResult> {
    return this.#poster.send(chatId, message, options);
  }

  /** Replaces a channel message by its ref, over REST. */
  edit(ref: string, message: NeutralMessage): Promise<SendResult> {
    return this.#delivery.edit(ref, message);
  }

  /**
   * Answers the interaction: the first answer is held as the reply to Discord's POST (`reply`), sent once
   * the deliverer has stored what the response refers to; anything after it goes over REST.
   */
  async acknowledge(event: DiscordHttpEvent, response: Response): Promise<Acknowledged> {
    const refs = await this.#delivery.respond(event.place, event.responder, response, event.log);
    const reply = event.responder.reply;
    return reply === undefined ? { refs } : { refs, reply };
  }

  #handle = async (raw: unknown, respond: Respond): Promise<void> => {
    const parsed = interactionPayloadSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UnreadableInteraction(`${issue?.path.join('.') || 'type'}: ${issue?.message ?? 'invalid'}`);
    }
    const payload = parsed.data;
    if (payload.type === 4) return this.#autocomplete(payload, respond);
    await this.#answer(payload, respond);
  };

  async #autocomplete(payload: AutocompletePayload, respond: Respond): Promise<void> {
    const focused = focusedOption(payload.data.options);
    const { router, core } = this.options;
    const choices = focused
      ? choicesFor(router, core, payload.data.name, focused.name, String(focused.value ?? ''))
      : [];
    await respond({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
  }

  /** Runs the work behind an interaction and answers it, in the reader's language; failures are logged and apologised for. */
  #answer(payload: Exclude<InteractionPayload, { type: 4 }>, respond: Respond): Promise<void> {
    return this.options.router.speaking(
      actorOf(payload),
      () => this.#answerIn(payload, respond),
      payload.locale,
    );
  }

  async #answerIn(payload: Exclude<InteractionPayload, { type: 4 }>, respond: Respond): Promise<void> {
    const log = lazyChild(this.#log, {
      interactionId: payload.id,
      chatId: channelOf(payload),
      userId: userOf(payload)?.id,
      ...(payload.type === 2 ? { command: payload.data.name } : { customId: payload.data.custom_id }),
    });
    const began = performance.now();
    const isPress = payload.type === 3;
    const responder = new HttpResponder({
      rest: this.rest,
      applicationId: payload.application_id,
      token: payload.token,
      pressedMessageId: payload.type === 2 ? undefined : payload.message?.id,
      isPress,
      respond,
      log,
      onAcknowledged: () => {
        if (isPress)
          this.options.core.metrics.pressAcknowledged('discord', (performance.now() - began) / 1000);
      },
    });
    // Slow work: the response goes out as a deferral, and the answer follows over REST.
    const slow = setTimeout(() => void responder.flush(), this.#deferAfterMs);
    slow.unref();
    try {
      const response = await runInput(this.options, inputOf(payload));
      const event = { place: placeOfPayload(payload), responder, log };
      await this.options.outlet.respond(this, event, response);
      clearTimeout(slow);
      // The reply goes out now, after the deliverer stored what its buttons refer to.
      await responder.flush();
      log.debug('interaction handled');
    } catch (error) {
      clearTimeout(slow);
      log[failureLevel(error)]({ err: error }, 'interaction handler failed');
      if (isStoreUnavailable(error)) this.options.core.metrics.storeError();
      await responder.apologise(failureText(error));
      await responder.flush();
    }
  }

  /** Listens for interactions; warns when the registered commands are not the current ones. */
  async start(): Promise<void> {
    this.#server = await startInteractionsServer({
      port: this.options.port,
      host: this.options.host,
      publicKey: publicKeyFromHex(this.options.publicKey),
      ...(this.options.now ? { now: this.options.now } : {}),
      handle: this.#handle,
      log: this.#log,
    });
    try {
      const current = await commandsUpToDate({
        rest: this.rest,
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
      { host: this.options.host, port: this.#server.port },
      'Discord interactions served over HTTP at /interactions (no gateway connection)',
    );
  }

  /** Why interactions cannot arrive right now, or undefined while the endpoint listens. */
  problem(): string | undefined {
    return this.#server?.server.listening ? undefined : 'interactions endpoint not listening';
  }

  async stop(): Promise<void> {
    await this.#server?.close();
    for (const rest of [this.rest, this.#posterRest]) {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    }
  }
}
