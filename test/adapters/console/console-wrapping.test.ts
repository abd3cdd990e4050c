// Every line the playground prints fits the terminal and breaks where a reader expects: closing
// punctuation never starts a line, an opening bracket never ends one, a list entry keeps its indent.
import { PassThrough, Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { ConsoleSession } from '../../../src/adapters/console/console-session.ts';
import { displayWidth } from '../../../src/adapters/console/wrap-text.ts';
import { silentLogger } from '../../../src/logger.ts';
import { startPlayground } from './playground-harness.ts';

const CLOSING_START = /^\s*[，。、：；！？）」』】〉》)\]},.:;!?]/u;
const OPENING_END = /[（「『【〈《([{]$/u;

function expectWellBroken(printed: string, width: number): void {
  for (const line of printed.split('\n')) {
    expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    // A notice's mark (`! `, `» `) is not text.
    const text = line.replace(/^[!»] /, '');
    expect(text, 'starts with closing punctuation').not.toMatch(CLOSING_START);
    expect(text, 'ends with an opening bracket').not.toMatch(OPENING_END);
  }
}

for (const width of [30, 45, 80]) {
  test(`/help and /language in Chinese and German fit ${width} columns and break by the rules`, async () => {
    const p = await startPlayground({}, {}, width);
    try {
      for (const locale of ['zh-CN', 'de']) {
        await p.enter(`/language ${locale}`);
        const help = await p.enter('/help');
        expectWellBroken(help, width);
        // Each entry's continuation lines keep its two-space indent.
        const entries = help.split('\n').filter((line) => line.startsWith('• ') || line.startsWith('  '));
        expect(entries.some((line) => line.startsWith('  '))).toBe(true);
        expect(help).toMatch(/• \/unsubscribe/);
        expectWellBroken(await p.enter('/language'), width);
        expectWellBroken(await p.enter('/timezone Berlim'), width);
      }
    } finally {
      await p.close();
    }
  });
}

test('the banner and error lines are wrapped to the terminal, no word cut', async () => {
  const input = new PassThrough();
  let printed = '';
  const output = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        printed += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns: 45 },
  );
  const p = await startPlayground({}, {}, 45);
  const session = new ConsoleSession({
    router: p.app.parts.router,
    respond: async () => undefined,
    wording: {
      privatePlace: 'wording-console-private-place',
      reachPrivately: 'wording-console-reach-privately',
      linkElsewhere: 'wording-console-link-elsewhere',
    },
    input,
    output,
    log: silentLogger(),
    interactive: true,
    userName: 'ada',
  });
  const running = session.run();
  input.write('99\n');
  input.end();
  await running;
  await p.close();
  const lines = printed.replaceAll('> ', '').split('\n');
  expect(lines[0]).toBe('newsquiz playground: type /help, /brief,');
  expectWellBroken(lines.join('\n'), 45);
  const text = lines.join(' ').replace(/\s+/g, ' ');
  expect(text).toContain('type /help, /brief, /read or /quiz; pick actions by number');
  expect(text).toContain('! There is no choice 99');
});
