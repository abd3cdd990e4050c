// `npm run start:shards`: the Discord bot in one process per shard (discord.js's ShardingManager over the
// compiled bot, dist/src/main.js), configured from `.env` and the environment as `npm start` is. The
// shards run Discord only; Telegram runs in a process of its own (`DISCORD_TOKEN= npm start`).
import { join } from 'node:path';
import { recommendedShardCount, ShardLauncher, ShardStartError } from '../adapters/discord/shard-launcher.ts';
import { shardMetricsPort, shardPlanProblems } from '../app/shard-plan.ts';
import { ConfigError, loadConfig, secretValues, shardEnvironment } from '../config.ts';
import { createLogger, scrubSecrets } from '../logger.ts';

/** What every shard runs: the compiled bot beside this file's folder. */
const BOT = join(import.meta.dirname, '..', 'main.js');

try {
  const config = loadConfig();
  const token = config.DISCORD_TOKEN;
  if (!token) {
    throw new ConfigError([
      'DISCORD_TOKEN: required by npm run start:shards, which runs the Discord bot in shards; set the bot token (for Telegram alone, use npm start)',
    ]);
  }
  const log = createLogger(config.LOG_LEVEL ?? 'info', secretValues());
  // What is wrong whatever the count (HTTP interactions mode, say) is said before Discord is asked.
  const anyCount = shardPlanProblems(config, 1);
  if (anyCount.length > 0) throw new ConfigError(anyCount);
  let count: number;
  if (config.DISCORD_SHARDS === 'auto') {
    try {
      count = await recommendedShardCount(token, config.DISCORD_API_BASE);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(
        `could not ask Discord how many shards to start (GET /gateway/bot: ${why}); check DISCORD_TOKEN and the connection to Discord (DISCORD_API_BASE when set), or set DISCORD_SHARDS to a number`,
      );
    }
    log.info({ shards: count }, 'Discord recommends this many shards (DISCORD_SHARDS=auto)');
  } else {
    count = config.DISCORD_SHARDS;
  }
  const problems = shardPlanProblems(config, count);
  if (problems.length > 0) throw new ConfigError(problems);
  if (config.TELEGRAM_TOKEN) {
    log.info(
      'TELEGRAM_TOKEN is set, and the shards leave Telegram out: run it in one process of its own, e.g. DISCORD_TOKEN= npm start',
    );
  }

  const launcher = new ShardLauncher({
    script: BOT,
    token,
    count,
    environment: (id) => shardEnvironment(shardMetricsPort(config, id)),
    log,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await launcher.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  try {
    await launcher.start();
  } catch (error) {
    await launcher.stop();
    const why = error instanceof ShardStartError ? error.message : describe(error);
    console.error(`newsquiz shards could not start: ${why}. The shards that had started were stopped.`);
    process.exit(1);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
    process.exit(2);
  }
  console.error(`newsquiz shards could not start: ${describe(error)}`);
  process.exit(1);
}

function describe(error: unknown): string {
  return scrubSecrets(error instanceof Error ? error.message : String(error), secretValues());
}
