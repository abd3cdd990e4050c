import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Action, decodeAction, encodeAction, MAX_PAYLOAD_BYTES } from '../../src/core/action-payload.ts';
import { ArticleIndex, articleRef } from '../../src/core/article-catalog.ts';
import { NEWS_PAGE } from '../../src/core/news-page.ts';
import type { NeutralMessage } from '../../src/core/output.ts';
import { topicsList } from '../../src/core/present-brief.ts';
import { actionButtonsOf, answerButtons, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, shippedArticles, type TestCore } from '../support/test-core.ts';

const never = async () => false;
const button = (msg: NeutralMessage, label: string) =>
  actionButtonsOf(msg).find((entry) => entry.label === label);

test('news and topics pages round-trip in at most 64 bytes', () => {
  const samples: Action[] = [
    { type: 'news', page: 3 },
    { type: 'news', topic: 'x'.repeat(32), page: 99 },
    { type: 'news', topic: 'ai', page: 0 },
    { type: 'news', topic: 'ai' },
    { type: 'topics', page: 2 },
  ];
  for (const action of samples) {
    const payload = encodeAction(action);
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(decodeAction(payload)).toEqual(action);
  }
  // Buttons sent before paging existed still work.
  expect(decodeAction('1:w:ai')).toEqual({ type: 'news', topic: 'ai' });
  expect(decodeAction('1:w')).toEqual({ type: 'news' });
  for (const forged of ['1:w:ai:1:2', '1:w:ai:x', '1:t', '1:t:100', '1:w:AI']) {
    expect(decodeAction(forged), forged).toBeUndefined();
  }
});

describe('/news pages', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  test('More turns the page until every article was shown once; Previous goes back', async () => {
    const all = t.catalog.all();
    expect(all.length).toBeGreaterThan(NEWS_PAGE);
    let page = onlyMessage(await t.router.runLine(actor('a'), { name: 'news', args: '' }, never));
    const seen: string[] = [];
    const pages: NeutralMessage[] = [page];
    for (;;) {
      seen.push(
        ...actionButtonsOf(page)
          .filter((entry) => /^\d+\. /.test(entry.label))
          .map((b) => b.payload),
      );
      const more = button(page, 'More ▶');
      if (!more) break;
      const turned = await t.router.press(actor('a'), more.payload);
      expect(turned.messages[0]?.target).toEqual({ to: 'update' });
      page = onlyMessage(turned);
      pages.push(page);
    }
    expect(seen).toEqual(
      all.map((article) => encodeAction({ type: 'brief', article: articleRef(article.id) })),
    );
    expect(textOf(pages[1] ?? page)).toContain(`Page 2 of ${pages.length}`);
    // Every brief has one number across the pages, in the list and on its button alike.
    const numbers = pages.flatMap((shown) =>
      actionButtonsOf(shown)
        .map((entry) => /^(\d+)\. /.exec(entry.label)?.[1])
        .filter((found) => found !== undefined)
        .map(Number),
    );
    expect(numbers).toEqual(all.map((_, index) => index + 1));
    const list = (pages[1] ?? page).blocks.find((block) => block.kind === 'list');
    expect(list).toMatchObject({ ordered: true, start: NEWS_PAGE + 1 });
    const back = await t.router.press(actor('a'), button(pages[1] ?? page, '◀ Previous')?.payload ?? '');
    expect(onlyMessage(back)).toEqual(pages[0]);
  });

  test('/news and the news buttons are one handler: the same topic gives the same list', async () => {
    const typed = onlyMessage(await t.router.runLine(actor('a'), { name: 'news', args: 'energy' }, never));
    const pressed = await t.router.press(actor('a'), encodeAction({ type: 'news', topic: 'energy' }));
    expect(pressed.messages[0]?.target).toEqual({ to: 'reply' });
    expect(onlyMessage(pressed)).toEqual(typed);
    const unknown = await t.router.press(actor('a'), encodeAction({ type: 'news', topic: 'gardening' }));
    expect(unknown.notice?.text).toMatch(/^There is no topic "gardening"\. Topics: /);
  });
});

