// Drains the outbox within each platform's limits: 429s wait, transient errors back off, a gone chat pauses.

import type { Clock } from '../core/clock.ts';
import type { CoreServices } from '../core/core-services.ts';
import type { Timers } from '../core/ports.ts';
import type { SendOutcome } from '../core/post-kinds/define-post-kind.ts';
import { reasonForLog } from '../core/reason-text.ts';
import type { OutboxItem } from '../core/records/outbox.ts';
import { because, type CodedReason } from '../core/records/reason.ts';
import type { OutboxPort } from '../core/schedule-ports.ts';
import type { Deliverer } from '../delivery/deliverer.ts';
import type { Poster, PostProgress, SendResult } from '../delivery/platform-adapter.ts';
import type { RateLimiter, Ticket } from '../delivery/rate-limits.ts';
import { inLocale } from '../i18n/current-locale.ts';
import type { Logger } from '../logger.ts';
import type { Lease } from '../store/store-contract.ts';

const TICK_MS = 25;
/** How often the pending index is re-read for items another instance queued. */
const REFRESH_MS = 1_000;
/** How often finished items are taken out of the pending index. */
const FLUSH_MS = 250;
const MAX_IN_FLIGHT = 64;
/** Transient failures are retried this many times (about eight minutes in all), then the item fails. */
const MAX_ATTEMPTS = 10;
const backoffMs = (attempt: number) => Math.min(300_000, 1_000 * 2 ** (attempt - 1));

/** What one send came to: the platform's result, or what the post's kind decided at send time. */
type Attempt = SendOutcome<SendResult>;

/** A slot the limiter reserved for one message. */
interface Reserved {
  ticket: Ticket;
  at: number;
}

/** The sender is stopping: a long post waiting between two parts stops there. */
class Interrupted extends Error {}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface SenderChannel {
  poster: Poster;
  /** The platform's one limiter (the deliverer's), which timer posts take their slots from too. */
  limiter: RateLimiter;
  /** Held by one instance at a time, so the platform's rate limits hold across instances. */
  lease: Lease;
}

export interface OutboxSenderDeps {
  outbox: OutboxPort;
  channels: SenderChannel[];
  /** Sends each post and remembers a question it shows, as every other message is sent. */
  deliverer: Pick<Deliverer, 'post'>;
  core: CoreServices;
  clock: Clock;
  timers: Timers;
  log: Logger;
  /** The chat is out of reach (gone, bot blocked or kicked, no permission): pause and mark it. */
  onChatGone(item: OutboxItem, reason: CodedReason): Promise<void>;
}

export class OutboxSender {
  readonly #items = new Map<string, OutboxItem>();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #done: string[] = [];
  #order: string[] = [];
  #refreshAt = 0;
  #flushAt = 0;
  #cancelTick: (() => void) | undefined;
  #ticking = false;
  #stopping = false;

  constructor(private readonly deps: OutboxSenderDeps) {}

  start(): void {
    this.#armTick();
  }

