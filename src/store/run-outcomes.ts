// How scheduled runs ended, from the run's claim record and, once queued, its outbox item.
import type { RunOutcome, ScheduledRunsPort } from '../core/ports.ts';
import { outboxItemId } from '../core/records/outbox.ts';
import type { OutboxPort, RunClaimsPort } from '../core/schedule-ports.ts';

export class RunOutcomes implements ScheduledRunsPort {
  constructor(
    private readonly claims: Pick<RunClaimsPort, 'getFire'>,
    private readonly outbox: OutboxPort,
  ) {}

  async outcome(subscriptionId: string, period: string): Promise<RunOutcome | undefined> {
    const fire = await this.claims.getFire(subscriptionId, period);
    if (!fire) return undefined;
    const { scheduledFor } = fire;
    if (fire.status === 'claimed') return { scheduledFor, status: 'running', reason: null };
    if (fire.status !== 'queued') return { scheduledFor, status: fire.status, reason: fire.reason };
    // Queued: the outbox item says whether it went out (a quiz of the day may still be skipped there).
    const item = await this.outbox.get(outboxItemId(subscriptionId, period));
    switch (item?.status) {
      case 'sent':
        return { scheduledFor, status: 'posted', reason: null };
      case 'skipped':
      case 'failed':
        return { scheduledFor, status: item.status, reason: item.error };
      default:
        return { scheduledFor, status: 'running', reason: null };
    }
  }
}
