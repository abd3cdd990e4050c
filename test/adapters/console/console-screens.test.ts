import { afterEach, expect, test } from 'vitest';
import { shippedArticles } from '../../support/test-core.ts';
import { type Playground, startPlayground, step } from './playground-harness.ts';

let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
});

const count = (text: string, part: string) => text.split(part).length - 1;
/** The printed text with line breaks and console prefixes folded back into spaces. */
const unwrapped = (text: string) => text.replace(/\n(│ |\s+)?/g, ' ').replace(/ +/g, ' ');

test('a wrong answer gets a neutral mark, and its explanation is printed once', async () => {
  playground = await startPlayground();
  const screen = await step(playground, '/quiz', /\[4\] .+/);
  const [newest] = await shippedArticles().then((all) =>
    [...all].sort((a, b) => Date.parse(b.published) - Date.parse(a.published)),
  );
  // A long prompt is wrapped on screen; compare with the lines joined again.
  const question = newest?.questions.find((entry) => unwrapped(screen).includes(entry.prompt));
  if (!question) throw new Error(`no question on screen:\n${screen}`);
  const wrongText = question.choices.find((choice) => !choice.correct)?.text ?? '';
  const wrong = new RegExp(`\\[(\\d)\\] ${wrongText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(
    unwrapped(screen),
  )?.[1];
  const after = await step(playground, wrong ?? '?', /Question 2 of/);
  expect(unwrapped(after)).toMatch(/» ❌ Not quite: the answer is “[^”]+”\. /);
  expect(after).not.toMatch(/^!/m);
  expect(count(unwrapped(after), question.explanation)).toBe(1);
});

test('an error with suggestions is printed once, marked as an error', async () => {
  playground = await startPlayground();
  const printed = await step(playground, '/brief no-such-article-anywhere', /\[3\] /);
  expect(count(printed, 'No article matches')).toBe(1);
  expect(printed).toMatch(/^! No article matches/m);
});

test('in reading mode 1 always goes forward and 2 goes back', async () => {
  playground = await startPlayground();
  await step(playground, '/read', /Focus sentence 1 of/);
  for (const sentence of [2, 3, 4]) {
    const screen = await step(playground, '1', /\[1\] (Next|Finish)/);
    expect(screen).toContain(`Focus sentence ${sentence} of`);
    expect(screen).toMatch(/\[2\] ◀ Back/);
  }
  expect(await step(playground, '2', /\[1\] Next/)).toContain('Focus sentence 3 of');
});

test('lines wrap at word boundaries to 80 columns when piped; tables are left whole', async () => {
  playground = await startPlayground();
  const brief = await step(playground, '/brief', /Source: /);
  const comparison = await step(playground, '2', /─┼─/);
  const [newest] = await shippedArticles().then((all) =>
    [...all].sort((a, b) => Date.parse(b.published) - Date.parse(a.published)),
  );
  if (!newest) throw new Error('no content');
  for (const line of brief.split('\n')) {
    if (line.length > 80) expect(line.trim(), 'only a single long word may overflow').not.toMatch(/\s/);
  }
  expect(brief.split('\n').some((line) => line.length > 60)).toBe(true);
  expect(unwrapped(brief)).toContain(newest.hook);
  expect(unwrapped(brief)).toContain(newest.tldr.whyItMatters);
  // Each table row stays on one line, whatever its width.
  const header = newest.comparison.columns.join(' ');
  expect(comparison.split('\n').some((line) => line.replace(/\s*│\s*/g, ' ').trim() === header)).toBe(true);
});

test('after Related opens, the brief’s own actions are still reachable by their numbers', async () => {
  playground = await startPlayground();
  const brief = await step(playground, '/brief', /Source: /);
  const related = /\[(\d+)\] Related/.exec(brief)?.[1] ?? '?';
  const takeaways = /\[(\d+)\] Key takeaways/.exec(brief)?.[1] ?? '?';
  const list = await step(playground, related, /\[\d+\] 3\. /);
  // Related's own choices come after the brief's, so they do not take the brief's numbers.
  const relatedNumbers = [...list.matchAll(/\[(\d+)\] \d\. /g)].map((match) => Number(match[1]));
  expect(Math.min(...relatedNumbers)).toBeGreaterThan(8);
  expect(await step(playground, takeaways, /Key takeaways ·/)).toContain('Key takeaways');
  const other = await step(playground, String(relatedNumbers[0]), /Source: /);
  expect(other).toContain('What changed:');
});
