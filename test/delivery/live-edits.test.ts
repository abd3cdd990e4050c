import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { LiveCount } from '../../src/core/output.ts';
import { message } from '../../src/core/output.ts';
import type { LiveMessagesPort } from '../../src/core/ports.ts';
import { LiveEdits } from '../../src/delivery/live-edits.ts';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storePorts } from '../../src/store/store-ports.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { eventually } from '../support/eventually.ts';
import { dropNamespace, NOW, redisUrl, uniqueNamespace } from '../support/test-core.ts';

const onRedis = needsRedis();

const live: LiveCount = { ref: 'chat:1', roundId: 'round1', position: 0 };

/** A screen that records what each edit showed, and a count of answers that presses raise. */
function world(messages: LiveMessagesPort, clock: ManualClock, intervalMs = 3_000, count = { value: 0 }) {
  const shown: { at: number; count: number }[] = [];
  let closed = false;
  const edits = new LiveEdits({
    intervalMs,
    clock,
    timers: clock,
    messages,
    current: async () => (closed ? undefined : { message: message([]), count: count.value }),
    send: async (_ref, msg) => {
      void msg;
      shown.push({ at: clock.now(), count: count.value });
    },
    log: silentLogger(),
  });
  return { edits, shown, count, close: () => (closed = true) };
}

async function memoryPorts() {
  const store = await openStore('memory://', silentLogger());
  return storePorts(store).liveMessages;
}

/** Lets queued promise work run (the store and the edit chain are asynchronous even in memory). */
const drain = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('live count edits', () => {
  test('at 30 presses a second, at most one edit per interval, and the last count shows within one interval', async () => {
    const clock = new ManualClock(NOW);
    const w = world(await memoryPorts(), clock);
    for (let press = 1; press <= 300; press++) {
      w.count.value = press;
      w.edits.touch(live);
      clock.advance(33);
      await drain();
    }
    const lastPress = clock.now();
    for (let step = 0; step < 40; step++) {
      clock.advance(100);
      await drain();
    }
    const gaps = w.shown.slice(1).map((edit, index) => edit.at - (w.shown[index]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3_000);
    // 10 s of presses: the first edit at once, then one per 3 s.
    expect(w.shown.length).toBeLessThanOrEqual(5);
    expect(w.shown.at(-1)?.count).toBe(300);
    expect((w.shown.at(-1)?.at ?? 0) - lastPress).toBeLessThanOrEqual(3_000);
  });

  test('a trickle of presses spaced just over the interval apart is not throttled away, nor sped up', async () => {
    const clock = new ManualClock(NOW);
    const w = world(await memoryPorts(), clock, 2_000);
    for (let press = 1; press <= 5; press++) {
      w.count.value = press;
      w.edits.touch(live);
      await drain();
      clock.advance(700);
      await drain();
    }
    for (let step = 0; step < 30; step++) {
      clock.advance(100);
      await drain();
    }
    const gaps = w.shown.slice(1).map((edit, index) => edit.at - (w.shown[index]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2_000);
    expect(w.shown.at(-1)?.count).toBe(5);
  });

  test('after the final edit no count edit follows, and the final edit waits for one in flight', async () => {
    const clock = new ManualClock(NOW);
    const messages = await memoryPorts();
    const w = world(messages, clock);
    w.count.value = 1;
    w.edits.touch(live);
    await eventually(() => w.shown.length === 1 || undefined);
    w.count.value = 2;
    w.edits.touch(live);
    const order: string[] = [];
    await w.edits.final(live.ref, async () => {
      order.push('final');
    });
    // The message's own reader still says "open" (another instance's view): the shared mark decides.
    w.count.value = 3;
    w.edits.touch(live);
    for (let step = 0; step < 40; step++) {
      clock.advance(100);
      await drain();
    }
    expect(order).toEqual(['final']);
    expect(w.shown.map((edit) => edit.count)).toEqual([1]);
  });

  test('a count never goes backwards on screen, whichever instance edits', async () => {
    const clock = new ManualClock(NOW);
    const messages = await memoryPorts();
    // Two instances share the store; one of them reads a count that is older than what was shown.
    const count = { value: 0 };
    const a = world(messages, clock, 1_000, count);
    const stale = { value: 0 };
    const b = world(messages, clock, 1_000, stale);
    const screen: number[] = [];
    for (let press = 1; press <= 50; press++) {
      count.value = press;
      stale.value = Math.max(0, press - 5);
      (press % 2 === 0 ? a : b).edits.touch(live);
      clock.advance(100);
      await drain();
    }
    for (let step = 0; step < 30; step++) {
      clock.advance(100);
      await drain();
    }
    const edits = [...a.shown, ...b.shown].sort((x, y) => x.at - y.at);
    for (const edit of edits) screen.push(edit.count);
    expect(screen).toEqual([...screen].sort((x, y) => x - y));
    expect(screen.at(-1)).toBe(50);
  });
});

describe.skipIf(onRedis.skip)(onRedis.title('live count edits across instances on Redis'), () => {
  test('two instances: at most one edit per interval in all, and the final edit is never followed', async () => {
    const namespace = uniqueNamespace();
    const stores = await Promise.all([0, 1].map(() => openStore(redisUrl ?? '', silentLogger(), namespace)));
    try {
      const clock = new ManualClock(NOW);
      const count = { value: 0 };
      const [a, b] = stores.map((store) => world(storePorts(store).liveMessages, clock, 2_000, count));
      if (!a || !b) throw new Error('two instances expected');
      for (let press = 1; press <= 60; press++) {
        count.value = press;
        (press % 2 === 0 ? a : b).edits.touch(live);
        clock.advance(50);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await eventually(() => {
        clock.advance(100);
        return [...a.shown, ...b.shown].some((edit) => edit.count === 60) || undefined;
      }, 10_000);
      const edits = [...a.shown, ...b.shown].sort((x, y) => x.at - y.at);
      const gaps = edits.slice(1).map((edit, index) => edit.at - (edits[index]?.at ?? 0));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2_000);
      await a.edits.final(live.ref, async () => {});
      // b's reader still sees the question open: only the shared mark keeps b from editing.
      const before = edits.length;
      count.value = 61;
      b.edits.touch(live);
      for (let step = 0; step < 30; step++) {
        clock.advance(100);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(a.shown.length + b.shown.length).toBe(before);
    } finally {
      for (const store of stores) {
        await dropNamespace(store, namespace);
        await store.close();
      }
    }
  });
});
