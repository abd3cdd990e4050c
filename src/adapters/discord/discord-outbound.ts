// What both Discord modes send the same way: new messages (channel posts, DMs) through a REST client that
// hands 429s back to the caller's pacing, and edits and interaction answers through the mode's own client,
// which waits on Discord's rate limits.
import type { REST } from 'discord.js';
import type { CommandRouter } from '../../command-kit/command-router.ts';
import type { PayloadSeal } from '../../core/action-seal.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { NeutralMessage, Response } from '../../core/output.ts';
import type {
  Acknowledged,
  Poster,
  ResponseOutlet,
  SendOptions,
  SendResult,
} from '../../delivery/platform-adapter.ts';
import type { Logger } from '../../logger.ts';
import { DiscordDelivery } from './discord-delivery.ts';
import { createDiscordPoster } from './discord-poster.ts';
import { createDiscordRest } from './discord-rest.ts';
import { acknowledgeInteraction, type DiscordEvent } from './payload-interactions.ts';

/** What either Discord adapter is made with (each adds its mode's own). */
export interface DiscordAdapterCommon {
  token: string;
  /** DISCORD_API_BASE: REST (and so the gateway lookup) through a proxy or the emulator. */
  apiBase?: string | undefined;
  applicationId: string;
  /** Where `commands:register` registers (DISCORD_GUILD_ID); start() only checks that they are current. */
  guildId?: string | undefined;
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

export interface DiscordOutboundOptions {
  token: string;
  apiBase?: string | undefined;
  /** The mode's REST client: edits, follow-ups and webhook calls wait on rate limits through it. */
  rest: REST;
  seal: PayloadSeal;
  log: Logger;
  /** Counts a 429 answered to a new message (the metrics). */
  onTooManyRequests: () => void;
}

export class DiscordOutbound {
  readonly #poster: Poster;
  readonly #posterRest: REST;
  readonly #delivery: DiscordDelivery;

  constructor(options: DiscordOutboundOptions) {
    this.#delivery = new DiscordDelivery({ rest: options.rest, seal: options.seal, log: options.log });
    this.#posterRest = createDiscordRest({
      token: options.token,
      ...(options.apiBase ? { apiBase: options.apiBase } : {}),
      handBackRateLimits: true,
      onTooManyRequests: options.onTooManyRequests,
    });
    this.#poster = createDiscordPoster(this.#posterRest, options.seal);
  }

  isGroup(chatId: string): boolean {
    return this.#poster.isGroup(chatId);
  }

  /** New messages in a channel, or in a person's DM (`dm:<id>`, `user:<id>`), tried once each. */
  send(chatId: string, message: NeutralMessage, options?: SendOptions): Promise<SendResult> {
    return this.#poster.send(chatId, message, options);
  }

  /** Replaces a channel message by its ref; waits on Discord's rate limits. */
  edit(ref: string, message: NeutralMessage): Promise<SendResult> {
    return this.#delivery.edit(ref, message);
  }

  /** Answers an interaction: its first response goes out once the deliverer stored what it refers to. */
  acknowledge(event: DiscordEvent, response: Response): Promise<Acknowledged> {
    return acknowledgeInteraction(this.#delivery, event, response);
  }

  /** Stops the poster's client's timers (the mode's own client is the mode's to stop). */
  stop(): void {
    this.#posterRest.clearHashSweeper();
    this.#posterRest.clearHandlerSweeper();
  }
}
