// Pending updates with Telegram's confirm-by-offset semantics, allowed_updates filter and a long-poll slot.
import type { Update, UpdatePayload, UpdateType } from './bot-api-types.ts';

const UPDATE_TYPES: readonly UpdateType[] = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'callback_query',
];

/** How a long poll ended. */
export type PollOutcome = 'update' | 'timeout' | 'aborted' | 'terminated' | 'closed';

export function updateTypeOf(update: Update): UpdateType {
  for (const type of UPDATE_TYPES) if (type in update) return type;
  throw new Error(`update ${update.update_id} has no known payload`);
}

export class UpdateQueue {
  private pending: Update[] = [];
  private nextUpdateId: number;
  /** Telegram keeps allowed_updates between calls; undefined = the default (everything we emulate). */
  private allowed: ReadonlySet<string> | undefined;
  private poll: ((outcome: PollOutcome) => void) | undefined;
  private readonly listeners = new Set<() => void>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(firstUpdateId = 1) {
    this.nextUpdateId = firstUpdateId;
  }

  get size(): number {
    return this.pending.length;
  }

  get allowedUpdates(): string[] | undefined {
    return this.allowed === undefined ? undefined : [...this.allowed];
  }

  /** Sets allowed_updates; an empty list means the default. Queued updates of other types are dropped. */
  setAllowed(types: readonly string[]): void {
    this.allowed = types.length === 0 ? undefined : new Set(types);
    this.pending = this.pending.filter((update) => this.isAllowed(update));
    this.notifyIdle();
  }

  /** Queues an update (unless allowed_updates filters it out, as Telegram does) and wakes the long poll. */
  push(payload: UpdatePayload): Update {
    const update: Update = { update_id: this.nextUpdateId, ...payload };
    this.nextUpdateId += 1;
    if (!this.isAllowed(update)) return update;
    this.pending.push(update);
    this.poll?.('update');
    for (const listener of this.listeners) listener();
    return update;
  }

  /** Applies a getUpdates `offset`: forget updates below it (negative: keep only the last -offset). */
  confirm(offset: number): void {
    if (offset < 0) this.pending = this.pending.slice(offset);
    else if (offset > 0) this.pending = this.pending.filter((update) => update.update_id >= offset);
    this.notifyIdle();
  }

  /** Confirms one update by id (webhook delivery succeeded). */
  confirmOne(updateId: number): void {
    this.pending = this.pending.filter((update) => update.update_id !== updateId);
    this.notifyIdle();
  }

  peek(limit: number): Update[] {
    return this.pending.slice(0, limit);
  }

  first(): Update | undefined {
    return this.pending[0];
  }

  clear(): void {
    this.pending = [];
    this.notifyIdle();
  }

  onPush(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Holds a long poll until an update arrives, `timeoutMs` passes, the client goes away or a newer
   * getUpdates takes over (the older one is then `terminated`, which Telegram answers with 409).
   */
  waitForUpdate(timeoutMs: number, signal: AbortSignal): Promise<PollOutcome> {
    if (this.closed) return Promise.resolve('closed');
    if (signal.aborted) return Promise.resolve('aborted');
    if (this.pending.length > 0) return Promise.resolve('update');
    this.poll?.('terminated');
    return new Promise<PollOutcome>((resolve) => {
      const finish = (outcome: PollOutcome): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.poll === finish) this.poll = undefined;
        resolve(outcome);
      };
      const onAbort = (): void => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.poll = finish;
    });
  }

  /** Ends a pending long poll with `terminated` (a newer getUpdates or setWebhook took over). */
  terminatePoll(): void {
    this.poll?.('terminated');
  }

  /** Resolves once every queued update has been confirmed. */
  whenEmpty(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Releases the long poll (it answers with an empty result) and refuses new ones. */
  close(): void {
    this.closed = true;
    this.poll?.('closed');
  }

  private isAllowed(update: Update): boolean {
    return this.allowed === undefined || this.allowed.has(updateTypeOf(update));
  }

  private notifyIdle(): void {
    if (this.pending.length > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
