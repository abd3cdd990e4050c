// Per-chat state: the running group round, and whether the bot can still post there.
import { type ChatState, chatStateSchema, type Platform } from '../core/records.ts';
import type { Mutation, RecordStore } from './record-store.ts';

const key = (platform: Platform, chatId: string) => `chat:${platform}:${chatId}`;

export const emptyChatState = (): ChatState => ({
  v: 1,
  groupRound: null,
  active: true,
  inactiveReason: null,
});

export class ChatsRepository {
  constructor(private readonly records: RecordStore) {}

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
