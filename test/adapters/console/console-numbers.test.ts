// Every number on the playground's screen means one action: a solo quiz's Next and Stop, the next
// question's choices, and whatever a timer posts meanwhile each get their own.
import { afterEach, expect, test, vi } from 'vitest';
import { ManualClock } from '../../../src/core/clock.ts';
import { eventually } from '../../support/eventually.ts';
import { NOW, shippedArticles } from '../../support/test-core.ts';
import { type Playground, startPlayground, step, untilScreen } from './playground-harness.ts';

let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
  vi.useRealTimers();
});

/** Every `[n]` printed, in order. */
const numbersIn = (text: string) => [...text.matchAll(/\[(\d+)\] /g)].map((match) => Number(match[1]));
/** The number printed before a label. */
function numberOf(text: string, label: string | RegExp): string {
  const source = typeof label === 'string' ? label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : label.source;
  const found = [...text.matchAll(new RegExp(`\\[(\\d+)\\] ${source}`, 'g'))].at(-1)?.[1];
  if (found === undefined) throw new Error(`no [n] ${String(label)} in:\n${text}`);
  return found;
}
/** The screen from the first solo score on. */
const fromScore = (screen: string) => screen.slice(screen.search(/Score \d+\/\d+/));

const expectDistinct = (numbers: number[]) => expect(numbers).toEqual([...new Set(numbers)]);

test('after a solo answer, Next, Stop and the next question’s choices have numbers of their own, and Stop’s number stops the quiz', async () => {
  playground = await startPlayground();
  await step(playground, '/quiz deepseek-v4-delay', /\[4\] /);
  const after = await step(
    playground,
    '1',
    /Question 2 of \d+[\s\S]*\[\d+\] [\s\S]*\[\d+\] [\s\S]*\[\d+\] [\s\S]*\[\d+\] /,
  );
  const shown = numbersIn(fromScore(after));
  expect(shown.length).toBeGreaterThanOrEqual(6);
  expectDistinct(shown);
  // The first question's numbers are not reused either.
  expect(Math.min(...shown)).toBeGreaterThan(4);

  const stopped = await step(playground, numberOf(after, 'Stop quiz'), /Quiz stopped|Not quite|Correct|!/);
  expect(stopped).toContain('Quiz stopped');
  expect(stopped).not.toMatch(/Not quite|Correct/);
});

test('going on through a solo quiz keeps every number distinct, and each question is answered by its own numbers', async () => {
  playground = await startPlayground();
  let screen = await step(playground, '/quiz deepseek-v4-delay', /\[4\] /);
  for (const question of [2, 3, 4]) {
    const pick = numbersIn(screen.slice(screen.lastIndexOf('Question ')))[0];
    screen = await step(
      playground,
      String(pick),
      new RegExp(`Question ${question} of[\\s\\S]*(\\[\\d+\\] [^\\n]*\\n?){4}`),
    );
  }
  expectDistinct(numbersIn(fromScore(playground.screen())));
  expect(playground.screen()).not.toMatch(/already answered|moved past/);
});

test('a group question its timer posts continues the numbering of a solo quiz in progress instead of taking its numbers', async () => {
  const clock = new ManualClock(NOW);
  playground = await startPlayground({}, { clock, timers: clock });
  await step(playground, '/quiz quillstore-3-release group 20', /Everyone can answer[\s\S]*\[4\] /);
  await step(playground, '/quiz deepseek-v4-delay', /Solo quiz[\s\S]*\[4\] /);
  const solo = await step(
    playground,
    '1',
    /Question 2 of \d+ · DeepSeek[\s\S]*\[\d+\] [\s\S]*\[\d+\] [\s\S]*\[\d+\] [\s\S]*\[\d+\] /,
  );
  const soloChoice = numbersIn(solo.slice(solo.lastIndexOf('Question 2 of')))[0];

  const mark = playground.screen().length;
  clock.advance(21_000);
  const group = await eventually(() => {
    const printed = playground?.since(mark) ?? '';
    return (
      /Question 2 of \d+ · [^\n]*\n[\s\S]*Everyone can answer[\s\S]*\[\d+\] [\s\S]*\[\d+\] /.test(printed) &&
      printed
    );
  }, 20_000);
  const groupNumbers = numbersIn(group.slice(group.lastIndexOf('Question 2 of')));
  expectDistinct(numbersIn(fromScore(playground.screen())));
  expect(groupNumbers).not.toContain(soloChoice);

  // The solo question's number still answers the solo question; the group's answers the group's.
  const answered = await step(playground, String(soloChoice), /Score \d+\/2|!/);
  expect(answered).toMatch(/Question 2 of \d+ · DeepSeek/);
  expect(answered).toContain('Score');
  const groupAnswer = await step(playground, String(groupNumbers[0]), /shown when time is up|!/);
  expect(groupAnswer).toMatch(/The (full )?answer is shown when time is up/);
});

/** The number of a wrong choice of the question last printed. */
async function wrongChoice(screen: string): Promise<string> {
  const shown = screen.slice(screen.lastIndexOf('Question '));
  const flat = shown.replace(/\n(?!\[)/g, ' ');
  const question = (await shippedArticles())
    .flatMap((article) => article.questions)
    .find((entry) => flat.includes(entry.prompt));
  const wrong = question?.choices.find((choice) => !choice.correct);
  if (!wrong) throw new Error(`no known question in:\n${shown}`);
  return numberOf(shown, wrong.text);
}

test('a quiz of the day and a reminder’s Start review, posted during a solo quiz, take numbers of their own', async () => {
  vi.useFakeTimers({
    now: Date.parse('2026-11-23T07:00:00Z'),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  playground = await startPlayground();
  playground.type('/subscribe quiz-of-the-day 8:00 UTC');
  playground.type('/remind 8:00');
  await untilScreen(playground, /I will remind you at 08:00/);
  // A question answered wrongly is due for review a minute later: the reminder has something to offer.
  playground.type('/quiz deepseek-v4-delay');
  const question = await untilScreen(playground, /Solo quiz · pick one answer[\s\S]*\[4\] .*\n/);
  playground.type(await wrongChoice(question));
  await untilScreen(playground, /Question 2 of \d+ · DeepSeek[\s\S]*(\[\d+\] [^\n]*\n){4}/);

  await vi.advanceTimersByTimeAsync(60 * 60_000 + 5_000); // 08:00:05
  await untilScreen(playground, /Everyone can answer[\s\S]*\[\d+\] /);
  const posted = await untilScreen(playground, /\[\d+\] Start review/);
  expectDistinct(numbersIn(fromScore(posted)));
  const mark = posted.length;
  playground.type(numberOf(posted, 'Start review'));
  const review = await untilScreen(playground, /Review 1 of|\n! /);
  expect(review.slice(mark)).toContain('Review 1 of');
});