describe('/topics', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  test('every topic listed has its button, and every topic is reachable within the platforms’ limits', async () => {
    const reached = new Set<string>();
    let msg = onlyMessage(await t.router.runLine(actor('a'), { name: 'topics', args: '' }, never));
    for (let guard = 0; guard < 20; guard++) {
      const listed = msg.blocks.flatMap((block) =>
        block.kind === 'list' ? block.items.map((item) => item.split(':')[0] ?? '') : [],
      );
      const topicButtons = actionButtonsOf(msg)
        .map((entry) => entry.label)
        .filter((label) => label.startsWith('#'));
      expect(topicButtons).toEqual(listed);
      expect(msg.buttons.length).toBeLessThanOrEqual(5);
      for (const row of msg.buttons) expect(row.length).toBeLessThanOrEqual(5);
      for (const topic of topicButtons) reached.add(topic.slice(1));
      const more = button(msg, 'More ▶');
      if (!more) break;
      const turned = await t.router.press(actor('a'), more.payload);
      expect(turned.messages[0]?.target).toEqual({ to: 'update' });
      msg = onlyMessage(turned);
    }
    expect([...reached].sort()).toEqual(
      t.catalog
        .topics()
        .map((entry) => entry.topic)
        .sort(),
    );
  });

  test('a long topic list is paged, ten topics a page', async () => {
    const topics = Array.from({ length: 23 }, (_, index) => ({ topic: `topic-${index}`, count: 1 }));
    const last = topicsList(topics, 2);
    expect(textOf(last)).toContain('Page 3 of 3');
    expect(actionButtonsOf(last).map((entry) => entry.label)).toEqual([
      '#topic-20',
      '#topic-21',
      '#topic-22',
      '◀ Previous',
    ]);
    expect(new ArticleIndex(await shippedArticles()).topics().length).toBeGreaterThan(10);
  });
});

describe('/recap', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  test('shows the past 7 days’ articles with their hooks and this week’s standings in this chat', async () => {
    const week = t.catalog
      .all()
      .filter((article) => Date.parse(article.published) > t.clock.now() - 7 * 86_400_000);
    expect(week.length).toBeGreaterThan(0);
    const before = onlyMessage(await t.router.runLine(actor('ann'), { name: 'recap', args: '' }, never));
    for (const article of week) {
      expect(textOf(before)).toContain(JSON.stringify(article.title).slice(1, -1));
      expect(textOf(before)).toContain(JSON.stringify(article.hook).slice(1, -1));
    }
    expect(textOf(before)).not.toContain('Quiz standings');

    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(actor('ann'), article, 'solo'));
    await t.router.press(actor('ann'), answerButtons(question, article).right.payload);
    const after = onlyMessage(await t.router.runLine(actor('ann'), { name: 'recap', args: '' }, never));
    expect(textOf(after)).toContain('Quiz standings, 2026-W48');
    expect(textOf(after)).toContain('User ann');
    const elsewhere = onlyMessage(
      await t.router.runLine(actor('bo', 'chat-2'), { name: 'recap', args: '' }, never),
    );
    expect(textOf(elsewhere)).not.toContain('Quiz standings');
  });

  test('the week of the standings is named in the reader’s language', async () => {
    const article = t.catalog.all()[0];
    if (!article) throw new Error('no content');
    const question = onlyMessage(await t.core.quiz.start(actor('ann'), article, 'solo'));
    await t.router.press(actor('ann'), answerButtons(question, article).right.payload);
    const recapIn = async (platformLocale: string) =>
      textOf(
        onlyMessage(
          await t.router.runLine(
            actor('ann', 'chat-1', { platformLocale }),
            { name: 'recap', args: '' },
            never,
          ),
        ),
      );
    expect(await recapIn('en')).toContain('Quiz standings, 2026-W48');
    const german = await recapIn('de');
    expect(german).toContain('Quiz-Stand, KW 48/2026');
    expect(german).not.toContain('W48');
    const chinese = await recapIn('zh-CN');
    expect(chinese).toContain('2026年第48周');
    expect(chinese).not.toContain('W48');
  });

  test('with nothing to recap it says so and what to do', async () => {
    t.clock.set(Date.parse('2027-06-01T12:00:00Z'));
    const empty = await t.router.runLine(actor('ann'), { name: 'recap', args: '' }, never);
    expect(textOf(onlyMessage(empty))).toContain('Nothing to recap');
    expect(textOf(onlyMessage(empty))).toContain('/news');
  });
});
