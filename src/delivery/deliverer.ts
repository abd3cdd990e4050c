// The one way out: responses to events, timer posts (question 2 onwards, a round's summary) and the
// outbox's scheduled posts all reach an adapter through here. Adapters only speak their platform; this
// remembers what was sent, keeps live counts current, and paces timer posts within the outbox's limits.
import { randomUUID } from 'node:crypto';
import { markChatInactive } from '../core/chat-status.ts';
import type { CoreServices } from '../core/core-services.ts';
import type { NeutralMessage, Outgoing, Response } from '../core/output.ts';
import type { ChatDelivery } from '../core/quiz/quiz-service.ts';
import { reasonForLog } from '../core/reason-text.ts';
import type { Platform } from '../core/records/platform.ts';
import type { Logger } from '../logger.ts';
import { EditQueue } from './edit-queue.ts';
import { LiveEdits } from './live-edits.ts';
import type {
  Acknowledged,
  PlatformAdapter,
  Poster,
  PostProgress,
  ResponseOutlet,
  SendResult,
} from './platform-adapter.ts';
import { RateLimiter, scaleLimits } from './rate-limits.ts';

/** A timer post the platform could not take for the moment is tried this many times in all. */
const MAX_ATTEMPTS = 4;
/** The first wait after a transient failure; it doubles with each attempt. */
const RETRY_MS = 1_000;
/** A 429 asking for longer than this is waited out only this long before the next attempt. */
const MAX_WAIT_MS = 30_000;
/** How long to wait before asking the limiter again when it has no slot yet. */
const POLL_MS = 25;

const describeResult = (result: Exclude<SendResult, { ok: true }>) =>
  result.kind === 'rate-limited' ? `rate limited for ${result.retryAfterMs} ms` : reasonForLog(result.reason);

/** An edit the platform did not take. */
class EditFailed extends Error {
  constructor(readonly result: Exclude<SendResult, { ok: true }>) {
    super(`the edit failed: ${describeResult(result)}`);
    this.name = 'EditFailed';
  }
}

export interface DelivererDeps {
  /** Remembers sent questions, reads live counts, marks chats the bot cannot reach; its clock and timers. */
  core: CoreServices;
  log: Logger;
  /** Raises every platform limit (OUTBOX_RATE_SCALE: emulators and self-hosted API servers). */
  rateScale?: number;
}

interface Outlet {
  adapter: PlatformAdapter<unknown>;
  /** Absent where the platform shows no live counts. */
  live: LiveEdits | undefined;
}

export class Deliverer implements ResponseOutlet {
  readonly #outlets = new Map<Platform, Outlet>();
  readonly #limiters = new Map<Platform, RateLimiter>();
  readonly #edits = new EditQueue();
  readonly #log: Logger;
  #closed = false;

  constructor(private readonly deps: DelivererDeps) {
    this.#log = deps.log.child({ module: 'deliverer' });
  }

  /** Serves `adapter`'s platform: timer posts for it go to this adapter. */
  add(adapter: PlatformAdapter<unknown>): void {
    this.#outletOf(adapter);
  }

  /** The platforms served. */
  get platforms(): ReadonlySet<Platform> {
    return new Set(this.#outlets.keys());
  }

  /** The one limiter of a platform: the outbox and timer posts take their slots from it. */
  limiter(poster: Poster): RateLimiter {
    let limiter = this.#limiters.get(poster.platform);
    if (!limiter) {
      limiter = new RateLimiter(scaleLimits(poster.limits, this.deps.rateScale ?? 1));
      this.#limiters.set(poster.platform, limiter);
    }
    return limiter;
  }

  #outletOf(adapter: PlatformAdapter<unknown>): Outlet {
    const known = this.#outlets.get(adapter.platform);
    if (known?.adapter === adapter) return known;
    known?.live?.close();
    const { core } = this.deps;
    const intervalMs = adapter.liveEditIntervalMs;
    const live =
      intervalMs === undefined
        ? undefined
        : new LiveEdits({
            intervalMs,
            clock: core.clock,
            timers: core.timers,
            messages: core.liveMessages,
            current: (count) => core.quiz.liveQuestion(count.roundId, count.position),
            send: async (ref, message) => {
              const result = await adapter.edit(ref, message);
              if (!result.ok) throw new EditFailed(result);
            },
            log: this.#log.child({ platform: adapter.platform }),
          });
    const outlet = { adapter, live };
    this.#outlets.set(adapter.platform, outlet);
    return outlet;
  }

  /**
   * The response to an event: edits of earlier messages first (a closed question before the summary
   * after it), then the adapter answers the event; every message that shows a question is remembered,
   * and a live count is kept current from here on.
   */
  async respond<E>(adapter: PlatformAdapter<E>, event: E, response: Response): Promise<Acknowledged> {
    const outlet = this.#outletOf(adapter as PlatformAdapter<unknown>);
    const messages = response.messages.filter((out) => out.target.to !== 'edit');
    for (const out of response.messages) {
      if (out.target.to !== 'edit') continue;
      await this.#edit(outlet, out).catch((error: unknown) =>
        this.#log.warn({ err: error, platform: adapter.platform }, 'editing an earlier message failed'),
      );
    }
    const acknowledged = await adapter.acknowledge(event, { ...response, messages });
    for (const [index, out] of messages.entries()) {
      const ref = acknowledged.refs[index];
      if (ref !== undefined) await this.#remember(out, ref);
    }
    if (response.live && !this.#closed) outlet.live?.touch(response.live);
    return acknowledged;
  }

