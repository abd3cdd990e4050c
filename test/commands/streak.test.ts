import { afterEach, beforeEach, expect, test } from 'vitest';
import { onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

const run = (args: string) => t.router.runLine(actor('ana'), { name: 'streak', args }, async () => false);

test('/streak rest sets the rest days as people write them; /progress and /streak show them', async () => {
  const set = await run('rest Saturday, sun');
  expect(textOf(onlyMessage(set))).toContain('Your rest days are now sat, sun.');
  expect(onlyMessage(set) && set.messages[0]?.target).toEqual({ to: 'private' });
  const shown = textOf(onlyMessage(await run('')));
  expect(shown).toContain('"label":"Rest days","value":"sat, sun"');
  expect(shown).toContain('"label":"Freezes held","value":"0 of 2"');
  const progress = textOf(
    onlyMessage(await t.router.runLine(actor('ana'), { name: 'progress', args: '' }, async () => false)),
  );
  expect(progress).toContain('"label":"Rest days","value":"sat, sun"');
  expect(textOf(onlyMessage(await run('rest none')))).toContain('You have no rest days now.');
});

test('a word that is not a weekday is refused with an example', async () => {
  const refused = await run('rest someday');
  expect(refused.notice?.text).toBe(
    '"someday" is not a weekday. Name the days you rest on, e.g. /streak rest sat,sun (or /streak rest none).',
  );
});
