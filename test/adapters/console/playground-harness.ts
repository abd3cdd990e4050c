// The playground in-process, as `npm start` runs it with no token: lines go in through a pipe and
// everything it prints is collected, so a test can read the screen before it types the next line.
import { PassThrough, Writable } from 'node:stream';
import { vi } from 'vitest';
import { type App, type AppOptions, createApp } from '../../../src/app/create-app.ts';
import { parseConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { eventually } from '../../support/eventually.ts';
import { FIXTURE_CONTENT } from '../../support/fixture-content.ts';

export interface Playground {
  app: App;
  /** Types a line. */
  type(line: string): void;
  /**
   * Types a line and resolves, with what it printed, once the playground has handled it (a press
   * included). Use it instead of `type()`, not between typed lines still being read.
   */
  enter(line: string): Promise<string>;
  /** Everything printed so far. */
  screen(): string;
  /** What was printed after the mark `from` (a length of `screen()`). */
  since(from: number): string;
  /** Ends the input and waits for the playground to finish and the app to stop. */
  close(): Promise<void>;
}

export async function startPlayground(
  env: Record<string, string> = {},
  options: Pick<AppOptions, 'clock' | 'timers' | 'random'> = {},
  /** Prints to a terminal this many columns wide (without it: a pipe, 80 columns). */
  columns?: number,
): Promise<Playground> {
  const input = new PassThrough();
  let printed = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  if (columns !== undefined) Object.assign(output, { isTTY: true, columns });
  const app = await createApp(parseConfig({ STORE_URL: 'memory://', CONTENT_DIR: FIXTURE_CONTENT, ...env }), {
    ...options,
    input,
    output,
    log: silentLogger(),
  });
  const running = app.start();
  return {
    app,
    type: (line) => input.write(`${line}\n`),
    async enter(line) {
      const session = app.consoleSession;
      if (!session) throw new Error('the app did not open a playground');
      const mark = printed.length;
      await session.handleLine(line);
      return printed.slice(mark);
    },
    screen: () => printed,
    since: (from) => printed.slice(from),
    async close() {
      input.end();
      await running;
      await app.stop();
    },
  };
}

/** Types a line and waits (real time, generously) until what follows it matches `until`; returns it. */
export async function step(p: Playground, line: string, until: RegExp, timeoutMs = 20_000): Promise<string> {
  const mark = p.screen().length;
  p.type(line);
  return eventually(() => {
    const printed = p.since(mark);
    return until.test(printed) && printed;
  }, timeoutMs);
}

/**
 * Under vitest's fake timers: moves them on in small steps until the screen matches. The playground
 * also waits on real things (its input stream, I/O callbacks), so each step yields to the real event
 * loop too, and the deadline is in real time: a busy machine gets as long as it needs.
 */
export async function untilScreen(
  p: Playground,
  pattern: RegExp,
  stepMs = 50,
  realMs = 20_000,
): Promise<string> {
  const deadline = performance.now() + realMs;
  while (performance.now() < deadline) {
    if (pattern.test(p.screen())) return p.screen();
    await vi.advanceTimersByTimeAsync(stepMs);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`screen never matched ${pattern}:\n${p.screen()}`);
}
