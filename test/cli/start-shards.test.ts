// npm run start:shards as production runs it: the compiled launcher (its own process, configured by a
// .env file in its working folder) starts the compiled bot once per shard against the Discord emulator.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type DiscordEmulator, shardOf, startDiscordEmulator } from '@newsquiz/emulators/discord';
import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { discordDeliveries, outboxState, seedDailyBriefs, withStore } from '../schedule/fanout-harness.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../support/compiled-build.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { dropNamespace, redisUrl, tempDir, uniqueNamespace } from '../support/test-core.ts';

/** Generous: two bots start one after another (5.5 s apart, as Discord's identify limit asks) on a busy machine. */
const DEADLINE_MS = 150_000;
/** The scheduled post is due up to 80 s after the test starts. */
const TEST_TIMEOUT_MS = 80_000 + 2 * DEADLINE_MS;

const onRedis = needsRedis();

/** A guild id Discord routes to `shard` of `count` ((id >> 22) % count), and a channel id inside it. */
const guildIn = (shard: number, count: number, n: number) =>
  String(((BigInt(count) * (100_000_000_000n + BigInt(n)) + BigInt(shard)) << 22n) + BigInt(n));
const channelOf = (guildId: string) => String(BigInt(guildId) + 1000n);

const listen = (port: number) =>
  new Promise<Server | undefined>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

/** `count` consecutive ports nothing listens on now. */
async function freePorts(count: number): Promise<number> {
  for (;;) {
    const first = await listen(0);
    const address = first?.address();
    if (!first || !address || typeof address === 'string') throw new Error('no port');
    const rest: Server[] = [];
    for (let offset = 1; offset < count; offset++) {
      const next = await listen(address.port + offset);
      if (next) rest.push(next);
    }
    for (const server of [first, ...rest]) await close(server);
    if (rest.length === count - 1) return address.port;
  }
}

interface Launcher {
  child: ChildProcess;
  /** Everything it and its shards wrote, for the failure message. */
  output: string[];
  exited: Promise<number | null>;
}

