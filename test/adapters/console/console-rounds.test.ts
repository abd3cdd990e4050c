// Rounds in the playground: they can be stopped, and a new session never resumes an old one.
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { ManualClock } from '../../../src/core/clock.ts';
import { NOW, tempDir } from '../../support/test-core.ts';
import { type Playground, startPlayground, step } from './playground-harness.ts';

let playground: Playground | undefined;
afterEach(async () => {
  await playground?.close();
  playground = undefined;
});

test('a group round left open by one playground session does not come back in the next', async () => {
  const dir = await tempDir();
  const env = { STORE_URL: `sqlite://${join(dir.path, 'state.sqlite')}` };
  try {
    const clock = new ManualClock(NOW);
    playground = await startPlayground(env, { clock });
    await step(playground, '/quiz deepseek-v4-delay group 60', /Question 1 of/);
    await playground.close();

    // Much later, a new session: nothing of the old round is posted, and a new group round can start.
    clock.advance(3_600_000);
    playground = await startPlayground(env, { clock });
    const started = await step(
      playground,
      '/quiz deepseek-v4-delay group 60',
      /Question 1 of|already running/,
    );
    expect(started).toContain('Question 1 of');
    expect(playground.screen()).not.toMatch(/closed|Quiz complete|Final standings/);
  } finally {
    await playground?.close();
    playground = undefined;
    await dir.remove();
  }
});

test('/stop ends one’s own solo quiz in the playground with the score so far', async () => {
  playground = await startPlayground();
  await step(playground, '/quiz deepseek-v4-delay', /Question 1 of/);
  const stopped = await step(playground, '/stop', /Quiz stopped/);
  expect(stopped).toContain('You stopped this quiz before its last question.');
  const again = await step(playground, '/stop', /No quiz is running here/);
  expect(again).toMatch(/^! No quiz is running here/m);
});
