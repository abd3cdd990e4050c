import { PassThrough, Writable } from 'node:stream';
import { type App, type AppOptions, createApp } from '../../../src/app/create-app.ts';
import { parseConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
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
  options: Pick<AppOptions, 'clock' | 'timers'> = {},
): Promise<Playground> {
  const input = new PassThrough();
  let printed = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
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
