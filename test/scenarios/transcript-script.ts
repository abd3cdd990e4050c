// One session through an adapter, as people use the bot: commands, presses, a group round, scheduled
// posts and mistakes. The transcript it leaves (everything everyone sees) is compared word for word.

import type { Article } from '../../src/content/article-schema.ts';
import { translate } from '../../src/i18n/translate.ts';
import { shippedArticles } from '../support/test-core.ts';
import { folded, PEOPLE, type Place, questionIn, type ScenarioDriver } from './driver.ts';

export const ARTICLE_ID = 'deepseek-v4-delay';
const SECONDS = 60;

async function article(): Promise<Article> {
  const found = (await shippedArticles()).find((entry) => entry.id === ARTICLE_ID);
  if (!found) throw new Error(`no article ${ARTICLE_ID} in test/fixtures/content`);
  return found;
}

/** The words a script waits for and presses, in the language the bot speaks in the run. */
export interface ScriptWords {
  whatChanged: RegExp;
  comparison: string;
  focusOne: RegExp;
  next: string;
  question: (position: number) => RegExp;
  nextQuestion: string;
  quizComplete: RegExp;
  groupQuestion: RegExp;
  closed: RegExp;
  subscribed: RegExp;
}

export const ENGLISH_WORDS: ScriptWords = {
  whatChanged: /What changed/,
  comparison: 'Comparison',
  focusOne: /Focus sentence 1 of/,
  next: 'Next ▶',
  question: (position) => new RegExp(`Question ${position} of \\d+`),
  nextQuestion: 'Next question ▶',
  quizComplete: /Quiz complete/,
  groupQuestion: /Question 1 of \d+ .*Everyone can answer/,
  closed: /Question 1 of \d+ · closed/,
  subscribed: /daily brief/i,
};

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any number in a message's place */
const SOME_NUMBER = 987;
const SOME_TEXT = '\u0000';

/**
 * A message as a pattern: `SOME_NUMBER` stands for any number, `SOME_TEXT` for any text (a title).
 */
function pattern(locale: string, id: string, args: Record<string, string | number> = {}): string {
  return literal(translate(locale, id, args))
    .replaceAll(String(SOME_NUMBER), '\\d+')
    .replaceAll(SOME_TEXT, '.*');
}

/** The script's words in a language the bot speaks, from its messages. */
export function wordsIn(locale: string): ScriptWords {
  const heading = (position: number, suffix = '') =>
    pattern(locale, 'quiz-heading', { occasion: '', position, total: SOME_NUMBER, suffix, title: SOME_TEXT });
  return {
    whatChanged: new RegExp(pattern(locale, 'brief-what-changed')),
    comparison: translate(locale, 'brief-section-comparison'),
    focusOne: new RegExp(pattern(locale, 'reading-focus', { step: 1, total: SOME_NUMBER })),
    next: translate(locale, 'reading-next'),
    question: (position) => new RegExp(heading(position)),
    nextQuestion: translate(locale, 'quiz-next-question'),
    quizComplete: new RegExp(
      pattern(locale, 'quiz-summary-complete', { kind: translate(locale, 'quiz-kind'), title: SOME_TEXT }),
    ),
    // The live count reads "1 answer" in some languages and "2 answers" in others: either will do.
    groupQuestion: new RegExp(
      `${heading(1)}.*(${[1, SOME_NUMBER]
        .map((count) => pattern(locale, 'quiz-footer-group', { seconds: SOME_NUMBER, count }))
        .join('|')})`,
    ),
    closed: new RegExp(heading(1, translate(locale, 'quiz-closed-suffix'))),
    subscribed: new RegExp(literal(translate(locale, 'post-kind-daily-brief-title')), 'i'),
  };
}