/** The compiled launcher, as `npm run start:shards` runs it, in `cwd` (whose .env it reads). */
function startLauncher(cwd: string, env: Record<string, string> = {}): Launcher {
  const child = spawn(process.execPath, [compiled('src/cli/start-shards')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on('line', (line) => output.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** Waits for a condition (looking every 200 ms), saying what the launcher and its shards wrote when it is not met. */
async function until<T>(
  launcher: Launcher,
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not met in time. The launcher and its shards wrote:\n${launcher.output.join('\n')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The processes the launcher started, in order, as its log names them. */
const shardPids = (launcher: Launcher) =>
  launcher.output
    .filter((line) => line.includes('"msg":"shard started"'))
    .map((line) => (JSON.parse(line) as { shardPid: number }).shardPid);

/** The environment a process was started with (Linux's /proc). */
async function environmentOf(pid: number): Promise<Record<string, string>> {
  const text = await readFile(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(
    text
      .split('\0')
      .filter((entry) => entry !== '')
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

const envFile = (values: Record<string, string>) =>
  `${Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n')}\n`;

describe('npm run start:shards', () => {
  let discord: DiscordEmulator | undefined;
  let telegram: TelegramEmulator | undefined;
  let launcher: Launcher | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  /**
   * The launcher in a folder of its own, whose .env points it at the emulator and the fixture articles,
   * with `settings` (given the folder) on top; `env` is its process environment beside PATH and HOME.
   */
  async function launch(
    running: DiscordEmulator,
    settings: (dir: string) => Record<string, string>,
    env: Record<string, string> = {},
  ): Promise<Launcher> {
    const dir = await tempDir('newsquiz-shards-');
    cleanups.push(dir.remove);
    await writeFile(
      join(dir.path, '.env'),
      envFile({
        DISCORD_TOKEN: running.token,
        DISCORD_API_BASE: running.apiBase,
        CONTENT_DIR: FIXTURE_CONTENT,
        LOG_LEVEL: 'info',
        ...settings(dir.path),
      }),
    );
    const started = startLauncher(dir.path, env);
    launcher = started;
    return started;
  }

  beforeAll(ensureBuild, BUILD_TIMEOUT_MS);
  afterEach(async () => {
    if (launcher && launcher.child.exitCode === null && launcher.child.signalCode === null) {
      launcher.child.kill('SIGTERM');
      const killer = setTimeout(() => launcher?.child.kill('SIGKILL'), 40_000);
      await launcher.exited;
      clearTimeout(killer);
    }
    launcher = undefined;
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await discord?.close();
    await telegram?.close();
    discord = undefined;
    telegram = undefined;
  }, 60_000);

  test.skipIf(onRedis.skip)(
    onRedis.title(
      'two shards on Redis (DISCORD_SHARDS=auto, Discord recommends 2): each connects with the guilds of its shard, answers their commands and serves its own metrics port; a scheduled post goes out once; Telegram is left out',
    ),
    async () => {
      const url = redisUrl ?? '';
      const namespace = uniqueNamespace();
      const guilds = [guildIn(0, 2, 1), guildIn(1, 2, 2)];
      expect(guilds.map((id) => shardOf(id, 2))).toEqual([0, 1]);
      const running = await startDiscordEmulator({
        recommendedShards: 2,
        // The test is about which shard answers, not how fast: a busy machine gets time.
        interactionTimeoutMs: 15_000,
        guilds: guilds.map((id, index) => ({ id, channels: [{ id: channelOf(id), name: `news-${index}` }] })),
      });
      discord = running;
      const telegramBot = await startTelegramEmulator();
      telegram = telegramBot;
      cleanups.push(() => withStore(url, namespace, (store) => dropNamespace(store, namespace)));

      // A daily brief in the shard-1 guild's channel, due at the first full minute at least 20 s from now:
      // both shards arm it when they start, and both fire it at that moment (a shard that starts later than
      // that catches it up at its start instead). Its run is claimed and sent once all the same.
      const due = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
      const posted = channelOf(guilds[1] ?? '');
      const seeded = await seedDailyBriefs(url, 'discord', [posted], { namespace, now: due + 2 * 60_000 });
      expect(seeded.runAt).toBe(due);
      const deliveries = discordDeliveries(running, [posted]);

      const metricsPort = await freePorts(3);
      const started = await launch(
        running,
        () => ({
          DISCORD_SHARDS: 'auto',
          DISCORD_SHARD_METRICS_PORT: String(metricsPort + 1),
          // The port `npm start` would serve for the Telegram process: the shards must not take it.
          METRICS_PORT: String(metricsPort),
          TELEGRAM_TOKEN: telegramBot.token,
          TELEGRAM_API_ROOT: telegramBot.apiRoot,
          STORE_URL: url,
          STORE_NAMESPACE: namespace,
          SCHEDULE_LEASE: '3s',
        }),
        { UNRELATED_SECRET: 'not-for-shards' },
      );

      const sessions = await until(started, 'both shards connected', () => {
        const connected = running.sessions.filter((session) => session.connected);
        return connected.length === 2 && connected;
      });
      expect(
        sessions.map(({ shard, guildIds }) => ({ shard, guildIds })).sort((a, b) => a.shard[0] - b.shard[0]),
      ).toEqual([
        { shard: [0, 2], guildIds: [guilds[0]] },
        { shard: [1, 2], guildIds: [guilds[1]] },
      ]);

      // Each shard serves /healthz on its own port, DISCORD_SHARD_METRICS_PORT + its id.
      for (const id of [0, 1]) {
        const health = await until(started, `shard ${id}'s /healthz`, async () => {
          const response = await fetch(`http://127.0.0.1:${metricsPort + 1 + id}/healthz`).catch(
            () => undefined,
          );
          return (
            response?.status === 200 && ((await response.json()) as { adapters: Record<string, string> })
          );
        });
        expect(health.adapters).toEqual({ discord: 'connected' });
      }
      expect(await listen(metricsPort).then((server) => server && close(server).then(() => true))).toBe(true);

      // A command in each shard's guild reaches that shard only, and is answered.
      for (const guildId of guilds) {
        const handle = running.runCommand({ channelId: channelOf(guildId), name: 'help' });
        const callback = await handle.callback();
        expect(callback.data?.embeds?.[0]?.description ?? callback.data?.content ?? '').toContain('/quiz');
      }

      // The scheduled post is sent once, whichever shard claimed the run and held the sender's lease.
      await until(started, 'the scheduled post recorded as sent', async () => {
        const state = await outboxState(url, [posted], seeded, namespace);
        return state.sent === 1 && state.pending === 0;
      });
      expect(deliveries.counts().get(posted)).toBe(1);

      // Each shard was given the Discord token, the store and its own metrics port; Telegram's token and
      // the rest of the launcher's environment stayed out (blank, so the shard's own .env reading could
      // not bring the token back).
      const pids = shardPids(started);
      expect(pids).toHaveLength(2);
      for (const [id, pid] of pids.entries()) {
        const env = await environmentOf(pid);
        expect(env).toMatchObject({
          DISCORD_TOKEN: running.token,
          STORE_URL: url,
          STORE_NAMESPACE: namespace,
          METRICS_PORT: String(metricsPort + 1 + id),
          SHARDS: String(id),
          SHARD_COUNT: '2',
          TELEGRAM_TOKEN: '',
          TELEGRAM_API_ROOT: '',
        });
        expect(env).not.toHaveProperty('UNRELATED_SECRET');
      }
      // Neither shard ran Telegram: nothing called the Bot API.
      expect(telegramBot.calls).toEqual([]);

      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      // Both shards closed their gateway sessions on the way out.
      expect(running.sessions).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  test('with SQLite, more shards than one are refused before any starts, saying to use Redis (DISCORD_SHARDS=auto asks the emulator)', async () => {
    const running = await startDiscordEmulator({ recommendedShards: 2 });
    discord = running;
    const started = await launch(running, (dir) => ({ STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}` }));
    expect(await started.exited).toBe(2);
    const said = started.output.join('\n');
    expect(said).toContain(
      'STORE_URL: 2 shards are 2 processes, and a SQLite file serves one; give them a store they share, e.g. STORE_URL=redis://127.0.0.1:6379 (or DISCORD_SHARDS=1)',
    );
    expect(said).not.toMatch(/^ {4}at /m);
    expect(running.calls.map((call) => call.path)).toEqual(['/gateway/bot']);
    expect(running.sessions).toEqual([]);
  }, 60_000);

  test('with DISCORD_PUBLIC_KEY set (interactions over HTTP), it refuses before asking Discord anything, even with DISCORD_SHARDS=auto', async () => {
    const running = await startDiscordEmulator({ recommendedShards: 2 });
    discord = running;
    const started = await launch(running, (dir) => ({
      STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      DISCORD_INTERACTIONS_PORT: '18082',
    }));
    expect(await started.exited).toBe(2);
    const said = started.output.join('\n');
    expect(said).toContain('DISCORD_PUBLIC_KEY: set, so interactions arrive over HTTP');
    expect(said).not.toMatch(/^ {4}at /m);
    expect(running.calls).toEqual([]);
  }, 60_000);

  test(
    'a shard that cannot start ends the launch with exit code 1, naming the shard',
    async () => {
      const running = await startDiscordEmulator();
      discord = running;
      // A store the shard cannot open: its folder would have to be inside a file.
      const started = await launch(running, (dir) => {
        writeFileSync(join(dir, 'not-a-folder'), '');
        return { DISCORD_SHARDS: '1', STORE_URL: `sqlite://${join(dir, 'not-a-folder', 'bot.sqlite')}` };
      });
      const killer = setTimeout(() => started.child.kill('SIGKILL'), DEADLINE_MS);
      const code = await started.exited;
      clearTimeout(killer);
      expect(code).toBe(1);
      const said = started.output.join('\n');
      expect(said).toContain('newsquiz could not start: ');
      expect(said).toContain(
        'newsquiz shards could not start: shard 0 exited with code 1 before it connected to the gateway; its own lines above say why. The shards that had started were stopped.',
      );
      expect(running.sessions).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'one shard may run on SQLite; a shard that dies is started again; a launcher killed without a chance to stop its shards leaves none running',
    async () => {
      const running = await startDiscordEmulator();
      discord = running;
      const started = await launch(running, (dir) => ({
        DISCORD_SHARDS: '1',
        STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
      }));
      const connected = () => running.sessions.filter((session) => session.connected);
      await until(started, 'the shard connected', () => connected().length === 1);
      expect(connected().map((session) => session.shard)).toEqual([[0, 1]]);
      const [first] = shardPids(started);
      if (first === undefined) throw new Error('the launcher did not name the shard it started');

      // A shard that dies (here: killed) is started again, and connects again.
      process.kill(first, 'SIGKILL');
      const second = await until(started, 'the shard started again', () => shardPids(started)[1]);
      expect(second).not.toBe(first);
      await until(started, 'the new shard connected', () => connected().length === 1 && !isRunning(first));
      expect(started.output.join('\n')).toContain('shard was ended by SIGKILL; starting it again');

      started.child.kill('SIGKILL');
      await started.exited;
      // The shard sees its launcher's channel close, stops as on SIGTERM, and its gateway session ends.
      await until(started, 'the shard stopped', () => connected().length === 0);
      await until(started, "the shard's process exited", () => !isRunning(second));
    },
    TEST_TIMEOUT_MS,
  );
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
