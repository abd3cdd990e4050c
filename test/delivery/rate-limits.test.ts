// The outbox's pacing under each platform's limits, driven by explicit times (no clock runs by itself).
import { describe, expect, test } from 'vitest';
import { DISCORD_POST_LIMITS } from '../../src/adapters/discord/discord-limits.ts';
import { TELEGRAM_POST_LIMITS } from '../../src/adapters/telegram/telegram-limits.ts';
import { type PlatformLimits, RateLimiter, scaleLimits, Ticket } from '../../src/delivery/rate-limits.ts';

const T0 = 1_000_000;

/** How long the platform takes to answer a send, in these tests. */
const ANSWER_MS = 5;

/**
 * A sender that asks the limiter for a slot for each message in turn, waiting (moving its own time
 * on) when told to, and hears each answer `ANSWER_MS` after sending; returns when each message went out.
 */
function send(limiter: RateLimiter, messages: { chat: string; group?: boolean }[], start = T0): number[] {
  const sentAt: number[] = [];
  let now = start;
  for (const { chat, group = false } of messages) {
    for (;;) {
      const slot = limiter.tryTake(chat, group, now);
      if (slot.ok) {
        expect(slot.at).toBeGreaterThanOrEqual(now);
        sentAt.push(slot.at);
        limiter.done(slot.ticket, slot.at + ANSWER_MS);
        break;
      }
      expect(slot.retryAt).toBeGreaterThan(now);
      now = slot.retryAt;
    }
  }
  return sentAt;
}

/** The most sends inside any window of `windowMs` (as the platform counts them). */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

const toChats = (count: number, group = false) =>
  Array.from({ length: count }, (_, n) => ({ chat: `chat-${n}`, group }));