  /**
   * Timer posts for one chat (a question closes, the next one opens or the round ends): edits in order,
   * new messages paced by the platform's limiter as the outbox's are. One failed message does not hold
   * back the next; a chat the bot cannot reach any more is marked and gets nothing more.
   */
  deliver = async (delivery: ChatDelivery): Promise<void> => {
    const outlet = this.#outlets.get(delivery.platform);
    const log = this.#log.child({ platform: delivery.platform, chatId: delivery.chatId });
    if (!outlet) {
      log.warn('no adapter serves this platform here; timer post dropped');
      return;
    }
    for (const out of delivery.messages) {
      try {
        if (out.target.to === 'edit') {
          await this.#edit(outlet, out);
          continue;
        }
        const result = await this.#sendPaced(outlet.adapter, delivery.chatId, out.message);
        if (result.ok) {
          await this.#remember(out, result.ref);
          continue;
        }
        if (result.kind === 'gone') {
          await markChatInactive(this.deps.core, delivery.platform, delivery.chatId, result.reason);
          return;
        }
        log.error({ reason: describeResult(result), target: out.target.to }, 'timer post failed');
      } catch (error) {
        log.error({ err: error, target: out.target.to }, 'timer post failed');
      }
    }
  };

  /** One scheduled post of the outbox, paced by `progress`; a question it shows is remembered once sent. */
  async post(
    poster: Poster,
    chatId: string,
    out: Outgoing,
    nonce: string,
    progress: PostProgress,
  ): Promise<SendResult> {
    const result = await poster.send(chatId, out.message, { nonce, progress });
    if (result.ok) await this.#remember(out, result.ref);
    return result;
  }

  #remember(out: Outgoing, ref: string): Promise<void> {
    return this.deps.core.quiz.rememberSent(out, ref);
  }

  /** Edits a message after earlier edits of it; a live count's final edit ends its counting. */
  async #edit(outlet: Outlet, out: Outgoing): Promise<void> {
    if (out.target.to !== 'edit') return;
    const { ref } = out.target;
    const send = async () => {
      const result = await outlet.adapter.edit(ref, out.message);
      if (!result.ok) throw new EditFailed(result);
    };
    await (out.closesLive && outlet.live
      ? outlet.live.final(ref, send)
      : this.#edits.run(`${outlet.adapter.platform}:${ref}`, send));
  }

  /** A new message paced within the platform's limits; a 429 or an outage is waited out a few times. */
  async #sendPaced(adapter: PlatformAdapter<unknown>, chatId: string, message: NeutralMessage) {
    const limiter = this.limiter(adapter);
    const delivered: string[] = [];
    const progress: PostProgress = {
      delivered,
      pace: () => this.#pace(limiter, adapter, chatId),
      onPart: async (index, _count, ref) => {
        delivered[index] = ref;
      },
    };
    // One nonce for every attempt: a platform that de-duplicates posts one message, not two.
    const nonce = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const result = await adapter.send(chatId, message, { nonce, progress });
      if (result.ok || attempt >= MAX_ATTEMPTS || this.#closed) return result;
      if (result.kind === 'rate-limited') {
        limiter.pause(chatId, this.deps.core.clock.now() + result.retryAfterMs);
        await this.#sleep(Math.min(result.retryAfterMs, MAX_WAIT_MS));
      } else if (result.kind === 'transient') {
        await this.#sleep(RETRY_MS * 2 ** (attempt - 1));
      } else return result;
    }
  }

  /** Waits for a slot of the platform's limits, as the outbox does; the result frees it once answered. */
  async #pace(limiter: RateLimiter, poster: Poster, chatId: string): Promise<() => void> {
    const { clock } = this.deps.core;
    for (;;) {
      const now = clock.now();
      const slot = limiter.tryTake(chatId, poster.isGroup(chatId), now);
      if (!slot.ok) {
        await this.#sleep(Math.max(POLL_MS, slot.retryAt - now));
        continue;
      }
      if (slot.at > now) await this.#sleep(slot.at - now);
      for (let wait = limiter.admit(slot.ticket, clock.now()); wait > 0; ) {
        await this.#sleep(wait);
        wait = limiter.admit(slot.ticket, clock.now());
      }
      return () => limiter.done(slot.ticket, clock.now());
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => this.deps.core.timers.after(ms, resolve));
  }

  /** Sends no more count edits (call before the adapters stop). */
  close(): void {
    this.#closed = true;
    for (const outlet of this.#outlets.values()) outlet.live?.close();
  }
}
