// A test that cannot run on this machine (no Redis, no browser, no way to make a file read-only) is
// skipped with its reason in its title, and the reason is printed on one line when its file is
// collected: a skip is never silent, and never a test that returns early and passes without asserting.
import { relative } from 'node:path';
import { expect } from 'vitest';
import { redisSkipReason, redisUrl } from './test-core.ts';

const printed = new Set<string>();

export interface CannotRun {
  skip: boolean;
  /** The title with the reason appended when the test is skipped. */
  title(name: string): string;
}

/** `reason` undefined: the test can run. Use as `test.skipIf(need.skip)(need.title('…'), …)`. */
export function cannotRun(reason: string | undefined): CannotRun {
  if (reason !== undefined && !printed.has(reason)) {
    printed.add(reason);
    const file = expect.getState().testPath;
    process.stderr.write(`skipped${file ? ` in ${relative(process.cwd(), file)}` : ''}: ${reason}\n`);
  }
  return {
    skip: reason !== undefined,
    title: (name) => (reason === undefined ? name : `${name} (skipped: ${reason})`),
  };
}

/** Call once in a file with Redis-mode tests: says why they are skipped when they are. */
export const needsRedis = () => cannotRun(redisUrl ? undefined : redisSkipReason);
