import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, test, vi } from 'vitest';
import { lazyChild } from '../src/logger.ts';

function capturedLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level }, stream), lines };
}

describe('lazyChild', () => {
  test('a line logged through it carries its bindings, and its own children keep them', async () => {
    const { log, lines } = capturedLogger('warn');
    const child = lazyChild(log, { interactionId: 'i-1', chatId: 'c-1' });
    child.warn({ code: 10062 }, 'interaction expired before it was answered');
    child.child({ step: 'reply' }).error('failed');
    await vi.waitFor(() => expect(lines).toHaveLength(2));
    expect(lines[0]).toMatchObject({
      level: 40,
      interactionId: 'i-1',
      chatId: 'c-1',
      code: 10062,
      msg: 'interaction expired before it was answered',
    });
    expect(lines[1]).toMatchObject({ level: 50, interactionId: 'i-1', step: 'reply', msg: 'failed' });
    expect(child.isLevelEnabled('debug')).toBe(false);
  });

  test('below the level set, nothing is written and no child is made', () => {
    const { log, lines } = capturedLogger('warn');
    const made = vi.spyOn(log, 'child');
    const child = lazyChild(log, { interactionId: 'i-2' });
    child.debug('interaction handled');
    child.info({ detail: 1 }, 'noted');
    expect(made).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });
});
