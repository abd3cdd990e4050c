import { afterEach, expect, test, vi } from 'vitest';
import { type Playground, startPlayground } from './playground-harness.ts';

let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
  vi.useRealTimers();
});

/**
 * Moves the fake clock in small steps until the screen matches. The playground also waits on real
 * things (its input stream, I/O callbacks), so each step yields to the real event loop too, and the
 * deadline is in real time: a busy machine gets as long as it needs.
 */
async function until(p: Playground, pattern: RegExp, stepMs = 50, realMs = 20_000): Promise<string> {
  const deadline = performance.now() + realMs;
  while (performance.now() < deadline) {
    if (pattern.test(p.screen())) return p.screen();
    await vi.advanceTimersByTimeAsync(stepMs);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`screen never matched ${pattern}:\n${p.screen()}`);
}

test('subscriptions made in the playground post into it when they are due', async () => {
  // Monday 23 November 2026, 07:00 UTC: the weekly recap and the quiz of the day are due later today.
  vi.useFakeTimers({
    now: Date.parse('2026-11-23T07:00:00Z'),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  playground = await startPlayground();
  playground.type('/subscribe weekly-recap 9am monday UTC');
  playground.type('/subscribe quiz-of-the-day 8:00 UTC');
  await until(playground, /Quiz of the day set for/);
  expect(playground.screen()).not.toContain('Question 1 of');

  await vi.advanceTimersByTimeAsync(60 * 60_000 + 5_000); // 08:00:05
  const quiz = await until(playground, /Question 1 of \d+/);
  // A post nobody typed a command for says what it is.
  expect(quiz).toMatch(/Quiz of the day · Question 1 of \d+/);
  expect(quiz).not.toContain('Weekly recap ·');

  await vi.advanceTimersByTimeAsync(60 * 60_000); // 09:00:05
  const recap = await until(playground, /Weekly recap · /);
  expect(recap).toContain('Westmark Grid');
  // The quiz of the day is a group round: it closes on its own, with the answer shown.
  expect(recap).toMatch(/Question 1 of \d+ .*closed/);
});
