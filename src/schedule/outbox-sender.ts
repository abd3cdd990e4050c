// Drains the outbox within each platform's limits: 429s wait, transient errors back off, permanent ones stop.
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { CoreServices } from '../core/core-services.ts';
import type { OutboxItem } from '../core/records.ts';
import type { Logger } from '../logger.ts';
import type { OutboxRepository } from '../store/outbox-repository.ts';
import type { Poster, PostResult } from './poster.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { SenderLease } from './sender-lease.ts';

const TICK_MS = 25;
/** How often the pending index is re-read for items another instance queued. */
const REFRESH_MS = 1_000;
const MAX_IN_FLIGHT = 32;
const MAX_ATTEMPTS = 8;
const backoffMs = (attempt: number) => Math.min(60_000, 1_000 * 2 ** (attempt - 1));

export interface SenderChannel {
  poster: Poster;
  limiter: RateLimiter;
  lease: SenderLease;
}

export interface OutboxSenderDeps {
  outbox: OutboxRepository;
  channels: SenderChannel[];
  core: CoreServices;
  clock: Clock;
  log: Logger;
  /** Called when a post failed for good, to pause the subscription and mark the chat. */
  onPermanentFailure(item: OutboxItem, reason: string): Promise<void>;
}

/** A round id (for a scheduled quiz) derived from the outbox item, so a retry reuses the round. */
export const scheduledRoundId = (itemId: string) =>
  BigInt(`0x${createHash('sha256').update(itemId).digest('hex').slice(0, 15)}`)
    .toString(36)
    .padStart(10, '0')
    .slice(0, 12);

export class OutboxSender {
  readonly #items = new Map<string, OutboxItem>();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #done: string[] = [];
  #order: string[] = [];
  #refreshAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #stopping = false;

  constructor(private readonly deps: OutboxSenderDeps) {}

  start(): void {
    this.#timer = setInterval(() => void this.tick(), TICK_MS);
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
      await this.#flushDone();
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
      if (!slot.ok) continue;
      const sending = this.#whenAdmitted(channel, slot.at - now)
        .then(() => this.#send(channel, item))
        .finally(() => this.#inFlight.delete(id));
      this.#inFlight.set(id, sending);
    }
  }

  /** Waits for the paced slot, then until the overall window admits the send at its real time. */
  async #whenAdmitted(channel: SenderChannel, waitMs: number): Promise<void> {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    if (waitMs > 0) await sleep(waitMs);
    for (let wait = channel.limiter.admit(this.deps.clock.now()); wait > 0; ) {
      await sleep(wait);
      wait = channel.limiter.admit(this.deps.clock.now());
    }
  }

  async #post(channel: SenderChannel, item: OutboxItem): Promise<PostResult> {
    if (item.payload.kind === 'message')
      return channel.poster.post(item.chatId, item.payload.message, item.id);
    const article = this.deps.core.catalog().byId(item.payload.articleId);
    if (!article)
      return { ok: false, kind: 'permanent', reason: `article ${item.payload.articleId} was removed` };
    try {
      const out = await this.deps.core.quiz.startScheduled(
        item.platform,
        item.chatId,
        article,
        scheduledRoundId(item.id),
      );
      const result = await channel.poster.post(item.chatId, out.message, item.id);
      if (result.ok) await out.afterSend?.(result.ref);
      return result;
    } catch (error) {
      // A group quiz already running in the chat: today's quiz gives way.
      return { ok: false, kind: 'permanent', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async #send(channel: SenderChannel, item: OutboxItem): Promise<void> {
    const log = this.deps.log.child({ outboxId: item.id, chatId: item.chatId, platform: item.platform });
    let result: PostResult;
    try {
      result = await this.#post(channel, item);
    } catch (error) {
      result = {
        ok: false,
        kind: 'transient',
        reason: error instanceof Error ? error.message : String(error),
      };
    }
    const now = this.deps.clock.now();
    if (result.ok) {
      const ref = result.ref;
      await this.deps.outbox.update(item.id, (current) =>
        current
          ? {
              next: { ...current, status: 'sent', sentAt: now, ref, attempts: current.attempts + 1 },
              result: undefined,
            }
          : { result: undefined },
      );
      this.#items.delete(item.id);
      this.#done.push(item.id);
      return;
    }
    if (result.kind === 'rate-limited') {
      channel.limiter.pause(item.chatId, now + result.retryAfterMs);
      item.nextAttemptAt = now + result.retryAfterMs;
      log.warn({ retryAfterMs: result.retryAfterMs }, 'post rate-limited; waiting as told');
      return;
    }
    const attempts = item.attempts + 1;
    if (result.kind === 'transient' && attempts < MAX_ATTEMPTS) {
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
      log.warn({ attempts, reason: result.reason }, 'post failed; retrying with backoff');
      return;
    }
    await this.deps.outbox.update(item.id, (current) =>
      current
        ? { next: { ...current, status: 'failed', attempts, error: result.reason }, result: undefined }
        : { result: undefined },
    );
    this.#items.delete(item.id);
    this.#done.push(item.id);
    log.warn({ reason: result.reason }, 'post failed for good');
    if (result.kind === 'permanent') await this.deps.onPermanentFailure(item, result.reason);
  }

  /** Pending items this instance knows of (for tests and shutdown). */
  get pending(): number {
    return this.#items.size;
  }

  /** Stops taking work, lets in-flight sends finish, records what finished, and gives up the leases. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#timer);
    await Promise.allSettled(this.#inFlight.values());
    await this.#flushDone().catch((error: unknown) =>
      this.deps.log.error({ err: error }, 'outbox flush failed'),
    );
    await Promise.allSettled(this.deps.channels.map((channel) => channel.lease.release()));
  }
}
