// content:import as npm runs it, for the end-to-end tests: the build step, then the compiled command.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** What `npm run content:import` runs first: compiles only when a source changed since the last build. */
export async function buildOnce(): Promise<void> {
  await promisify(execFile)(process.execPath, ['src/cli/ensure-build.mjs'], { cwd: ROOT, timeout: 120_000 });
}

/** `npm run content:import -- …` after the build step, with `env` on top of this process's environment. */
export function contentImport(urls: string[], env: Record<string, string>, timeout = 60_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/src/cli/content-import.js', ...urls],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (error.code as number | null) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
        }),
    );
  });
}
