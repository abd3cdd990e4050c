import { describe, expect, test } from 'vitest';
import { shardMetricsPort, shardPlanProblems } from '../../src/app/shard-plan.ts';
import { parseConfig } from '../../src/config.ts';

const config = (env: NodeJS.ProcessEnv) => parseConfig(env);

describe('what npm run start:shards checks before it starts any shard', () => {
  test('shards share state through Redis: SQLite and memory:// take one shard only', () => {
    const sqlite = config({ STORE_URL: 'sqlite://./data/newsquiz.sqlite' });
    expect(shardPlanProblems(sqlite, 1)).toEqual([]);
    expect(shardPlanProblems(sqlite, 3)).toEqual([
      'STORE_URL: 3 shards are 3 processes, and a SQLite file serves one; give them a store they share, e.g. STORE_URL=redis://127.0.0.1:6379 (or DISCORD_SHARDS=1)',
    ]);
    const memory = config({ STORE_URL: 'memory://' });
    expect(shardPlanProblems(memory, 1)).toEqual([]);
    expect(shardPlanProblems(memory, 2)).toEqual([
      'STORE_URL: memory:// keeps state inside each process, so 2 shards would not share it; use Redis, e.g. STORE_URL=redis://127.0.0.1:6379',
    ]);
    expect(shardPlanProblems(config({ STORE_URL: 'redis://127.0.0.1:6379' }), 16)).toEqual([]);
    expect(shardPlanProblems(config({ STORE_URL: 'rediss://cache.example.org:6380' }), 16)).toEqual([]);
  });

  test('with interactions over HTTP there is nothing to shard: the launcher says to run instances instead', () => {
    const http = config({
      STORE_URL: 'redis://r:6379',
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhJk2a.xxxx',
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      DISCORD_INTERACTIONS_PORT: '8080',
    });
    expect(shardPlanProblems(http, 2)).toEqual([
      'DISCORD_PUBLIC_KEY: set, so interactions arrive over HTTP and no shard connects to the gateway; run instances with npm start behind a load balancer instead (see Interactions over HTTP in the README), or unset it to shard',
    ]);
  });

  test('shard N serves its metrics on DISCORD_SHARD_METRICS_PORT + N, or none when that is unset', () => {
    const on = config({ DISCORD_SHARD_METRICS_PORT: '9470' });
    expect([0, 1, 2].map((id) => shardMetricsPort(on, id))).toEqual([9470, 9471, 9472]);
    // METRICS_PORT alone is the npm start process's port: the shards do not take it.
    const off = config({ STORE_URL: 'redis://r:6379', METRICS_PORT: '9464' });
    expect(shardMetricsPort(off, 0)).toBeUndefined();
    expect(shardPlanProblems(off, 4)).toEqual([]);
  });

  test('metrics ports past 65535, or over METRICS_PORT, are refused saying what to choose', () => {
    const high = config({ STORE_URL: 'redis://r:6379', DISCORD_SHARD_METRICS_PORT: '65534' });
    expect(shardPlanProblems(high, 2)).toEqual([]);
    expect(shardPlanProblems(high, 1)).toEqual([]);
    expect(shardPlanProblems(high, 3)).toEqual([
      'DISCORD_SHARD_METRICS_PORT: shard 2 would serve its metrics on port 65536, above 65535; choose a lower first port, e.g. 9470',
    ]);
    const overlap = config({
      STORE_URL: 'redis://r:6379',
      METRICS_PORT: '9471',
      DISCORD_SHARD_METRICS_PORT: '9470',
    });
    expect(shardPlanProblems(overlap, 1)).toEqual([]);
    expect(shardPlanProblems(overlap, 2)).toEqual([
      'DISCORD_SHARD_METRICS_PORT: the shards would serve their metrics on ports 9470–9471, and METRICS_PORT (9471, the port of the process npm start runs, e.g. for Telegram) is one of them; choose ports apart, e.g. DISCORD_SHARD_METRICS_PORT=9472',
    ]);
  });
});
