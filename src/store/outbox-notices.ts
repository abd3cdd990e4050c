// Private notices as outbox items: sent by whichever instance drains the outbox, within the platform's limits.
import type { NoticesPort, PrivateNotice } from '../core/ports.ts';
import { privateChatOf } from '../core/private-chat.ts';
import { NOTICE_SUBSCRIPTION, type OutboxItem, pendingOutboxItem } from '../core/records/outbox.ts';
import type { OutboxPort } from '../core/schedule-ports.ts';

/** The outbox item that sends a notice to its person's private chat. */
export function noticeItem(notice: PrivateNotice): OutboxItem {
  const now = notice.at;
  return {
    ...pendingOutboxItem(
      {
        subscriptionId: NOTICE_SUBSCRIPTION,
        platform: notice.to.platform,
        chatId: privateChatOf(notice.to.userId),
        period: new Date(now).toISOString(),
        scheduledFor: now,
        payload: { kind: 'message', message: notice.message },
      },
      now,
    ),
    id: notice.id,
  };
}

export class OutboxNotices implements NoticesPort {
  constructor(private readonly outbox: OutboxPort) {}

  async queue(notice: PrivateNotice): Promise<void> {
    await this.outbox.enqueue(noticeItem(notice));
  }
}
