// An article dated in the future is scheduled: hidden everywhere until its moment, then shown without a restart.
import { pino } from 'pino';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import { CommandRouter } from '../../src/command-kit/command-router.ts';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { encodeAction } from '../../src/core/action-payload.ts';
import { articleRef } from '../../src/core/article-catalog.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { createCore } from '../../src/core/core-services.ts';
import { composeDailyBrief } from '../../src/core/post-kinds/daily-brief.ts';
import type { Subscription } from '../../src/core/records/subscription.ts';
import { ReleasedCatalog } from '../../src/core/released-catalog.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { silentLogger } from '../../src/logger.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { storePorts } from '../../src/store/store-ports.ts';
import { onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor } from '../support/test-core.ts';
import { articleMarkdown, tempFolder, writeArticle } from './fixtures.ts';

const NOW = Date.parse('2026-05-14T08:00:00Z');
const RELEASE = '2026-05-14T09:30:00Z';
const never = async () => false;

let dir: string;
let remove: () => Promise<void>;
let store: OpenedStore;
let library: ContentLibrary;
let clock: ManualClock;
let router: CommandRouter;

/** What readers see now: the library's articles published by the test clock's time. */
const released = () => new ReleasedCatalog(library.articles, clock);

beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
  await writeArticle(
    dir,
    'today.md',
    articleMarkdown({ seed: 1, frontMatter: { published: '2026-05-14', title: 'Published this morning' } }),
  );
  await writeArticle(
    dir,
    'later.md',
    articleMarkdown({
      seed: 2,
      frontMatter: { published: RELEASE, title: 'Embargoed until half past nine', topics: ['embargo'] },
    }),
  );
  clock = new ManualClock(NOW);
  library = new ContentLibrary(dir, pino({ level: 'silent' }), { now: () => clock.now() });
  await library.load();
  store = await openStore('memory://', silentLogger());
  const core = createCore({
    catalog: () => released(),
    ports: storePorts(store),
    clock,
    timers: clock,
    random: seededRandom(1),
    defaultTimeZone: 'UTC',
    log: silentLogger(),
  });
  router = new CommandRouter(commands, core);
});
afterEach(async () => {
  await library.close();
  await store.close();
  await remove();
});

const run = (name: string, args = '') => router.runLine(actor('reader'), { name, args }, never);

const dailyBrief = (): Subscription => ({
  id: 's1',
  platform: 'telegram',
  chatId: '1',
  kind: 'daily-brief',
  time: '09:00',
  weekday: null,
  timezone: 'UTC',
  topics: [],
  createdAt: 0,
  createdBy: 'u',
  active: true,
  disabledReason: null,
  cursor: 0,
});

test('before its moment a scheduled article is in no list, brief, quiz, lookup or post', async () => {
  expect(library.report).toMatchObject({ articles: 1, scheduled: 1 });
  expect(
    released()
      .all()
      .map((article) => article.id),
  ).toEqual(['article-1']);
  expect(released().byId('article-2')).toBeUndefined();
  expect(released().byRef(articleRef('article-2'))).toBeUndefined();
  expect(
    released()
      .topics()
      .map(({ topic }) => topic),
  ).not.toContain('embargo');

  expect(textOf(onlyMessage(await run('news')))).not.toContain('Embargoed');
  expect(textOf(onlyMessage(await run('brief')))).toContain('Published this morning');
  expect((await run('brief', 'article-2')).notice?.text).toContain('No article matches');
  expect((await run('quiz', 'article-2')).notice?.text).toContain('No article matches');
  expect((await run('read', 'embargoed')).notice?.text).toContain('No article matches');
  const pressed = await router.press(
    actor('reader'),
    encodeAction({ type: 'brief', article: articleRef('article-2') }),
  );
  expect(pressed.messages).toEqual([]);
  expect(pressed.notice?.tone).toBe('error');
  const post = composeDailyBrief(dailyBrief(), released(), NOW);
  expect(JSON.stringify(post)).not.toContain('Embargoed');
});

test('at its moment it appears, newest first, without a reload, and is no longer "just now" early', async () => {
  clock.set(Date.parse(RELEASE) - 1);
  expect(released().byId('article-2')).toBeUndefined();

  clock.set(Date.parse(RELEASE));

  expect(
    released()
      .all()
      .map((article) => article.id),
  ).toEqual(['article-2', 'article-1']);
  const card = textOf(onlyMessage(await run('brief')));
  expect(card).toContain('Embargoed until half past nine');
  expect(card).toContain('just now');
  expect(textOf(onlyMessage(await run('news')))).toContain('Embargoed');
  expect(library.report).toMatchObject({ articles: 2, scheduled: 0 });
});
