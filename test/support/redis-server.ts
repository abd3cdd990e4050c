// A real redis-server of a test's own, on a free port, that the test can kill and start again.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cannotRun } from './cannot-run.ts';
import { eventually } from './eventually.ts';

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
/** Call once in a file whose tests start a Redis of their own: says why they are skipped when they are. */
export const needsRedisServer = () =>
  cannotRun(
    hasRedisServer
      ? undefined
      : 'redis-server is not installed, and these tests start and kill a Redis of their own (apt-get install redis-server)',
  );

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const ping = (port: number) =>
  spawnSync('redis-cli', ['-p', String(port), 'ping'])
    .stdout?.toString()
    .trim();

export interface OwnRedis {
  url: string;
  port: number;
  /** SIGKILL: no goodbye to clients, as a crash or a network cut looks to them. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the data it had written (append-only file, fsync always). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'newsquiz-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'],
      { stdio: 'ignore' },
    );
    // Every write reaches the disk before Redis answers it: a kill loses nothing acknowledged.
    await eventually(() => ping(port) === 'PONG' || undefined, 10_000);
    spawnSync('redis-cli', ['-p', String(port), 'config', 'set', 'appendfsync', 'always']);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
