// Reporting a question, through every adapter: the console playground, Telegram and Discord over their
// emulators. Why, a second report replacing the first, "Something else" with a note typed the
// platform's way, one report per person, and who may not report.
import { afterEach, describe, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { readArticleQuality } from '../../src/core/quality/question-quality.ts';
import { ReportsRepository } from '../../src/store/reports-repository.ts';
import { shippedArticles } from '../support/test-core.ts';
import { consoleDriver } from './console-driver.ts';
import { discordDriver, discordHttpDriver } from './discord-driver.ts';
import { type DriverFactory, folded, questionIn, type ScenarioDriver } from './driver.ts';
import { telegramDriver } from './telegram-driver.ts';

const drivers: DriverFactory[] = [consoleDriver, telegramDriver, discordDriver, discordHttpDriver];
const ARTICLE_ID = 'deepseek-v4-delay';
const SECONDS = 60;
const PAST_DEADLINE_MS = (SECONDS + 1) * 1000;
const QUESTION_1 = /Question 1 of \d+ .*Everyone can answer/;
const NOTE = 'The explanation quotes a date the article never gives.';

async function article(): Promise<Article> {
  const found = (await shippedArticles()).find((entry) => entry.id === ARTICLE_ID);
  if (!found) throw new Error(`no article ${ARTICLE_ID} in content/`);
  return found;
}

describe.each(drivers.map((factory) => [factory.name, factory] as const))('%s', (_, factory) => {
  let running: ScenarioDriver | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  test('a reader reports a question with a reason; a second report replaces the first; "Something else" takes a typed note; one report per person; whoever did not answer is refused', async () => {
    const d = await factory.start();
    running = d;
    const source = await article();
    // bob and cyd miss question 1 of a group round; alice starts it and does not answer.
    await d.say('alice', 'group', `/quiz ${ARTICLE_ID} group ${SECONDS}`);
    const first = await d.see('bob', 'group', QUESTION_1);
    const { question, right, wrong } = questionIn(first.text, source);
    expect(await d.press('bob', 'group', QUESTION_1, wrong)).toMatch(/^❌/);
    expect(await d.press('cyd', 'group', QUESTION_1, wrong)).toMatch(/^❌/);
    await d.advance(PAST_DEADLINE_MS);
    const closed = await d.see('alice', 'group', /Question 1 of \d+ · closed/);
    expect(closed.buttons).toEqual(['Report']);
    if (d.keepsPersonalViewsPrivate) {
      // The closed question offers Report to everyone; only those who answered may use it.
      const refused = await d.press('alice', 'group', /Question 1 of \d+ · closed/, 'Report');
      expect(refused).toContain('Only someone who answered this question can report it.');
    }

    // bob meets the question again in /review, answers it, and reports it from the feedback.
    const where = d.personal('group');
    await d.say('bob', 'group', '/review');
    await d.see('bob', where, /Review 1 of 1 ·/);
    await d.press('bob', where, /Review 1 of 1 ·/, right);
    const feedback = await d.see('bob', where, /Review 1 of 1 · .*Right so far/);
    expect(feedback.buttons).toContain('Report');
    if (!d.keepsPersonalViewsPrivate) {
      // The playground is one screen: alice can press bob's Report, and is refused the same way.
      const refused = await d.press('alice', where, /Review 1 of 1 · .*Right so far/, 'Report');
      expect(refused).toContain('Only someone who answered this question can report it.');
    }

    await d.press('bob', where, /Review 1 of 1 · .*Right so far/, 'Report');
    const reasons = await d.see('bob', where, /Report this question/);
    // (The playground marks each line of a quote, wrapped or not, with │.)
    expect(reasons.text.replaceAll(' │ ', ' ')).toContain(folded(question.prompt));
    expect(reasons.buttons).toEqual(['Answer key is wrong', 'Unclear', 'Out of date', 'Something else']);
    await d.press('bob', where, /Report this question/, 'Unclear');
    const thanked = await d.see('bob', where, /Thanks for the report/);
    expect(thanked.text).toContain('as: Unclear.');
    expect(thanked.text).not.toContain('replaces');

    await d.press('bob', where, /Review 1 of 1 · .*Right so far/, 'Report');
    await d.see('bob', where, /Report this question/);
    await d.press('bob', where, /Report this question/, 'Answer key is wrong');
    const replaced = await d.see('bob', where, /as: Answer key is wrong/);
    expect(replaced.text).toContain('This replaces your earlier report (Unclear)');

    await d.press('bob', where, /Review 1 of 1 · .*Right so far/, 'Report');
    await d.see('bob', where, /Report this question/);
    await d.press('bob', where, /Report this question/, 'Something else');
    await d.answerAsk('bob', where, NOTE);
    const noted = await d.see('bob', where, /as: Something else/);
    expect(noted.text).toContain(`Your note: “${NOTE}”`);
    expect(noted.text).toContain('This replaces your earlier report (Answer key is wrong)');

    // cyd reports it too: a second person, a second report.
    await d.say('cyd', 'group', '/review');
    await d.see('cyd', where, /Review 1 of 1 ·/);
    await d.press('cyd', where, /Review 1 of 1 ·/, right);
    await d.see('cyd', where, /Review 1 of 1 · .*Right so far/);
    await d.press('cyd', where, /Review 1 of 1 · .*Right so far/, 'Report');
    await d.see('cyd', where, /Report this question/);
    await d.press('cyd', where, /Report this question/, 'Out of date');
    await d.see('cyd', where, /as: Out of date/);

    // What the author will see: two reports, one per person, and the two group answers (reviews do
    // not count in the statistics).
    const qualities = await readArticleQuality(
      { questionStats: d.store.answers, reports: new ReportsRepository(d.store.records) },
      source,
    );
    const reported = qualities.find((entry) => entry.prompt === question.prompt);
    expect(reported?.reports).toEqual({
      byReason: { 'wrong-key': 0, unclear: 0, outdated: 1, other: 1 },
      total: 2,
      notes: [NOTE],
      earlier: 0,
    });
    expect(reported?.stats.answered).toBe(2);
    expect(reported?.stats.right).toBe(0);
  });
});
