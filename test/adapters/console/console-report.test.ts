// Reporting a question in the playground: Report takes its own number under a group answer's feedback,
// "Something else" asks for the next line, and a command typed instead is a command.
import { afterEach, expect, test } from 'vitest';
import { ManualClock } from '../../../src/core/clock.ts';
import { ReportsRepository } from '../../../src/store/reports-repository.ts';
import { NOW, shippedArticles } from '../../support/test-core.ts';
import { type Playground, startPlayground } from './playground-harness.ts';

const ARTICLE = 'deepseek-v4-delay';
let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
});

/** Printed text with its wrapping undone. */
const unwrapped = (printed: string) => printed.replace(/\s+/g, ' ');

/** The number shown before a choice's label in printed text (the last one printed). */
function numberOf(printed: string, label: string): string {
  const found = [...printed.matchAll(/\[(\d+)\] ([^[\n]+?)(?= {3}\[|$)/gm)].filter(
    (match) => match[2]?.trim() === label,
  );
  const number = found.at(-1)?.[1];
  if (!number) throw new Error(`no [n] ${label} in:\n${printed}`);
  return number;
}

test('a group answer’s feedback has Report under its own number; the reasons and the note follow in the playground', async () => {
  const clock = new ManualClock(NOW);
  playground = await startPlayground({}, { clock, timers: clock });
  const p = playground;
  const source = (await shippedArticles()).find((entry) => entry.id === ARTICLE);
  const question = await p.enter(`/quiz ${ARTICLE} group 60`);
  const asked = source?.questions.find((entry) => question.includes(entry.prompt.slice(0, 40)));
  const wrong = asked?.choices.find((choice) => !choice.correct)?.text ?? '';
  await p.enter('/as bob');
  const answered = await p.enter(numberOf(question, wrong));
  expect(answered).toMatch(/^» ❌ Not quite/m);
  const report = numberOf(answered, 'Report');
  // Its own number: none of the question's choices has it.
  expect(asked?.choices.map((choice) => numberOf(question, choice.text))).not.toContain(report);

  const reasons = await p.enter(report);
  expect(reasons).toContain('Report this question');
  const thanks = await p.enter(numberOf(reasons, 'Out of date'));
  expect(unwrapped(thanks)).toContain('as: Out of date.');

  // cyd answers too, and picks "Something else": the next line typed is the note.
  await p.enter('/as cyd');
  const cyds = await p.enter(numberOf(question, wrong));
  const prompt = await p.enter(numberOf(await p.enter(numberOf(cyds, 'Report')), 'Something else'));
  expect(unwrapped(prompt)).toContain('Send it as your next message here');
  const noted = unwrapped(await p.enter('the answer key names the wrong year'));
  expect(noted).toContain('Your note: “the answer key names the wrong year”');
  expect(noted).not.toContain('replaces');
  // Asked again and answered with a command: it runs as a command, and no note is taken.
  const third = await p.enter('/as dee');
  expect(third).toContain('Now acting as dee');
  const dees = await p.enter(numberOf(question, wrong));
  await p.enter(numberOf(await p.enter(numberOf(dees, 'Report')), 'Something else'));
  expect(await p.enter('/help')).toContain('/quiz');
  expect(await p.enter('quiz')).toContain('Question 1 of');

  const stored = await new ReportsRepository(p.app.store.records).get(ARTICLE);
  const entries = Object.values(stored?.questions ?? {}).flatMap((question) => Object.entries(question));
  expect(entries.map(([who, entry]) => [who, entry.reason, entry.note])).toEqual([
    ['console:as:bob', 'outdated', undefined],
    ['console:as:cyd', 'other', 'the answer key names the wrong year'],
  ]);
});
