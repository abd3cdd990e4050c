// A chat the bot can no longer post in: the subscription pauses with the platform's reason, the chat is marked.
import { markChatInactive } from '../core/chat-status.ts';
import type { CoreServices } from '../core/core-services.ts';
import { NOTICE_SUBSCRIPTION, type OutboxItem } from '../core/records/outbox.ts';
import type { CodedReason } from '../core/records/reason.ts';

export function pauseGoneChat(core: CoreServices) {
  return async (item: OutboxItem, reason: CodedReason): Promise<void> => {
    // A private notice that cannot reach its user pauses nothing: the user blocked the bot or left.
    if (item.subscriptionId === NOTICE_SUBSCRIPTION) return;
    await core.subscriptions.disable(item.platform, item.chatId, item.subscriptionId, reason);
    await markChatInactive(core, item.platform, item.chatId, reason);
  };
}
