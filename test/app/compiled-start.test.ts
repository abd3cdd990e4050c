import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

beforeAll(async () => {
  // What `npm start` runs first: compiles only when a source changed since the last build.
  await run(process.execPath, ['src/cli/ensure-build.mjs'], { cwd: root, timeout: 120_000 });
}, 150_000);

test('npm start runs compiled JavaScript: the playground answers from dist/ with no TypeScript loader', async () => {
  const child = execFile(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      STORE_URL: 'memory://',
      CONTENT_DIR: FIXTURE_CONTENT,
    },
    timeout: 30_000,
  });
  child.stdin?.end('/brief\n');
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  expect(stdout).toContain('What changed:');
});
