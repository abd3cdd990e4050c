import { afterEach, expect, test, vi } from 'vitest';
import { type Playground, startPlayground, untilScreen } from './playground-harness.ts';

let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
  vi.useRealTimers();
});

test('subscriptions made in the playground post into it when they are due', async () => {
  // Monday 23 November 2026, 07:00 UTC: the weekly recap and the quiz of the day are due later today.
  vi.useFakeTimers({
    now: Date.parse('2026-11-23T07:00:00Z'),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  playground = await startPlayground();
  playground.type('/subscribe weekly-recap 9am monday UTC');
  playground.type('/subscribe quiz-of-the-day 8:00 UTC');
  await untilScreen(playground, /Quiz of the day set for/);
  expect(playground.screen()).not.toContain('Question 1 of');

  await vi.advanceTimersByTimeAsync(60 * 60_000 + 5_000); // 08:00:05
  const quiz = await untilScreen(playground, /Question 1 of \d+/);
  // A post nobody typed a command for says what it is.
  expect(quiz).toMatch(/Quiz of the day · Question 1 of \d+/);
  expect(quiz).not.toContain('Weekly recap ·');

  await vi.advanceTimersByTimeAsync(60 * 60_000); // 09:00:05
  const recap = await untilScreen(playground, /Weekly recap · /);
  expect(recap).toContain('Westmark Grid');
  // The quiz of the day is a group round: it closes on its own, with the answer shown.
  expect(recap).toMatch(/Question 1 of \d+ .*closed/);
});
