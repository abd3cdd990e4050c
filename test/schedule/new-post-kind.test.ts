// A new kind of post needs only its file: a kind defined in the tests (fact-of-the-day-kind.ts) is
// added to the list, vi.mock standing in for its one line in src/core/post-kinds/index.ts, and the
// playground subscribes to it, the scheduler composes it, the outbox posts it once and /subscriptions
// lists it, with nothing else told about it.
import { afterEach, expect, test, vi } from 'vitest';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { type Playground, startPlayground, untilScreen } from '../adapters/console/playground-harness.ts';

vi.mock('../../src/core/post-kinds/index.ts', async (importOriginal) => {
  const shipped = await importOriginal<typeof import('../../src/core/post-kinds/index.ts')>();
  const { PostKinds } = await import('../../src/core/post-kinds/post-kind-list.ts');
  const { default: factOfTheDay } = await import('./fact-of-the-day-kind.ts');
  return { postKinds: new PostKinds([...shipped.postKinds.all, factOfTheDay]) };
});

let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
  vi.useRealTimers();
});

const HEADING = /Fact of the day · /g;

test('a kind defined in one file is offered by /subscribe, composed by the scheduler and posted once by the outbox', async () => {
  // Monday 23 November 2026, 07:00 UTC: the fact is due at 08:00.
  vi.useFakeTimers({
    now: Date.parse('2026-11-23T07:00:00Z'),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  playground = await startPlayground();
  playground.type('/subscribe fact 8:00 UTC');
  await untilScreen(playground, /Fact of the day set for daily 08:00 \(UTC\)/);
  expect(playground.screen()).not.toMatch(HEADING);

  await vi.advanceTimersByTimeAsync(60 * 60_000 + 5_000); // 08:00:05
  await untilScreen(playground, HEADING);
  expect(playground.screen()).toContain('Fact of the day · Westmark Grid');

  // Sweeps and resyncs of the next half hour find the run settled: nothing is posted again.
  await vi.advanceTimersByTimeAsync(30 * 60_000);
  expect(playground.screen().match(HEADING)).toHaveLength(1);
  const app = playground.app;
  const [subscription] = await app.core.subscriptions.all();
  expect(subscription?.kind).toBe('fact-of-the-day');
  const item = await new OutboxRepository(app.store.records).get(`${subscription?.id}:2026-11-23`);
  expect(item?.status).toBe('sent');

  playground.type('/subscriptions');
  await untilScreen(playground, /Fact of the day: daily 08:00 \(UTC\); next post Tue 24 Nov, 08:00 UTC/);
  playground.type('/unsubscribe fact-of-the-day');
  await untilScreen(playground, /Fact of the day stopped for this chat\./);
});
