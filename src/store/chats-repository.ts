// Per-chat state: the running group round, and whether the bot can still post there.
import type { ChatsPort } from '../core/ports.ts';
import { type ChatState, chatStateSchema, emptyChatState } from '../core/records/chat-state.ts';
import type { Platform } from '../core/records/platform.ts';
import { type Mutation, type Records, recordRef } from './store-contract.ts';

export { emptyChatState };

const key = (platform: Platform, chatId: string) => `chat:${platform}:${chatId}`;

/** A chat's state, for a change that writes it together with another record (a group round's claim). */
export const chatRef = (platform: Platform, chatId: string) =>
  recordRef(key(platform, chatId), chatStateSchema);

export class ChatsRepository implements ChatsPort {
  constructor(private readonly records: Records) {}

  get(platform: Platform, chatId: string): Promise<ChatState | undefined> {
    return this.records.read(key(platform, chatId), chatStateSchema);
  }

  update<R>(
    platform: Platform,
    chatId: string,
    mutate: (current: ChatState | undefined) => Mutation<ChatState, R>,
  ) {
    return this.records.update(key(platform, chatId), chatStateSchema, mutate);
  }
}
