// The discord.js side of `npm run start:shards`: discord.js's ShardingManager runs the compiled bot once per
// shard, each process with the environment it is given; a shard that dies later is started again.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from 'discord.js';
import type { Logger } from '../../logger.ts';
import { createDiscordRest } from './discord-rest.ts';

/** Between one shard's READY and the next shard's start: Discord takes one IDENTIFY per 5 s (discord.js's spacing). */
const SPAWN_DELAY_MS = 5_500;
/** How long a shard may take from its start to its READY: the bot loads its content and store first. */
const READY_TIMEOUT_MS = 120_000;
/** How long the shards may take to stop after SIGTERM (handing back their claims) before they are killed. */
const STOP_TIMEOUT_MS = 30_000;
/**
 * Pauses before a dead shard is started again, doubled from the first to the last: every start spends
 * one of the 1,000 IDENTIFYs Discord allows a bot a day, so a shard that keeps failing must not spin.
 */
const RESPAWN_FIRST_MS = 1_000;
const RESPAWN_MAX_MS = 60_000;
/** A shard that ran this long was healthy: the pauses before its next restart start again from the first. */
const HEALTHY_AFTER_MS = 5 * 60_000;

/** The shard count Discord recommends for the bot (GET /gateway/bot), through DISCORD_API_BASE when set. */
export async function recommendedShardCount(token: string, apiBase?: string): Promise<number> {
  const rest = createDiscordRest({ token, ...(apiBase ? { apiBase } : {}) });
  try {
    const answer = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return answer.shards;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Why the shards could not all be started. */
export class ShardStartError extends Error {
  override name = 'ShardStartError';
}

export interface ShardLauncherOptions {
  /** The compiled bot every shard runs (dist/src/main.js). */
  script: string;
  token: string;
  count: number;
  /** Shard `id`'s environment; the launcher adds discord.js's SHARDS and SHARD_COUNT and its IPC markers. */
  environment: (id: number) => Record<string, string>;
  log: Logger;
  /** Between one shard's READY and the next one's start (default 5.5 s). */
  spawnDelayMs?: number;
}

export class ShardLauncher {
  readonly #manager: ShardingManager;
  readonly #options: ShardLauncherOptions;
  readonly #log: Logger;
  /** Ends the pause between two starts, and any pending restart, when stop() is called. */
  readonly #stopping = new AbortController();
  readonly #restarts = new Set<NodeJS.Timeout>();
  /** How the last shard that died ended, to say why a start failed. */
  #lastExit = new Map<number, string>();

  constructor(options: ShardLauncherOptions) {
    this.#options = options;
    this.#log = options.log.child({ module: 'shards' });
    // Restarts are ours (with pauses); discord.js's would start a failing shard again at once, forever.
    this.#manager = new ShardingManager(options.script, {
      token: options.token,
      totalShards: options.count,
      mode: 'process',
      respawn: false,
    });
  }

  /** Starts the shards one after another, each once the previous one is READY; throws if one cannot start. */
  async start(): Promise<void> {
    const { count } = this.#options;
    for (let id = 0; id < count; id++) {
      if (this.#stopping.signal.aborted) return;
      const shard = this.#manager.createShard(id);
      shard.env = {
        ...this.#options.environment(id),
        // What discord.js's Client reads to talk to the manager over IPC, and which shard it is.
        SHARDING_MANAGER: 'true',
        SHARDING_MANAGER_MODE: 'process',
        SHARDS: String(id),
        SHARD_COUNT: String(count),
      };
      this.#watch(shard);
      try {
        await shard.spawn(READY_TIMEOUT_MS);
      } catch (error) {
        if (this.#stopping.signal.aborted) return;
        throw new ShardStartError(this.#why(id, error));
      }
      if (id < count - 1) {
        try {
          await sleep(this.#options.spawnDelayMs ?? SPAWN_DELAY_MS, undefined, {
            signal: this.#stopping.signal,
          });
        } catch {
          return;
        }
      }
    }
    this.#log.info({ shards: count }, 'every shard is connected');
  }

  #why(id: number, error: unknown): string {
    const code = (error as { code?: unknown }).code;
    if (code === 'ShardingReadyTimeout')
      return `shard ${id} did not connect to the gateway within ${READY_TIMEOUT_MS / 1000} s; its own lines above say how far it got`;
    if (code === 'ShardingReadyDisconnected')
      return `shard ${id} lost its gateway connection before it was ready; its own lines above say why`;
    if (code === 'ShardingReadyDied')
      return `shard ${id} ${this.#lastExit.get(id) ?? 'exited'} before it connected to the gateway; its own lines above say why`;
    return `shard ${id} could not be started: ${error instanceof Error ? error.message : String(error)}`;
  }

  #watch(shard: Shard): void {
    const log = this.#log.child({ shard: shard.id });
    let everReady = false;
    let startedAt = 0;
    let pauseMs = RESPAWN_FIRST_MS;
    shard.on('spawn', (child) => {
      startedAt = Date.now();
      log.info({ shardPid: (child as ChildProcess).pid }, 'shard started');
    });
    shard.on('ready', () => {
      everReady = true;
      log.info('shard connected to the gateway');
    });
    shard.on('reconnecting', () => log.info('shard reconnecting to the gateway'));
    shard.on('error', (error) => log.error({ err: error }, 'shard error'));
    shard.on('death', (child) => {
      const { exitCode, signalCode } = child as ChildProcess;
      const how = signalCode ? `was ended by ${signalCode}` : `exited with code ${String(exitCode)}`;
      this.#lastExit.set(shard.id, how);
      if (this.#stopping.signal.aborted) return;
      // Before its first READY, start() reports it and the launcher ends: a shard that cannot start once
      // (a store that cannot be reached, a token refused) will not start by trying again.
      if (!everReady) return;
      if (Date.now() - startedAt >= HEALTHY_AFTER_MS) pauseMs = RESPAWN_FIRST_MS;
      log.error({ restartInMs: pauseMs }, `shard ${how}; starting it again`);
      const timer = setTimeout(() => {
        this.#restarts.delete(timer);
        if (this.#stopping.signal.aborted) return;
        // A start that fails ends in another death, which schedules the next try.
        shard.spawn(READY_TIMEOUT_MS).catch((error: unknown) => {
          if (!this.#stopping.signal.aborted) log.warn({ err: error }, 'restarting the shard failed');
        });
      }, pauseMs);
      this.#restarts.add(timer);
      pauseMs = Math.min(pauseMs * 2, RESPAWN_MAX_MS);
    });
  }

  /** SIGTERM to every shard (each stops as `npm start` does), SIGKILL after 30 s; resolves once all exited. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    for (const timer of this.#restarts) clearTimeout(timer);
    this.#restarts.clear();
    const running = [...this.#manager.shards.values()]
      .map((shard) => shard.process)
      .filter(
        (child): child is ChildProcess => child !== null && child.exitCode === null && !child.signalCode,
      );
    await Promise.all(running.map(stopChild));
    this.#log.info('every shard has stopped');
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
