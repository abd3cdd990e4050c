import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { BUILD_TIMEOUT_MS, ensureBuild } from '../support/compiled-build.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

const root = join(import.meta.dirname, '../..');

// What `npm start` runs first: compiles only when a source changed since the last build.
beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

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