/** Notices the presses got, in order, for the transcript. */
export async function playScript(d: ScenarioDriver, words: ScriptWords): Promise<string[]> {
  const notices: string[] = [];
  const noted = (value: string | undefined) => notices.push(value ?? '(none)');
  const source = await article();

  const typed = ['/help', '/news', '/topics', '/quiz no-such-article', '/streak rest funday'];
  // Discord offers only the registered commands; elsewhere a mistyped name is answered.
  if (!d.name.startsWith('discord')) typed.push('/nosuch');
  for (const line of typed) {
    await d.say('alice', 'dm', line);
  }
  await d.say('alice', 'dm', `/brief ${ARTICLE_ID}`);
  await d.see('alice', 'dm', words.whatChanged);
  noted(await d.press('alice', 'dm', words.whatChanged, words.comparison));

  await d.say('alice', 'dm', `/read ${ARTICLE_ID}`);
  await d.see('alice', 'dm', words.focusOne);
  noted(await d.press('alice', 'dm', words.focusOne, words.next));

  await d.say('alice', 'dm', `/quiz ${ARTICLE_ID}`);
  const first = await d.see('alice', 'dm', words.question(1));
  const total = Number(/(\d+)/.exec(first.text.replace(/^.*?\D(\d+)\D+(\d+)/, '$2'))?.[1] ?? 0);
  for (let position = 1; ; position++) {
    const shown = await d.see('alice', 'dm', words.question(position));
    const { question, right, wrong } = questionIn(shown.text, source);
    noted(await d.press('alice', 'dm', words.question(position), position === 1 ? wrong : right));
    const explained = folded(question.explanation).slice(0, 40);
    await d.see('alice', 'dm', explained);
    if (position >= source.questions.length || (total > 0 && position >= total)) break;
    const more = (await d.visible('alice', 'dm')).findLast((seen) => seen.text.includes(explained));
    if (!more?.buttons.includes(words.nextQuestion) && !d.followsTheWayForward) break;
    if (!d.followsTheWayForward) await d.press('alice', 'dm', explained, words.nextQuestion);
  }
  await d.see('alice', 'dm', words.quizComplete);

  for (const line of [
    '/progress',
    '/streak',
    '/streak rest sat,sun',
    '/timezone Europe/Berlin',
    '/review',
    '/remind',
  ]) {
    await d.say('alice', 'dm', line);
  }
  await d.say('bob', 'dm', '/unlink');
  await d.say('bob', 'dm', '/leaderboard');

  await d.say('alice', 'group', `/quiz ${ARTICLE_ID} group ${SECONDS}`);
  const group = await d.see('bob', 'group', words.groupQuestion);
  const { right, wrong } = questionIn(group.text, source);
  noted(await d.press('alice', 'group', words.groupQuestion, right));
  noted(await d.press('bob', 'group', words.groupQuestion, wrong));
  noted(await d.press('bob', 'group', words.groupQuestion, right));
  noted(await d.press('cyd', 'group', words.groupQuestion, right));
  await d.advance((SECONDS + 1) * 1000);
  await d.see('alice', 'group', words.closed);
  await d.say('bob', 'group', '/stop');
  await d.say('alice', 'group', '/stop');
  await d.say('bob', 'group', '/leaderboard');
  await d.say('bob', 'group', '/subscribe daily-brief 08:00');
  await d.say('alice', 'group', '/subscribe daily-brief 08:00 timezone:UTC');
  await d.see('alice', 'group', words.subscribed);
  await d.say('alice', 'group', '/subscriptions');
  await d.runScheduled();
  await d.say('alice', 'group', '/recap');
  return notices;
}

/** Everything each person sees in each place, then the notices, as text to compare. */
export async function transcriptOf(d: ScenarioDriver, notices: string[]): Promise<string> {
  const parts: string[] = [];
  const places: Place[] = ['dm', 'group'];
  for (const person of d.keepsPersonalViewsPrivate ? PEOPLE : (['alice'] as const)) {
    for (const place of d.keepsPersonalViewsPrivate ? places : (['dm'] as const)) {
      parts.push(`== ${person} in ${d.keepsPersonalViewsPrivate ? place : 'the playground'}`);
      for (const seen of await d.visible(person, place)) {
        parts.push(`- ${seen.text}${seen.buttons.length > 0 ? `\n  [${seen.buttons.join(' | ')}]` : ''}`);
      }
    }
  }
  parts.push('== notices', ...notices.map((notice) => `- ${notice}`));
  const names = PEOPLE.map((person) => d.nameOf(person));
  let text = `${parts.join('\n')}\n`;
  // The playground's admin is whoever runs it: the machine's user name.
  if (d.name === 'console') text = text.split(names[0] ?? '').join('<admin>');
  return text;
}
