// Discord over HTTP: interactions arrive as signed POSTs at the Interactions Endpoint and are answered
// in the response; everything else (follow-ups, edits, channel posts, scheduled posts) goes over REST.
// No gateway connection: any number of instances on one store serve one application.
import type { REST } from 'discord.js';
import type { NeutralMessage, Response } from '../../../core/output.ts';
import type {
  Acknowledged,
  PlatformAdapter,
  SendOptions,
  SendResult,
} from '../../../delivery/platform-adapter.ts';
import type { Logger } from '../../../logger.ts';
import { DISCORD_LIVE_EDIT_INTERVAL_MS, DISCORD_POST_LIMITS } from '../discord-limits.ts';
import { type DiscordAdapterCommon, DiscordOutbound } from '../discord-outbound.ts';
import { createDiscordRest } from '../discord-rest.ts';
import { DISCORD_WORDING } from '../discord-wording.ts';
import { type DiscordEvent, PayloadInteractions } from '../payload-interactions.ts';
import { commandsUpToDate } from '../sync-commands.ts';
import { type InteractionsServer, startInteractionsServer } from './interactions-server.ts';
import { publicKeyFromHex } from './verify-signature.ts';

/** Work that takes longer is answered with a deferral first, well inside Discord's 3-second window. */
const DEFER_AFTER_MS = 1_500;

export interface DiscordHttpAdapterOptions extends DiscordAdapterCommon {
  /** DISCORD_PUBLIC_KEY: 64 hex digits. */
  publicKey: string;
  /** Where the Interactions Endpoint listens (0: a port the system picks; see `port`). */
  port: number;
  host: string;
  /** Wall-clock time for the signature's 5-minute window (default Date.now). */
  now?: () => number;
}

export class DiscordHttpAdapter implements PlatformAdapter<DiscordEvent> {
  readonly platform = 'discord' as const;
  /** Interactions arrive as POSTs to the Interactions Endpoint; no gateway connection. */
  readonly mode = 'http' as const;
  readonly limits = DISCORD_POST_LIMITS;
  readonly liveEditIntervalMs: number;
  readonly wording = DISCORD_WORDING;
  /** Replies, follow-ups, edits and channel posts (waits on rate limits). */
  readonly rest: REST;
  readonly #outbound: DiscordOutbound;
  readonly #log: Logger;
  readonly #interactions: PayloadInteractions;
  #server: InteractionsServer | undefined;

  constructor(private readonly options: DiscordHttpAdapterOptions) {
    this.#log = options.log.child({ platform: 'discord', mode: 'http' });
    this.liveEditIntervalMs = options.counterEditIntervalMs ?? DISCORD_LIVE_EDIT_INTERVAL_MS;
    const countTooManyRequests = () => options.core.metrics.rateLimited('discord');
    const api = options.apiBase ? { apiBase: options.apiBase } : {};
    this.rest = createDiscordRest({ token: options.token, ...api, onTooManyRequests: countTooManyRequests });
    this.#outbound = new DiscordOutbound({
      ...options,
      rest: this.rest,
      log: this.#log,
      onTooManyRequests: countTooManyRequests,
    });
    this.#interactions = new PayloadInteractions({
      ...options,
      adapter: this,
      rest: this.rest,
      log: this.#log,
      deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    });
  }

  /** The port the endpoint listens on, once started. */
  get port(): number | undefined {
    return this.#server?.port;
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

  /** The first answer is held as the reply to Discord's POST (`reply`) until the deliverer stored what it refers to. */
  acknowledge(event: DiscordEvent, response: Response): Promise<Acknowledged> {
    return this.#outbound.acknowledge(event, response);
  }

  /** Listens for interactions; warns when the registered commands are not the current ones. */
  async start(): Promise<void> {
    this.#server = await startInteractionsServer({
      port: this.options.port,
      host: this.options.host,
      publicKey: publicKeyFromHex(this.options.publicKey),
      ...(this.options.now ? { now: this.options.now } : {}),
      handle: (raw, respond) => this.#interactions.handle(raw, respond),
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
    this.#outbound.stop();
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
  }
}
