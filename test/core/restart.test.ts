import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { ChatDelivery } from '../../src/core/quiz/quiz-service.ts';
import { silentLogger } from '../../src/logger.ts';
import { RoundTimers } from '../../src/schedule/round-timers.ts';
import { eventually } from '../support/eventually.ts';
import { answerButtons, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, NOW, tempDir } from '../support/test-core.ts';

let dir: { path: string; remove(): Promise<void> };
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

test('a group round survives a restart: answers are kept and the question still closes on time', async () => {
  const storeUrl = `sqlite://${join(dir.path, 'state.sqlite')}`;
  const clock = new ManualClock(NOW);
  const before = await makeCore({ storeUrl, clock });
  const article = before.catalog.all()[0];
  if (!article) throw new Error('no content');
  const started = await before.core.quiz.start(actor('host'), article, 'group', 20);
  if (started.messages[0]) await before.core.quiz.rememberSent(started.messages[0], 'msg-1');
  const { right } = answerButtons(started.messages[0]?.message ?? { blocks: [], buttons: [] }, article);
  await before.router.press(actor('ana'), right.payload);
  await before.close();

  clock.advance(25_000);
  const after = await makeCore({ storeUrl, clock });
  const delivered: ChatDelivery[] = [];
  const timers = new RoundTimers(
    after.core.quiz,
    async (delivery: ChatDelivery) => {
      delivered.push(delivery);
    },
    new Set(['console'] as const),
    clock,
    clock,
    silentLogger(),
  );
  try {
    await timers.start();
    // The restart's sweep finds the question past its deadline and closes it at once.
    await eventually(() => delivered.length > 0);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.messages[0]?.target).toEqual({ to: 'edit', ref: 'msg-1' });
    expect(textOf(delivered[0]?.messages[0]?.message ?? { blocks: [], buttons: [] })).toContain('User ana');
    const repeat = await after.router.press(actor('ana'), right.payload);
    expect(repeat.notice?.text).toContain('already answered');
  } finally {
    await timers.stop();
    await after.close();
  }
});

test('stopping while a question is being closed waits for it: no SQLITE_MISUSE, nothing half-done', async () => {
  const storeUrl = `sqlite://${join(dir.path, 'stopping.sqlite')}`;
  const clock = new ManualClock(NOW);
  const t = await makeCore({ storeUrl, clock });
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const delivered: ChatDelivery[] = [];
  const timers = new RoundTimers(
    t.core.quiz,
    async (delivery: ChatDelivery) => {
      delivered.push(delivery);
    },
    new Set(['console'] as const),
    clock,
    clock,
    log,
  );
  await timers.start();
  const article = t.catalog.all()[0];
  if (!article) throw new Error('no content');
  await t.core.quiz.start(actor('host'), article, 'group', 20);
  // The deadline passes: the timer starts closing the question, and the app is told to stop at once.
  clock.advance(21_000);
  await timers.stop();
  await t.close();
  expect(lines.join('')).not.toMatch(/SQLITE_MISUSE|closing a quiz question failed/);
  // The closing that was under way finished, its post included.
  expect(delivered).toHaveLength(1);
});
