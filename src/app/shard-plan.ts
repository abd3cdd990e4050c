// What `npm run start:shards` checks once it knows how many shards to start, before it starts any:
// shards share their state only through Redis, and each one's metrics port must be free and valid.
import type { Config } from '../config.ts';

type ShardSettings = Pick<
  Config,
  'STORE_URL' | 'METRICS_PORT' | 'DISCORD_SHARD_METRICS_PORT' | 'DISCORD_PUBLIC_KEY'
>;

/** Shard `id`'s /healthz and /metrics port: DISCORD_SHARD_METRICS_PORT + id, or none when that is unset. */
export function shardMetricsPort(config: ShardSettings, id: number): number | undefined {
  const first = config.DISCORD_SHARD_METRICS_PORT;
  return first === undefined ? undefined : first + id;
}

/** Every reason `count` shards cannot run with this configuration, each saying what to set. */
export function shardPlanProblems(config: ShardSettings, count: number): string[] {
  const problems: string[] = [];
  if (config.DISCORD_PUBLIC_KEY !== undefined) {
    problems.push(
      'DISCORD_PUBLIC_KEY: set, so interactions arrive over HTTP and no shard connects to the gateway; run instances with npm start behind a load balancer instead (see Interactions over HTTP in the README), or unset it to shard',
    );
  }
  const scheme = new URL(config.STORE_URL).protocol;
  if (count > 1 && scheme === 'sqlite:') {
    problems.push(
      `STORE_URL: ${count} shards are ${count} processes, and a SQLite file serves one; give them a store they share, e.g. STORE_URL=redis://127.0.0.1:6379 (or DISCORD_SHARDS=1)`,
    );
  }
  if (count > 1 && scheme === 'memory:') {
    problems.push(
      `STORE_URL: memory:// keeps state inside each process, so ${count} shards would not share it; use Redis, e.g. STORE_URL=redis://127.0.0.1:6379`,
    );
  }
  const first = config.DISCORD_SHARD_METRICS_PORT;
  if (first !== undefined) {
    const last = first + count - 1;
    if (last > 65535) {
      problems.push(
        `DISCORD_SHARD_METRICS_PORT: shard ${count - 1} would serve its metrics on port ${last}, above 65535; choose a lower first port, e.g. 9470`,
      );
    } else if (
      config.METRICS_PORT !== undefined &&
      config.METRICS_PORT >= first &&
      config.METRICS_PORT <= last
    ) {
      problems.push(
        `DISCORD_SHARD_METRICS_PORT: the shards would serve their metrics on ports ${first}–${last}, and METRICS_PORT (${config.METRICS_PORT}, the port of the process npm start runs, e.g. for Telegram) is one of them; choose ports apart, e.g. DISCORD_SHARD_METRICS_PORT=${config.METRICS_PORT + 1}`,
      );
    }
  }
  return problems;
}