  #armTick(): void {
    if (this.#stopping) return;
    this.#cancelTick = this.deps.timers.after(TICK_MS, () => {
      void this.tick().finally(() => this.#armTick());
    });
  }

  /** Re-reads the pending index on the next tick (new items were queued here). */
  kick(): void {
    this.#refreshAt = 0;
  }

  async tick(): Promise<void> {
    if (this.#ticking || this.#stopping) return;
    this.#ticking = true;
    try {
      const now = this.deps.clock.now();
      if (now >= this.#refreshAt) await this.#refresh(now);
      // Finished ids leave the index in batches: one left behind a while is dropped when next read.
      if (now >= this.#flushAt) {
        this.#flushAt = now + FLUSH_MS;
        await this.#flushDone();
      }
      for (const channel of this.deps.channels) {
        if (!(await channel.lease.hold())) continue;
        this.#dispatch(channel, now);
      }
    } catch (error) {
      this.deps.log.error({ err: error }, 'outbox tick failed');
    } finally {
      this.#ticking = false;
    }
  }

  async #refresh(now: number): Promise<void> {
    this.#refreshAt = now + REFRESH_MS;
    const ids = await this.deps.outbox.pendingIds();
    const missing = ids.filter((id) => !this.#items.has(id));
    const loaded = await Promise.all(missing.map((id) => this.deps.outbox.get(id)));
    for (const item of loaded) if (item?.status === 'pending') this.#items.set(item.id, item);
    const known = new Set(ids);
    for (const id of this.#items.keys())
      if (!known.has(id) && !this.#inFlight.has(id)) this.#items.delete(id);
    // Items sent or failed meanwhile (by an earlier run) leave the index too.
    const stale = loaded.filter((item) => item && item.status !== 'pending').map((item) => item?.id ?? '');
    this.#done.push(...stale);
    this.#order = ids.filter((id) => this.#items.has(id));
  }

  async #flushDone(): Promise<void> {
    if (this.#done.length === 0) return;
    const ids = this.#done.splice(0);
    await this.deps.outbox.removePending(ids);
  }

  #dispatch(channel: SenderChannel, now: number): void {
    const platform = channel.poster.platform;
    for (const id of this.#order) {
      if (this.#inFlight.size >= MAX_IN_FLIGHT) return;
      const item = this.#items.get(id);
      if (!item || item.platform !== platform || this.#inFlight.has(id) || item.nextAttemptAt > now) continue;
      const slot = channel.limiter.tryTake(item.chatId, channel.poster.isGroup(item.chatId), now);
      // The overall pace is used up for now: no other chat can go either.
      if (!slot.ok && slot.overall) return;
      if (!slot.ok) continue;
      const sending = this.#send(channel, item, { ticket: slot.ticket, at: slot.at })
        .catch((error: unknown) =>
          // The store failed around the send; the item stays pending and is tried again.
          this.deps.log.error({ err: error, outboxId: id }, 'recording a scheduled post failed'),
        )
        .finally(() => this.#inFlight.delete(id));
      this.#inFlight.set(id, sending);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => this.deps.timers.after(ms, resolve));
  }

  /** A slot for one more message to the item's chat (the second and later parts of a long post). */
  async #reserve(channel: SenderChannel, item: OutboxItem): Promise<Reserved> {
    for (;;) {
      if (this.#stopping) throw new Interrupted();
      const now = this.deps.clock.now();
      const slot = channel.limiter.tryTake(item.chatId, channel.poster.isGroup(item.chatId), now);
      if (slot.ok) return { ticket: slot.ticket, at: slot.at };
      await this.#sleep(Math.max(TICK_MS, slot.retryAt - now));
    }
  }

  /** Waits for the paced slot, then until the overall window admits the send at its real time. */
  async #admit(channel: SenderChannel, reserved: Reserved): Promise<void> {
    const waitMs = reserved.at - this.deps.clock.now();
    if (waitMs > 0) await this.#sleep(waitMs);
    for (let wait = channel.limiter.admit(reserved.ticket, this.deps.clock.now()); wait > 0; ) {
      await this.#sleep(wait);
      wait = channel.limiter.admit(reserved.ticket, this.deps.clock.now());
    }
  }

  /** Sends the item's post through its kind (a quiz of the day starts, or on a retry reuses, its round first). */
  async #post(channel: SenderChannel, item: OutboxItem, first: Reserved): Promise<Attempt> {
    let firstUsed = false;
    const progress: PostProgress = {
      delivered: item.parts,
      pace: async () => {
        // The first part goes in the slot the dispatcher reserved; each further part takes its own.
        const reserved = firstUsed ? await this.#reserve(channel, item) : first;
        firstUsed = true;
        await this.#admit(channel, reserved);
        return () => channel.limiter.done(reserved.ticket, this.deps.clock.now());
      },
      onPart: (index, count, ref) => this.#recordPart(item, index, count, ref),
    };
    try {
      return await this.#postWith(channel, item, progress);
    } finally {
      if (!firstUsed) channel.limiter.cancel(first.ticket);
    }
  }

  async #postWith(channel: SenderChannel, item: OutboxItem, progress: PostProgress): Promise<Attempt> {
    const { core } = this.deps;
    // What a send step writes (a quiz of the day's question) is in the chat's language.
    const locale = await core.languages.chatLocale(item.platform, item.chatId);
    return inLocale(locale, () => this.#sendIn(channel, item, progress));
  }

  #sendIn(channel: SenderChannel, item: OutboxItem, progress: PostProgress): Promise<Attempt> {
    const { core } = this.deps;
    return core.posts.send({
      core,
      item,
      deliver: (out) => this.deps.deliverer.post(channel.poster, item.chatId, out, item.id, progress),
    });
  }

  /** A delivered part, recorded before the next is sent; the last one is recorded with the item as sent. */
  async #recordPart(item: OutboxItem, index: number, count: number, ref: string): Promise<void> {
    item.parts = [...item.parts.slice(0, index), ref];
    if (index === count - 1) return;
    const parts = item.parts;
    await this.deps.outbox.update(item.id, (current) =>
      current ? { next: { ...current, parts }, result: undefined } : { result: undefined },
    );
  }

  async #send(channel: SenderChannel, cached: OutboxItem, first: Reserved): Promise<void> {
    // The stored item is the truth: another instance may have sent it since this one loaded it.
    const item = await this.deps.outbox.get(cached.id);
    if (item?.status !== 'pending') {
      channel.limiter.cancel(first.ticket);
      this.#items.delete(cached.id);
      this.#done.push(cached.id);
      return;
    }
    this.#items.set(item.id, item);
    const log = this.deps.log.child({ outboxId: item.id, chatId: item.chatId, platform: item.platform });
    let result: Attempt;
    try {
      result = await this.#post(channel, item, first);
    } catch (error) {
      // Stopping between two parts: the parts sent are recorded; the rest goes after the restart.
      if (error instanceof Interrupted) return;
      result = {
        ok: false,
        kind: 'transient',
        reason: because('delivery-error', undefined, describe(error)),
      };
    }
    const now = this.deps.clock.now();
    const metrics = this.deps.core.metrics;
    if (result.ok) {
      metrics.outboxSend(item.platform, 'sent');
      await this.#settle(item, {
        status: 'sent',
        sentAt: now,
        ref: result.ref,
        parts: item.parts,
        attempts: item.attempts + 1,
      });
      return;
    }
    switch (result.kind) {
      case 'rate-limited':
        metrics.outboxSend(item.platform, 'rate-limited');
        channel.limiter.pause(item.chatId, now + result.retryAfterMs);
        item.nextAttemptAt = now + result.retryAfterMs;
        log.warn({ retryAfterMs: result.retryAfterMs }, 'post rate-limited; waiting as told');
        return;
      case 'wait':
        // Not yet (a quiz of the day behind a running group quiz): its kind says when to look again.
        item.nextAttemptAt = now + result.retryMs;
        log.info({ reason: reasonForLog(result.reason), retryMs: result.retryMs }, 'scheduled post waits');
        return;
      case 'skip':
        metrics.outboxSend(item.platform, 'skipped');
        await this.#settle(item, { status: 'skipped', error: result.reason });
        log.warn({ reason: reasonForLog(result.reason) }, 'scheduled post skipped');
        return;
      case 'transient': {
        const attempts = item.attempts + 1;
        metrics.outboxSend(item.platform, attempts < MAX_ATTEMPTS ? 'retry' : 'failed');
        if (attempts < MAX_ATTEMPTS) {
          item.attempts = attempts;
          item.nextAttemptAt = now + backoffMs(attempts);
          await this.deps.outbox.update(item.id, (current) =>
            current
              ? {
                  next: { ...current, attempts, nextAttemptAt: item.nextAttemptAt, error: result.reason },
                  result: undefined,
                }
              : { result: undefined },
          );
          log.warn({ attempts, reason: reasonForLog(result.reason) }, 'post failed; retrying with backoff');
          return;
        }
        await this.#settle(item, { status: 'failed', attempts, error: result.reason });
        log.error(
          { attempts, reason: reasonForLog(result.reason) },
          'post failed after every retry; the subscription stays',
        );
        return;
      }
      case 'rejected':
        metrics.outboxSend(item.platform, 'failed');
        await this.#settle(item, { status: 'failed', attempts: item.attempts + 1, error: result.reason });
        // Our own payload was refused: retrying cannot help, and the chat is not to blame.
        log.error(
          { reason: reasonForLog(result.reason), payload: item.payload },
          'the platform refused a scheduled post as malformed (a bug in rendering it); the item is dropped, the subscription stays',
        );
        return;
      case 'gone':
        metrics.outboxSend(item.platform, 'failed');
        await this.#settle(item, { status: 'failed', attempts: item.attempts + 1, error: result.reason });
        log.warn({ reason: reasonForLog(result.reason) }, 'chat is out of reach; pausing the subscription');
        await this.deps.onChatGone(item, result.reason);
        return;
    }
  }

  /** Records the item's final state; it leaves the pending index on the next tick. */
  async #settle(item: OutboxItem, change: Partial<OutboxItem>): Promise<void> {
    await this.deps.outbox.update(item.id, (current) =>
      current ? { next: { ...current, ...change }, result: undefined } : { result: undefined },
    );
    this.#items.delete(item.id);
    this.#done.push(item.id);
  }

  /** Pending items this instance knows of (for tests and shutdown). */
  get pending(): number {
    return this.#items.size;
  }

  /** Stops taking work, lets in-flight sends finish, records what finished, and gives up the leases. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#cancelTick?.();
    await Promise.allSettled(this.#inFlight.values());
    await this.#flushDone().catch((error: unknown) =>
      this.deps.log.error({ err: error }, 'outbox flush failed'),
    );
    await Promise.allSettled(this.deps.channels.map((channel) => channel.lease.release()));
  }
}
