// `npm run dev`: the sources under tsx, restarted on save; the playground must still get what is typed
// (a watcher that reads stdin itself, as `tsx watch` does, takes every line away from the bot).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

const root = join(import.meta.dirname, '../..');

test('npm run dev hands what is typed to the playground', async () => {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  const [command, ...args] = (scripts.dev ?? '').split(' ');
  const child = spawn(command === 'node' ? process.execPath : (command ?? ''), args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      STORE_URL: 'memory://',
      CONTENT_DIR: FIXTURE_CONTENT,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    // The watcher keeps the playground running; what is typed waits in the pipe until it reads.
    child.stdin.write('/topics\n');
    await eventually(() => output.includes('Topics ('), 30_000);
    expect(output).not.toContain('Return key');
  } finally {
    child.kill('SIGTERM');
  }
}, 70_000);
