// The compiled app in dist/, as `npm start` and the operator scripts run it. Tests that start it as a
// child process build it first with the same step (a no-op when `npm test` has just built it; one
// compile at a time across test workers), and run what production runs, without a TypeScript loader.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..');

/** A compiled entry point: compiled('src/main') is dist/src/main.js. */
export const compiled = (entry: string) => join(ROOT, 'dist', `${entry}.js`);

/** What `npm start` does first: compile src/ to dist/ when a source changed since the last build. */
export async function ensureBuild(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(ROOT, 'src', 'cli', 'ensure-build.mjs')], {
    cwd: ROOT,
    timeout: 180_000,
  });
}

/** For beforeAll: a compile on a busy machine takes a while. */
export const BUILD_TIMEOUT_MS = 200_000;