describe('RateLimiter', () => {
  test('a broadcast to many Telegram chats stays under 30 a second, paced evenly rather than in bursts', () => {
    const limiter = new RateLimiter(TELEGRAM_POST_LIMITS);
    const times = send(limiter, toChats(600));
    expect(busiest(times, 1_000)).toBeLessThanOrEqual(30);
    // Evenly: no two sends closer than the spacing of 30 a second (with the safety padding).
    const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1_000 / 30);
    // And not much slower than the limit allows: 600 messages in about 21 seconds.
    const took = (times.at(-1) ?? 0) - T0;
    expect(took).toBeGreaterThan(19_000);
    expect(took).toBeLessThan(23_000);
  });

  test('a send still waiting for its answer keeps its place: the next waits a window after the answer', () => {
    const limiter = new RateLimiter(TELEGRAM_POST_LIMITS);
    const first = limiter.tryTake('alice', false, T0);
    if (!first.ok) throw new Error('the first send was refused');
    // No answer yet, long after the send: the chat's one-a-second place is still taken.
    const waiting = limiter.tryTake('alice', false, T0 + 5_000);
    expect(waiting).toMatchObject({ ok: false, overall: false });
    if (waiting.ok) return;
    expect(waiting.retryAt).toBeGreaterThanOrEqual(T0 + 6_000);
    // The answer came at +5.5 s: the next send may go a full window after it, not before.
    limiter.done(first.ticket, T0 + 5_500);
    expect(limiter.tryTake('alice', false, T0 + 6_000).ok).toBe(false);
    expect(limiter.tryTake('alice', false, T0 + 6_600).ok).toBe(true);
  });

  test('a send that never went out frees its place at once', () => {
    const limiter = new RateLimiter(TELEGRAM_POST_LIMITS);
    const first = limiter.tryTake('alice', false, T0);
    if (!first.ok) throw new Error('the first send was refused');
    limiter.cancel(first.ticket);
    expect(limiter.tryTake('alice', false, T0 + 200).ok).toBe(true);
  });

  test('one Telegram chat gets at most one message a second', () => {
    const limiter = new RateLimiter(TELEGRAM_POST_LIMITS);
    const times = send(
      limiter,
      Array.from({ length: 5 }, () => ({ chat: 'alice' })),
    );
    const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1_000);
  });

  test('a Telegram group gets at most 20 messages a minute; a private chat is not held to that', () => {
    const limiter = new RateLimiter(TELEGRAM_POST_LIMITS);
    const group = send(
      limiter,
      Array.from({ length: 45 }, () => ({ chat: '-100123', group: true })),
    );
    expect(busiest(group, 60_000)).toBeLessThanOrEqual(20);
    // The 21st waits for the first to leave the minute.
    expect((group[20] ?? 0) - (group[0] ?? 0)).toBeGreaterThanOrEqual(60_000);

    const direct = send(
      new RateLimiter(TELEGRAM_POST_LIMITS),
      Array.from({ length: 45 }, () => ({ chat: '42' })),
    );
    expect(busiest(direct, 60_000)).toBeGreaterThan(20);
  });

  test('a Discord channel gets at most 5 messages in 5 seconds, and the bot 50 a second overall', () => {
    const channel = send(
      new RateLimiter(DISCORD_POST_LIMITS),
      Array.from({ length: 20 }, () => ({ chat: 'channel-1' })),
    );
    expect(busiest(channel, 5_000)).toBeLessThanOrEqual(5);
    const overall = send(new RateLimiter(DISCORD_POST_LIMITS), toChats(500));
    expect(busiest(overall, 1_000)).toBeLessThanOrEqual(50);
  });

  test('a 429 pauses its chat until the time given; other chats go on', () => {
    const limiter = new RateLimiter(TELEGRAM_POST_LIMITS);
    limiter.pause('chat-a', T0 + 7_000);
    const held = limiter.tryTake('chat-a', false, T0);
    expect(held).toMatchObject({ ok: false, retryAt: T0 + 7_000 });
    expect(limiter.tryTake('chat-b', false, T0).ok).toBe(true);
    // A shorter pause later does not cut the longer one short.
    limiter.pause('chat-a', T0 + 2_000);
    expect(limiter.tryTake('chat-a', false, T0 + 3_000)).toMatchObject({ ok: false, retryAt: T0 + 7_000 });
    expect(send(limiter, [{ chat: 'chat-a' }], T0 + 3_000)[0]).toBeGreaterThanOrEqual(T0 + 7_000);
  });

  test('a global 429 pauses every chat', () => {
    const limiter = new RateLimiter(DISCORD_POST_LIMITS);
    limiter.pause('*', T0 + 30_000);
    for (const chat of ['one', 'two', 'three']) {
      expect(limiter.tryTake(chat, false, T0 + 1_000)).toEqual({
        ok: false,
        retryAt: T0 + 30_000,
        overall: true,
      });
    }
    expect(limiter.tryTake('one', false, T0 + 30_000).ok).toBe(true);
  });

  test('the last gate at sending time admits up to the overall limit, then says how long to wait', () => {
    const limiter = new RateLimiter(TELEGRAM_POST_LIMITS);
    const sent = Array.from({ length: 30 }, () => new Ticket());
    for (const ticket of sent) expect(limiter.admit(ticket, T0)).toBe(0);
    const wait = limiter.admit(new Ticket(), T0);
    expect(wait).toBeGreaterThanOrEqual(1_000);
    // Unanswered sends keep their places; once answered, they leave a window after the answer.
    expect(limiter.admit(new Ticket(), T0 + wait)).toBeGreaterThan(0);
    for (const ticket of sent) limiter.done(ticket, T0 + 20);
    expect(limiter.admit(new Ticket(), T0 + 20 + wait)).toBe(0);
  });

  test('scaled limits multiply every window, never below one message', () => {
    const scaled = scaleLimits(TELEGRAM_POST_LIMITS, 10);
    expect(scaled).toEqual({
      overall: { limit: 300, windowMs: 1_000 },
      perChat: { limit: 10, windowMs: 1_000 },
      perGroup: { limit: 200, windowMs: 60_000 },
    } satisfies PlatformLimits);
    expect(scaleLimits(DISCORD_POST_LIMITS, 0.01)).toEqual({
      overall: { limit: 1, windowMs: 1_000 },
      perChat: { limit: 1, windowMs: 5_000 },
    });
  });
});
