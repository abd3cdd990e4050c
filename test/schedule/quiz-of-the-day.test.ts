// The quiz of the day over a sequence of days: never an article the chat already had while one of the
// last 14 days is left; then the one it had longest ago, and the post says so.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import type { Actor } from '../../src/core/actor.ts';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { ManualClock, systemClock, systemTimers } from '../../src/core/clock.ts';
import { QUIZ_WINDOW_MS, QuizOfTheDay } from '../../src/core/post-kinds/quiz-of-the-day-choice.ts';
import type { Subscription } from '../../src/core/records/subscription.ts';
import { silentLogger } from '../../src/logger.ts';
import { PostScheduler } from '../../src/schedule/post-scheduler.ts';
import { openStore } from '../../src/store/open-store.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { QuizOfTheDayRepository } from '../../src/store/quiz-of-the-day-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { makeCore, shippedArticles, type TestCore } from '../support/test-core.ts';

const DAY = 86_400_000;
const START = Date.parse('2026-11-01T09:00:00Z');

/** Shipped articles under other ids, published on the given days after START's midnight. */
async function articlesOn(days: Record<string, number>): Promise<Article[]> {
  const [base] = await shippedArticles();
  if (!base) throw new Error('no content');
  const midnight = Date.parse('2026-11-01T00:00:00Z');
  return Object.entries(days).map(([id, day]) => ({
    ...base,
    id,
    title: `Article ${id}`,
    published: new Date(midnight + day * DAY).toISOString().replace('.000Z', 'Z'),
  }));
}

const subscription = (id: string, chatId: string): Subscription => ({
  id,
  platform: 'telegram',
  chatId,
  kind: 'quiz-of-the-day',
  time: '09:00',
  weekday: null,
  timezone: 'UTC',
  topics: [],
  createdAt: START,
  createdBy: 'admin',
  active: true,
  disabledReason: null,
  cursor: 0,
});

describe('the quiz of the day over a sequence of days', () => {
  test('new articles of the last 14 days first (newest first), then the one had longest ago, said in the post; each chat its own', async () => {
    const store = await openStore('memory://', silentLogger());
    const clock = new ManualClock(START);
    // "old" is older than 14 days on every day of the sequence; "late" appears on day 5.
    const all = await articlesOn({ old: -20, a: -10, b: -5, c: -1, late: 5 });
    const catalog = () =>
      new ArticleIndex(all.filter((article) => Date.parse(article.published) <= clock.now()));
    const daily = new QuizOfTheDay(new QuizOfTheDayRepository(store.records), catalog);
    const picked: { day: number; article: string; note?: string }[] = [];
    const run = async (sub: Subscription, day: number) => {
      const composed = await daily.compose(sub, `2026-11-${String(day + 1).padStart(2, '0')}`, clock.now());
      if (composed.kind !== 'post' || composed.payload.kind !== 'quiz') throw new Error('no quiz composed');
      return composed.payload;
    };
    const group = subscription('sub-1', '-100');
    for (let day = 0; day < 9; day++) {
      const payload = await run(group, day);
      picked.push({
        day,
        article: payload.articleId,
        ...(payload.note === undefined ? {} : { note: payload.note }),
      });
      // A run composed again (taken over, retried) keeps its article and its note.
      expect(await run(group, day)).toEqual(payload);
      clock.advance(DAY);
    }
    // Day 5 brings "late"; from day 6 on, "a" is older than 14 days and out of the rotation.
    expect(picked.map((entry) => entry.article)).toEqual(['c', 'b', 'a', 'c', 'b', 'late', 'c', 'b', 'late']);
    expect(picked.map((entry) => entry.note !== undefined)).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
      true,
      true,
      true,
    ]);
    expect(picked[3]?.note).toBe(
      'This chat has had every recent article as its quiz of the day, so one comes back: it was the quiz of the day on 1 Nov 2026.',
    );
    expect(picked.some((entry) => entry.article === 'old')).toBe(false);

    // Another chat has its own history: it starts with the newest article.
    expect((await run(subscription('sub-2', '-200'), 9)).articleId).toBe('late');

    // When nothing is left inside the window, the older articles are the pool.
    clock.advance(QUIZ_WINDOW_MS + 30 * DAY);
    const quiet = await run(subscription('sub-3', '-300'), 20);
    expect(quiet).toEqual({ kind: 'quiz', articleId: 'late' });
    await store.close();
  });
});

describe('the quiz of the day through the scheduler', () => {
  const admin: Actor = {
    platform: 'telegram',
    userId: 'admin',
    name: 'Admin',
    chatId: '-100500',
    chatKind: 'group',
  };
  let t: TestCore | undefined;
  let scheduler: PostScheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    vi.useRealTimers();
    await t?.close();
  });

  test('four days in a row: the two articles of the last 14 days, then each again with the post saying so', async () => {
    vi.useFakeTimers({
      now: Date.parse('2026-11-21T06:00:00Z'),
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    t = await makeCore({ systemTime: true });
    const outbox = new OutboxRepository(t.store.records);
    scheduler = new PostScheduler({
      core: t.core,
      subscriptions: new SubscriptionsRepository(t.store.records),
      outbox,
      clock: systemClock,
      timers: systemTimers,
      graceMs: 2 * 3_600_000,
      platforms: new Set(['telegram']),
      log: silentLogger(),
      onQueued: () => {},
    });
    await t.core.subscriptions.subscribe(admin, {
      kind: 'quiz-of-the-day',
      time: '08:00',
      timezone: 'UTC',
      topics: [],
    });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(4 * DAY);
    const items = await Promise.all((await outbox.pendingIds()).map((id) => outbox.get(id)));
    const posts = items
      .filter((item) => item !== undefined)
      .sort((a, b) => a.scheduledFor - b.scheduledFor)
      .map((item) =>
        item.payload.kind === 'quiz' ? [item.period, item.payload.articleId, item.payload.note ?? ''] : [],
      );
    expect(posts).toEqual([
      ['2026-11-21', 'westmark-virtual-power-plant', ''],
      ['2026-11-22', 'ferrobridge-dangling-str', ''],
      [
        '2026-11-23',
        'westmark-virtual-power-plant',
        'This chat has had every recent article as its quiz of the day, so one comes back: it was the quiz of the day on 21 Nov 2026.',
      ],
      [
        '2026-11-24',
        'ferrobridge-dangling-str',
        'This chat has had every recent article as its quiz of the day, so one comes back: it was the quiz of the day on 22 Nov 2026.',
      ],
    ]);
    // The note shows above the first question when the round starts.
    const article = t.catalog.byId('westmark-virtual-power-plant');
    if (!article) throw new Error('no article');
    const question = await t.core.quiz.startScheduled(
      'telegram',
      admin.chatId,
      article,
      'qotdround1',
      'A note.',
    );
    expect(question.message.blocks[1]).toEqual({ kind: 'quote', text: 'A note.' });
  });
});
