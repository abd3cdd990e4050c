// Per-chat state: the running group round, and whether the bot can still post there.
import type { ChatsPort } from '../core/ports.ts';
import { type ChatState, chatStateSchema, emptyChatState } from '../core/records/chat-state.ts';
import type { Platform } from '../core/records/platform.ts';
import type { Mutation, Records } from './store-contract.ts';

export { emptyChatState };

const key = (platform: Platform, chatId: string) => `chat:${platform}:${chatId}`;

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
