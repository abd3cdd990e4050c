// Whether the bot can still post in a chat: a platform's "blocked / kicked / gone" marks it inactive.

import type { CoreServices } from './core-services.ts';
import { isStoreUnavailable } from './ports.ts';
import { reasonForLog } from './reason-text.ts';
import { emptyChatState } from './records/chat-state.ts';
import type { Platform } from './records/platform.ts';
import { type CodedReason, sameReason } from './records/reason.ts';

export async function markChatInactive(
  core: CoreServices,
  platform: Platform,
  chatId: string,
  reason: CodedReason,
) {
  await core.chats.update(platform, chatId, (current) => {
    const chat = current ?? emptyChatState();
    if (!chat.active && sameReason(chat.inactiveReason, reason)) return { result: undefined };
    chat.active = false;
    chat.inactiveReason = reason;
    return { next: chat, result: undefined };
  });
  core.log.info({ platform, chatId, reason: reasonForLog(reason) }, 'chat marked inactive');
}

/**
 * A chat that writes to the bot again is reachable again. A side note to the command it came with:
 * a store outage here is logged and does not stop the command (which may not need the store).
 */
export async function markChatActive(core: CoreServices, platform: Platform, chatId: string) {
  try {
    const state = await core.chats.get(platform, chatId);
    if (!state || state.active) return;
    await core.chats.update(platform, chatId, (current) => {
      if (!current || current.active) return { result: undefined };
      current.active = true;
      current.inactiveReason = null;
      return { next: current, result: undefined };
    });
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    core.log.warn({ err: error, platform, chatId }, 'could not mark the chat active');
  }
}
