import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { articleMarkdown, tempFolder, writeArticle } from '../content/fixtures.ts';
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

test('the built bot reads its messages from dist/: with DEFAULT_LOCALE=de the playground speaks German', async () => {
  const child = execFile(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      STORE_URL: 'memory://',
      CONTENT_DIR: FIXTURE_CONTENT,
      DEFAULT_LOCALE: 'de',
    },
    timeout: 30_000,
  });
  child.stdin?.end('/brief\n/language\n');
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  expect(stdout).toContain('Was ist neu:');
  expect(stdout).toContain('Hier spreche ich Deutsch mit dir.');
});

/** The process's peak resident memory so far, in MB (VmHWM), or undefined once it is gone. */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

test('with a folder that links back into itself beside the articles, the playground lists the briefs and exits 0 within 30 s, under 300 MB', async () => {
  const content = await tempFolder('newsquiz-loop-');
  try {
    await writeArticle(content.dir, 'a.md', articleMarkdown({ seed: 1 }));
    await writeArticle(content.dir, 'b.md', articleMarkdown({ seed: 2 }));
    await mkdir(join(content.dir, 'loop'));
    await symlink('.', join(content.dir, 'loop', 'self'));
    await symlink('../loop', join(content.dir, 'loop', 'up'));

    const startedAt = Date.now();
    const child = execFile(process.execPath, ['dist/src/main.js'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        STORE_URL: 'memory://',
        CONTENT_DIR: content.dir,
      },
      timeout: 30_000,
    });
    child.stdin?.end('/news\n');
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    let peakMb = 0;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, peakRssMb(child.pid ?? 0) ?? 0);
    }, 50);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(sampler);
    const seconds = (Date.now() - startedAt) / 1000;
    console.info(`loop folder: exit ${code} after ${seconds.toFixed(1)} s, peak RSS ${peakMb.toFixed(0)} MB`);

    expect(code).toBe(0);
    expect(stdout).toContain('Report 1 on the city network');
    expect(stdout).toContain('Report 2 on the city network');
    expect(stdout).toContain('links back to');
    expect(seconds).toBeLessThan(30);
    expect(peakMb).toBeGreaterThan(0);
    expect(peakMb).toBeLessThan(300);
  } finally {
    await content.remove();
  }
}, 40_000);
