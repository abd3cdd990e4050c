// Edits of one message go out one after another, in order; other messages do not wait for them.
import { describe, expect, test } from 'vitest';
import { EditQueue } from '../../src/delivery/edit-queue.ts';
import { eventually } from '../support/eventually.ts';

/** A send that starts when asked and finishes only when the test lets it. */
function gatedSend(log: string[], name: string) {
  let finish: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const send = () =>
    new Promise<void>((resolve, reject) => {
      log.push(`${name} started`);
      finish = () => {
        log.push(`${name} done`);
        resolve();
      };
      fail = reject;
    });
  return { send, finish: () => finish(), fail: (error: Error) => fail(error) };
}

describe('EditQueue', () => {
  test('a second edit of a message waits until the first one is done, whatever their speed', async () => {
    const queue = new EditQueue();
    const log: string[] = [];
    const slow = gatedSend(log, 'first');
    const first = queue.run('chat:1', slow.send);
    const second = queue.run('chat:1', async () => {
      log.push('second started');
    });
    await eventually(() => log.includes('first started'));
    expect(log).toEqual(['first started']);
    slow.finish();
    await Promise.all([first, second]);
    expect(log).toEqual(['first started', 'first done', 'second started']);
  });

  test('many edits of one message go out in the order they were asked for', async () => {
    const queue = new EditQueue();
    const shown: number[] = [];
    const edits = Array.from({ length: 20 }, (_, index) =>
      queue.run('chat:1', async () => {
        // Later edits are quicker: without the queue they would overtake the earlier ones.
        for (let turn = 0; turn < 20 - index; turn++) await Promise.resolve();
        shown.push(index);
      }),
    );
    await Promise.all(edits);
    expect(shown).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  test('a failed edit is reported to its caller and does not hold back the next one', async () => {
    const queue = new EditQueue();
    const log: string[] = [];
    const failing = gatedSend(log, 'first');
    const first = queue.run('chat:1', failing.send);
    const second = queue.run('chat:1', async () => {
      log.push('second started');
    });
    await eventually(() => log.includes('first started'));
    failing.fail(new Error('Bad Request: message to edit not found'));
    await expect(first).rejects.toThrow('message to edit not found');
    await second;
    expect(log).toEqual(['first started', 'second started']);
  });

  test('edits of different messages do not wait for each other', async () => {
    const queue = new EditQueue();
    const log: string[] = [];
    const stuck = gatedSend(log, 'one');
    const one = queue.run('chat:1', stuck.send);
    await queue.run('chat:2', async () => {
      log.push('two started');
    });
    expect(log).toEqual(['one started', 'two started']);
    stuck.finish();
    await one;
    // Once its queue is empty, a message's next edit starts at once.
    await queue.run('chat:1', async () => {
      log.push('one again');
    });
    expect(log.at(-1)).toBe('one again');
  });
});
