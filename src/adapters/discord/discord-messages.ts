// Channel messages over REST by id only (no cache), so any shard or process can post and edit anywhere.
import {
  type APIAllowedMentions,
  type REST,
  type RESTPatchAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord.js';
import type { DiscordMessage } from './render-embeds.ts';

/** Sent with every message: content never pings anyone, whatever it contains. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

export interface MessageRef {
  channelId: string;
  messageId: string;
}

/** The reference the core stores to edit a message later. */
export const refOf = (channelId: string, messageId: string) => `${channelId}:${messageId}`;

export function parseRef(ref: string): MessageRef | undefined {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(ref);
  return match?.[1] && match[2] ? { channelId: match[1], messageId: match[2] } : undefined;
}

function messageId(response: unknown): string {
  if (
    typeof response === 'object' &&
    response !== null &&
    'id' in response &&
    typeof response.id === 'string'
  ) {
    return response.id;
  }
  throw new Error('Discord answered a message create without a message id');
}

export class ChannelMessages {
  constructor(private readonly rest: REST) {}

  /** Posts one message; with a nonce, Discord returns the first message again for a repeat. */
  async post(channelId: string, part: DiscordMessage, nonce?: string): Promise<string> {
    const body: RESTPostAPIChannelMessageJSONBody = {
      embeds: part.embeds,
      components: part.components,
      allowed_mentions: NO_MENTIONS,
      ...(nonce ? { nonce, enforce_nonce: true } : {}),
    };
    return messageId(await this.rest.post(Routes.channelMessages(channelId), { body }));
  }

  /** Posts every part in order; returns the id of the last (the one carrying the buttons). */
  async postAll(channelId: string, parts: readonly DiscordMessage[]): Promise<string | undefined> {
    let last: string | undefined;
    for (const part of parts) last = await this.post(channelId, part);
    return last;
  }

  async edit(ref: MessageRef, part: DiscordMessage): Promise<void> {
    const body: RESTPatchAPIChannelMessageJSONBody = {
      embeds: part.embeds,
      components: part.components,
      allowed_mentions: NO_MENTIONS,
    };
    await this.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body });
  }

  /** Replaces a message; what does not fit in it follows as new messages. */
  async replace(ref: MessageRef, parts: readonly DiscordMessage[]): Promise<void> {
    const [first, ...rest] = parts;
    if (!first) return;
    await this.edit(ref, first);
    if (rest.length > 0) await this.postAll(ref.channelId, rest);
  }
}
