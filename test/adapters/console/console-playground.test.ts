import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../../support/compiled-build.ts';
import { FIXTURE_CONTENT } from '../../support/fixture-content.ts';

const root = join(import.meta.dirname, '../../..');

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

function runScript(script: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [compiled('src/main')],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          STORE_URL: 'memory://',
          CONTENT_DIR: FIXTURE_CONTENT,
          ...env,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
    child.stdin?.end(script);
  });
}

test('a piped script prints the brief, a question with numbered choices, feedback and the next question', async () => {
  const { code, stdout, stderr } = await runScript('/brief\n/quiz\n1\n8\n');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toContain('What changed:');
  expect(stdout).toMatch(/Question 1 of \d+/);
  expect(stdout).toMatch(/\[1\] .+\n\[2\] .+/);
  expect(stdout).toMatch(/[✅❌] (Correct|Not quite)/);
  expect(stdout).toMatch(/Question 2 of \d+/);
  expect(stdout).toMatch(/Question 3 of \d+/);
});

test('mistakes in the playground get a clear line, never a stack trace', async () => {
  const { code, stdout } = await runScript('/nope\n9\n/brief no-such-article-anywhere\n');
  expect(code).toBe(0);
  expect(stdout).toContain('There is no /nope command');
  expect(stdout).toContain('There is no choice 9 on screen');
  expect(stdout).toContain('No article matches');
  expect(stdout).not.toMatch(/\n\s+at /);
});

test('the playground stops quietly when its reader goes away (`npm start | head -1`)', async () => {
  const child = execFile(process.execPath, [compiled('src/main')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      STORE_URL: 'memory://',
      CONTENT_DIR: FIXTURE_CONTENT,
    },
    timeout: 30_000,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // Read the first chunk, then hang up, as `head -1` does; the script goes on asking for more.
  child.stdout?.once('data', () => child.stdout?.destroy());
  child.stdin?.end('/brief\n'.repeat(200));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  expect(code).toBe(0);
});
