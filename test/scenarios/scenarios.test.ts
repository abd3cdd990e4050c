// One set of user scenarios, run through every adapter: the console playground, Telegram over its
// emulator and Discord over its emulator (the way Chat SDK runs one contract suite against all).
import { afterEach, describe, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { ABANDONED_SOLO_MS } from '../../src/core/quiz/quiz-service.ts';
import { shippedArticles } from '../support/test-core.ts';
import { consoleDriver } from './console-driver.ts';
import { discordDriver, discordHttpDriver } from './discord-driver.ts';
import {
  type DriverFactory,
  folded,
  type Person,
  type Place,
  questionIn,
  type ScenarioDriver,
} from './driver.ts';
import { telegramDriver } from './telegram-driver.ts';

const drivers: DriverFactory[] = [consoleDriver, telegramDriver, discordDriver, discordHttpDriver];

const ARTICLE_ID = 'deepseek-v4-delay';
/** Seconds per group question: long enough that counting answers never runs into the close. */
const SECONDS = 60;
const PAST_DEADLINE_MS = (SECONDS + 1) * 1000;

async function article(): Promise<Article> {
  const found = (await shippedArticles()).find((entry) => entry.id === ARTICLE_ID);
  if (!found) throw new Error(`no article ${ARTICLE_ID} in test/fixtures/content`);
  return found;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label and its value as every adapter shows them: `Label: value`, or an embed field's name then value. */
const field = (label: string, value: string) => new RegExp(`${literal(label)}:? ${literal(value)}(?!\\d)`);

/** How many questions a round has, from its first question. */
const roundLength = (text: string) => Number(/Question 1 of (\d+)/.exec(text)?.[1] ?? Number.NaN);

describe.each(drivers.map((factory) => [factory.name, factory] as const))('%s', (_, factory) => {
  let running: ScenarioDriver | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const start = async () => {
    running = await factory.start();
    return running;
  };

  /** Fails when anyone but `person` can see something matching `pattern` in either place. */
  async function onlyFor(d: ScenarioDriver, person: Person, pattern: RegExp) {
    if (!d.keepsPersonalViewsPrivate) return;
    for (const other of ['alice', 'bob', 'cyd'] as const) {
      if (other === person) continue;
      for (const place of ['dm', 'group'] as const) {
        const seen = await d.visible(other, place);
        expect(
          seen.filter((entry) => pattern.test(entry.text)),
          `${other} in ${place}`,
        ).toEqual([]);
      }
    }
  }

  /** Starts a group round and returns its first question as bob sees it. */
  async function groupRound(d: ScenarioDriver) {
    await d.say('alice', 'group', `/quiz ${ARTICLE_ID} group ${SECONDS}`);
    const first = await d.see('bob', 'group', /Question 1 of \d+ .*Everyone can answer/);
    return { first, total: roundLength(first.text) };
  }

  test('a brief opens its sections and reading for whoever presses them; the card shared in the group stays as it is', async () => {
    const d = await start();
    await d.say('alice', 'dm', `/brief ${ARTICLE_ID}`);
    const card = await d.see('alice', 'dm', /What changed/);
    expect(card.buttons).toEqual(
      expect.arrayContaining(['Key takeaways', 'Comparison', 'Deep dive', 'Implications', 'Timeline']),
    );
    await d.press('alice', 'dm', /What changed/, 'Comparison');
    const table = await d.see('alice', 'dm', /Comparison ·/);
    expect(table.text).toContain('│');

    await d.say('bob', 'group', `/brief ${ARTICLE_ID}`);
    await d.see('cyd', 'group', /What changed/);
    await d.press('cyd', 'group', /What changed/, 'Timeline');
    await d.see('cyd', d.personal('group'), /Timeline ·/);
    await onlyFor(d, 'cyd', /Timeline ·/);
    // Reading from the shared card is personal too, and pages on where it arrived.
    await d.press('bob', 'group', /What changed/, 'Read');
    await d.see('bob', d.personal('group'), /Focus sentence 1 of/);
    await d.press('bob', d.personal('group'), /Focus sentence 1 of/, 'Next ▶');
    await d.see('bob', d.personal('group'), /Focus sentence 2 of/);
    await onlyFor(d, 'bob', /Focus sentence/);
    const shared = await d.see('bob', 'group', /What changed/);
    expect(shared.buttons).toEqual(card.buttons);
  });

  test('reading to the end shows the challenge, and progress counts the article as read', async () => {
    const d = await start();
    const total = (await article()).reading.length;
    const where: Place = d.personal('group');
    await d.say('alice', 'group', `/read ${ARTICLE_ID}`);
    let step = await d.see('alice', where, `Focus sentence 1 of ${total}`);
    for (let sentence = 1; sentence <= total; sentence++) {
      const forward = step.buttons.find((label) => /^(Next|Finish) ▶$/.test(label));
      expect(forward, `a way on from sentence ${sentence}`).toBe(sentence < total ? 'Next ▶' : 'Finish ▶');
      await d.press('alice', where, `Focus sentence ${sentence} of ${total}`, forward ?? '');
      step =
        sentence < total
          ? await d.see('alice', where, `Focus sentence ${sentence + 1} of ${total}`)
          : await d.see('alice', where, `You read ${total} focus sentences.`);
    }
    expect(step.buttons).toEqual(expect.arrayContaining(['Take the challenge', 'Challenge the chat']));
    await onlyFor(d, 'alice', /Focus sentence|You read/);

    await d.say('alice', 'dm', '/progress');
    const progress = await d.see('alice', 'dm', `Progress · ${d.nameOf('alice')}`);
    expect(progress.text).toMatch(field('Articles read', '1'));
  });

  test('a full solo quiz: each answer is judged with its explanation, then the score', async () => {
    const d = await start();
    const source = await article();
    await d.say('alice', 'dm', `/quiz ${ARTICLE_ID}`);
    const total = roundLength((await d.see('alice', 'dm', /Question 1 of \d+/)).text);
    expect(total).toBeGreaterThan(1);
    for (let position = 1; position <= total; position++) {
      const shown = await d.see('alice', 'dm', `Question ${position} of ${total}`);
      const { question, right } = questionIn(shown.text, source);
      expect(shown.buttons).toContain(right);
      const notice = await d.press('alice', 'dm', `Question ${position} of ${total}`, right);
      expect(notice).toMatch(/^✅ Correct/);
      const explained = folded(question.explanation).slice(0, 40);
      await d.see('alice', 'dm', explained);
      // The console takes the one way forward by itself; elsewhere the player presses it.
      if (position < total && !d.followsTheWayForward) {
        await d.press('alice', 'dm', explained, 'Next question ▶');
      }
    }
    const summary = await d.see('alice', 'dm', /Quiz complete/);
    expect(summary.text).toMatch(field('Score', `${total} of ${total}`));
    expect(summary.text).toMatch(field('Accuracy', '100%'));
  });

  test('repeated and stale presses are answered with why, and count nothing', async () => {
    const d = await start();
    // A solo quiz left alone for a day ends; its question is still on screen, and pressing it says so.
    await d.say('alice', 'dm', `/quiz ${ARTICLE_ID}`);
    const solo = await d.see('alice', 'dm', /Question 1 of \d+/);
    await d.advance(ABANDONED_SOLO_MS + 60_000);
    const stale = await d.press('alice', 'dm', /Question 1 of \d+/, solo.buttons[0] ?? '');
    expect(stale).toContain('This quiz has ended');
    expect(await d.see('alice', 'dm', /Question 1 of \d+/)).toEqual(solo);

    // In a group question, a second answer is refused: the first one counts.
    const { first } = await groupRound(d);
    const { right, wrong } = questionIn(first.text, await article());
    expect(await d.press('bob', 'group', /Question 1 of \d+ .*Everyone can answer/, wrong)).toMatch(/^❌/);
    const again = await d.press('bob', 'group', /Question 1 of \d+ .*Everyone can answer/, right);
    expect(again).toContain('You already answered this question; your first answer counts.');
    await d.advance(PAST_DEADLINE_MS);
    const closed = await d.see('alice', 'group', /Question 1 of \d+ · closed/);
    expect(closed.text).toContain('Got it (0 of 1)');
  });

  test('a group round with three members: answers in private, a live count, a close with who got it', async () => {
    const d = await start();
    const { first, total } = await groupRound(d);
    const { right, wrong } = questionIn(first.text, await article());
    const question = /Question 1 of \d+ .*Everyone can answer/;
    const notices = [
      await d.press('alice', 'group', question, right),
      await d.press('bob', 'group', question, wrong),
      await d.press('cyd', 'group', question, right),
    ];
    expect(notices.map((notice) => notice?.slice(0, 1))).toEqual(['✅', '❌', '✅']);
    if (d.showsLiveCounts) {
      // The count is edited at most once per interval of the injected clock: let it run while waiting.
      await d.see('alice', 'group', /Question 1 of .*3 answered/, { advancingMs: 10 });
    }
    // Answering never turned the shared question into anyone's personal view.
    expect((await d.see('cyd', 'group', question)).buttons).toEqual(first.buttons);

    await d.advance(PAST_DEADLINE_MS);
    const closed = await d.see('bob', 'group', /Question 1 of \d+ · closed/);
    expect(closed.text).toContain('Got it (2 of 3)');
    expect(closed.text).toMatch(field('Answer', right));
    expect(closed.text).toContain(`${d.nameOf('alice')}, ${d.nameOf('cyd')}`);
    // Answers are closed: whoever answered may still report the question.
    expect(closed.buttons).toEqual(['Report']);
    await d.see('cyd', 'group', `Question 2 of ${total}`);
  });

  test('a question missed in a group round comes back in /review, privately, which ends with when the next review is due', async () => {
    const d = await start();
    const source = await article();
    const { first } = await groupRound(d);
    const { question, right, wrong } = questionIn(first.text, source);
    await d.press('alice', 'group', /Question 1 of \d+ .*Everyone can answer/, right);
    await d.press('bob', 'group', /Question 1 of \d+ .*Everyone can answer/, wrong);
    await d.advance(PAST_DEADLINE_MS);
    await d.see('bob', 'group', /Question 1 of \d+ · closed/);

    const where = d.personal('group');
    await d.say('bob', 'group', '/review');
    const card = await d.see('bob', where, /Review 1 of 1 ·/);
    expect(card.text).toContain(folded(question.prompt));
    expect(card.buttons).toContain(right);
    expect(await d.press('bob', where, /Review 1 of 1 ·/, right)).toMatch(/^✅ Correct/);
    const done = await d.see('bob', where, /Review complete/);
    expect(done.text).toMatch(field('Right', '1 of 1'));
    expect(done.text).toMatch(/Next review\W+In \d+ minutes/);
    expect(done.buttons).toEqual(expect.arrayContaining(['Read the next article', 'Quiz on it']));
    await onlyFor(d, 'bob', /Review 1 of 1|Review complete/);

    // alice got it right: nothing of hers to review.
    await d.say('alice', 'dm', '/review');
    await d.see('alice', 'dm', /No cards left to review/);

    await d.say('bob', 'group', '/remind 7pm');
    await d.see('bob', where, /I will remind you at 19:00 \(UTC\)/);
    await onlyFor(d, 'bob', /I will remind you/);
  });

  test('a solo quiz with mistakes offers to review them: the cards come one by one with the quiz’s buttons', async () => {
    const d = await start();
    const source = await article();
    await d.say('cyd', 'dm', `/quiz ${ARTICLE_ID}`);
    const total = roundLength((await d.see('cyd', 'dm', /Question 1 of \d+/)).text);
    for (let position = 1; position <= total; position++) {
      const shown = await d.see('cyd', 'dm', `Question ${position} of ${total}`);
      const { question, right, wrong } = questionIn(shown.text, source);
      await d.press('cyd', 'dm', `Question ${position} of ${total}`, position <= 2 ? wrong : right);
      const explained = folded(question.explanation).slice(0, 40);
      await d.see('cyd', 'dm', explained);
      if (position < total && !d.followsTheWayForward) {
        await d.press('cyd', 'dm', explained, 'Next question ▶');
      }
    }
    const summary = await d.see('cyd', 'dm', /Quiz complete/);
    expect(summary.buttons).toContain('Review 2 missed questions');
    await d.press('cyd', 'dm', /Quiz complete/, 'Review 2 missed questions');
    const first = await d.see('cyd', 'dm', /Review 1 of 2 ·/);
    expect(await d.press('cyd', 'dm', /Review 1 of 2 ·/, questionIn(first.text, source).wrong)).toMatch(
      /^❌/,
    );
    if (!d.followsTheWayForward) await d.press('cyd', 'dm', /Review 1 of 2 ·/, 'Next review ▶ (1 left)');
    const second = await d.see('cyd', 'dm', /Review 2 of 2 ·/);
    expect(second.text).not.toContain(folded(questionIn(first.text, source).question.prompt));
    await d.press('cyd', 'dm', /Review 2 of 2 ·/, questionIn(second.text, source).right);
    const done = await d.see('cyd', 'dm', /Review complete/);
    expect(done.text).toMatch(field('Right', '1 of 2'));
    // The card missed again is back after FSRS's first learning step.
    expect(done.text).toMatch(/Next review\W+In 1 minute\./);
  });

  test('progress is personal: asked for in the group, it shows to the person only', async () => {
    const d = await start();
    const { first } = await groupRound(d);
    const { right, wrong } = questionIn(first.text, await article());
    await d.press('alice', 'group', /Question 1 of \d+ .*Everyone can answer/, right);
    await d.press('bob', 'group', /Question 1 of \d+ .*Everyone can answer/, wrong);
    await d.advance(PAST_DEADLINE_MS);
    await d.see('alice', 'group', /Question 1 of \d+ · closed/);

    await d.say('bob', 'group', '/progress');
    const bobs = await d.see('bob', d.personal('group'), `Progress · ${d.nameOf('bob')}`);
    expect(bobs.text).toMatch(field('Questions answered', '1'));
    expect(bobs.text).toMatch(field('Accuracy', '0%'));
    await onlyFor(d, 'bob', /Progress ·/);

    await d.say('alice', 'dm', '/progress');
    const alices = await d.see('alice', 'dm', `Progress · ${d.nameOf('alice')}`);
    expect(alices.text).toMatch(field('Questions answered', '1'));
    expect(alices.text).toMatch(field('Accuracy', '100%'));
  });

  test('the leaderboard ranks the group by points, and another period opens for the presser only', async () => {
    const d = await start();
    const source = await article();
    const { first, total } = await groupRound(d);
    const one = questionIn(first.text, source);
    await d.press('alice', 'group', /Question 1 of \d+ .*Everyone can answer/, one.right);
    await d.press('bob', 'group', /Question 1 of \d+ .*Everyone can answer/, one.wrong);
    await d.press('cyd', 'group', /Question 1 of \d+ .*Everyone can answer/, one.right);
    await d.advance(PAST_DEADLINE_MS);
    const second = await d.see('alice', 'group', new RegExp(`Question 2 of ${total} .*Everyone can answer`));
    const two = questionIn(second.text, source);
    await d.press('alice', 'group', /Question 2 of \d+ .*Everyone can answer/, two.right);
    await d.press('cyd', 'group', /Question 2 of \d+ .*Everyone can answer/, two.wrong);
    await d.advance(PAST_DEADLINE_MS);
    await d.see('alice', 'group', /Question 2 of \d+ · closed/);

    await d.say('bob', 'group', '/leaderboard');
    const board = await d.see('cyd', 'group', /Leaderboard · this week/);
    const rank = (person: Person) => board.text.indexOf(d.nameOf(person));
    expect(rank('alice')).toBeGreaterThan(-1);
    expect(rank('alice')).toBeLessThan(rank('cyd'));
    expect(board.buttons).toContain('All time');

    await d.press('cyd', 'group', /Leaderboard · this week/, 'All time');
    await d.see('cyd', d.personal('group'), /Leaderboard · all time/);
    await onlyFor(d, 'cyd', /Leaderboard · all time/);
    expect((await d.see('bob', 'group', /Leaderboard · this week/)).buttons).toEqual(board.buttons);
  });

  test('a long value cut inside an emoji is echoed with whole characters: bad options, unknown articles, topics and weekdays', async () => {
    const d = await start();
    // 38 letters then emoji: a cut at 39 or 40 UTF-16 units falls inside the first emoji.
    const typed = `${'x'.repeat(38)}😀😀`;
    const replies: [string, RegExp][] = [
      [`/remind ${typed}`, /\/remind: time should be a time of day/],
      [`/timezone ${typed}`, /\/timezone: zone should be/],
      [`/brief ${typed}`, /No article matches/],
      // A topic may be 32 long at most: this one (emoji included) is quoted whole.
      [`/news ${typed.slice(10)}`, /There is no topic/],
      [`/streak ${typed}`, /is not a weekday/],
    ];
    for (const [line, reply] of replies) {
      await d.say('alice', 'dm', line);
      const seen = await d.see('alice', 'dm', new RegExp(`${reply.source}|something went wrong`));
      expect(seen.text, line).toMatch(reply);
      expect(seen.text, line).not.toMatch(
        /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
      // What is echoed is the value as typed, or its first whole characters followed by "…".
      const echoed = /"([^"]*)"/.exec(seen.text)?.[1] ?? '';
      expect(typed.endsWith(echoed.replace(/^x+|…$/g, '')), `${line} echoed ${echoed}`).toBe(true);
      expect(echoed, line).toMatch(/^x+(😀|😀😀|…)$/u);
    }
  });

  test('/timezone shows the zone in use, takes a city, says what an abbreviation was taken as, and suggests zones for a near miss', async () => {
    const d = await start();
    await d.say('bob', 'dm', '/timezone');
    await d.see('bob', 'dm', /Your days start at midnight in UTC, the bot’s default/);
    await d.say('bob', 'dm', '/timezone Berlin');
    await d.see('bob', 'dm', 'Your days now start at midnight in Europe/Berlin.');
    await d.say('bob', 'dm', '/timezone são paulo');
    await d.see('bob', 'dm', 'Your days now start at midnight in America/Sao_Paulo.');
    await d.say('bob', 'dm', '/timezone');
    await d.see('bob', 'dm', /Your days start at midnight in America\/Sao_Paulo, set with \/timezone/);
    await d.say('bob', 'dm', '/timezone CET');
    const cet = await d.see('bob', 'dm', /CET is an abbreviation/);
    expect(cet.text).toMatch(/CET is an abbreviation, not a place: it was taken as Europe\/Brussels/);
    await d.say('bob', 'dm', '/timezone Berlim');
    const near = await d.see('bob', 'dm', /not "Berlim"/);
    expect(near.text).toContain('(did you mean Europe/Berlin?)');
    await d.say('bob', 'dm', '/timezone york');
    await d.see('bob', 'dm', /not "york".*did you mean America\/New_York/);
  });

  test('a subscription without a zone is set in the chat’s zone, else the admin’s own, and the reply says which', async () => {
    const d = await start();
    await d.say('alice', 'dm', '/timezone Europe/Berlin');
    await d.see('alice', 'dm', 'Your days now start at midnight in Europe/Berlin.');
    await d.say('alice', 'group', '/subscribe daily-brief 19:01');
    const set = await d.see('alice', 'group', /Daily brief set for/);
    expect(set.text).toMatch(/Daily brief set for daily 19:01 \(Europe\/Berlin\)/);
    expect(set.text).toContain('your own time zone (/timezone)');
    // The chat has a zone now: a second kind follows it, whoever's zone the admin has.
    await d.say('alice', 'dm', '/timezone Asia/Tokyo');
    await d.see('alice', 'dm', 'Your days now start at midnight in Asia/Tokyo.');
    await d.say('alice', 'group', '/subscribe quiz-of-the-day 12:00');
    const second = await d.see('alice', 'group', /Quiz of the day set for/);
    expect(second.text).toMatch(/Quiz of the day set for daily 12:00 \(Europe\/Berlin\)/);
    expect(second.text).toContain('the zone of this chat’s other subscriptions');
  });

  test('a scheduled post that was skipped is listed with when and why: daily brief, weekly recap, quiz of the day, reminder', async () => {
    const d = await start();
    // Set up at 12:00 for 10:59: the latest run is an hour ago, as if the bot had run then.
    await d.say('alice', 'group', '/subscribe daily-brief 10:59 timezone:UTC');
    await d.say('alice', 'group', '/subscribe weekly-recap 10:59 mon timezone:UTC topics:space');
    await d.say('alice', 'group', '/subscribe quiz-of-the-day 10:59 timezone:UTC');
    await d.see('alice', 'group', /Quiz of the day set for/);
    await d.say('alice', 'dm', '/remind 10:59');
    await d.see('alice', d.personal('dm'), /I will remind you at 10:59/);
    // A group quiz keeps the chat busy past the hour the quiz of the day may wait.
    await d.say('alice', 'group', `/quiz ${ARTICLE_ID} group 300`);
    await d.see('bob', 'group', /Question 1 of \d+ .*Everyone can answer/);
    await d.runScheduled();

    await d.say('cyd', 'group', '/subscriptions');
    const list = await d.see('cyd', 'group', /Subscriptions of this chat/);
    const last = 'the last post (Mon 23 Nov, 10:59 UTC) was skipped';
    expect(list.text).toContain(
      `Daily brief: daily 10:59 (UTC); next post Tue 24 Nov, 10:59 UTC; ${last}: no new articles since the last daily brief`,
    );
    expect(list.text).toContain(`${last}: no articles and no quiz answers in the past week`);
    expect(list.text).toContain(
      `${last}: a group quiz kept the chat busy for an hour after the quiz of the day was due`,
    );
    await d.say('alice', 'dm', '/remind');
    const status = await d.see('alice', d.personal('dm'), /Reminders at 10:59/);
    expect(status.text).toContain(
      'The last check (Mon 23 Nov, 10:59 UTC) sent nothing: no reviews due and the streak is safe.',
    );
  });

  test('why a post was skipped is said in the reader’s language, whichever language the chat had when it was skipped', async () => {
    const d = await start();
    await d.say('alice', 'group', '/subscribe daily-brief 10:59 timezone:UTC');
    await d.see('alice', 'group', /Daily brief set for/);
    await d.say('alice', 'dm', '/remind 10:59');
    await d.see('alice', d.personal('dm'), /I will remind you at 10:59/);
    await d.runScheduled();

    await d.say('cyd', 'dm', '/language de');
    await d.say('cyd', 'group', '/subscriptions');
    const list = await d.see('cyd', 'group', /Abos dieses Chats/);
    expect(list.text).toMatch(/ausgelassen: keine neuen Artikel seit dem letzten\s+Tagesüberblick/);
    expect(list.text).not.toContain('no new articles');
    await d.say('alice', 'dm', '/language zh-CN');
    await d.say('alice', 'dm', '/remind');
    const status = await d.see('alice', d.personal('dm'), /提醒时间 10:59/);
    expect(status.text).toContain('没有发送任何内容：没有待复习的题');
    expect(status.text).not.toContain('no reviews due');
  });

  test('subscribing is for the group’s admins: a member is refused, an admin subscribes', async () => {
    const d = await start();
    await d.say('bob', 'group', '/subscribe daily-brief 08:00');
    await d.see('bob', 'group', "Only the chat's admins can use /subscribe.");
    await d.say('cyd', 'group', '/subscriptions');
    await d.see('cyd', 'group', 'This chat has no subscriptions.');
    await d.say('alice', 'group', '/subscribe daily-brief 08:00');
    await d.see('alice', 'group', /Daily brief set for daily 08:00/);
    await d.say('cyd', 'group', '/subscriptions');
    const list = await d.see('cyd', 'group', /Subscriptions of this chat/);
    expect(list.text).toMatch(/Daily brief: daily 08:00/);
  });
});
