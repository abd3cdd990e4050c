// npm run bench:discord — 500 members press answers within one second in one group round, against the
// bot run as production runs it (`node dist/src/main.js`, a real store: SQLite, or Redis with REDIS_URL;
// BENCH_STORE=both runs SQLite, then Redis) and, interleaved on the same emulated Discord, a do-nothing bot:
// over the gateway, a discord.js bot (baseline-discord.mjs); in HTTP interactions mode, a minimal
// signed-HTTP responder (baseline-discord-http.mjs). Measures dispatch → interaction callback and the bot's
// CPU time; reports newsquiz ÷ baseline per store and mode (BENCH_DISCORD_MODES=gateway,http by default).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type EmulatedMessage,
  generateInteractionKeys,
  type InteractionCallback,
  type InteractionRecord,
  postSigned,
  startDiscordEmulator,
} from '@newsquiz/emulators/discord';
import { freePort } from '../support/free-port.ts';
import { type BenchStore, openBenchStore, storeKindsFromEnv } from './bench-store.ts';
import {
  type BotProcess,
  baselineProcess,
  botEnvironment,
  buildNewsquiz,
  newsquizProcess,
  PROFILE_DIR,
  ROOT,
} from './bot-process.ts';
import {
  type BotKind,
  type PairsSummary,
  type RunFigures,
  reportPairs,
  runPairs,
  WARMUP_PAIRS,
} from './paired-runs.ts';
import { spreadOver } from './press-burst.ts';
import { settle, shownCount, waitUntil } from './settle-rule.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500);
const WARMUP_MEMBERS = 100;
const WINDOW_MS = 1_000;
const PAIRS = 3;
/** Discord's window for the first response to an interaction. */
const LATE_MS = 3_000;
/** Start-up (content, store, gateway) until the first command is answered. */
const READY_TIMEOUT_MS = 60_000;
const QUIET_MS = 1_000;
const ANSWERED = /^(✅|❌)/;
/** Callback type 7: the baseline answers a press by updating the pressed message. */
const UPDATE_MESSAGE = 7;

const host = { id: '500000000000000000', username: 'host', globalName: 'Host' };
type Mode = 'gateway' | 'http';
const MODES = (process.env.BENCH_DISCORD_MODES ?? 'gateway,http')
  .split(',')
  .map((mode) => mode.trim())
  .filter((mode): mode is Mode => mode === 'gateway' || mode === 'http');
if (MODES.length === 0)
  throw new Error('BENCH_DISCORD_MODES: expected gateway, http or both, e.g. gateway,http');
const kinds = storeKindsFromEnv();
/** Runs of one mode on one store; each has its own channels, numbered after the previous ones'. */
const RUNS_PER_MODE = (WARMUP_PAIRS + PAIRS) * 2;
const RUNS = RUNS_PER_MODE * MODES.length;
/** Each run has its own two channels. */
const channelOf = (run: number, use: 'warm-up' | 'measured') =>
  String(800_000_000_000_000_000n + BigInt(run * 2 + (use === 'measured' ? 1 : 0)));

buildNewsquiz();
const emulator = await startDiscordEmulator({
  strictCommands: true,
  recordCalls: false,
  guilds: [
    {
      channels: Array.from({ length: RUNS * kinds.length }, (_, run) => [
        { id: channelOf(run, 'warm-up'), name: `warm-up-${run}` },
        { id: channelOf(run, 'measured'), name: `measured-${run}` },
      ]).flat(),
    },
  ],
});
const platform = { DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase };
const newsquizPlatform = {
  ...platform,
  DISCORD_CLIENT_ID: emulator.applicationId,
  DISCORD_GUILD_ID: emulator.guildId,
};

// The slash commands are registered as an operator does (`npm run commands:register`), once for every run.
await promisify(execFile)(process.execPath, [join(ROOT, 'dist/src/cli/register-commands.js')], {
  cwd: ROOT,
  env: botEnvironment(newsquizPlatform),
});

/** The application's key pair for HTTP mode: the bots check with the public key, the emulator signs. */
const keys = generateInteractionKeys();

async function spawnBot(store: BenchStore, bot: BotKind, index: number, mode: Mode) {
  const label = `${bot}-discord-${mode}-${index}`;
  let endpoint: string | undefined;
  let http = {};
  if (mode === 'http') {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}/interactions`;
    http = { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_INTERACTIONS_PORT: String(port) };
  }
  if (bot === 'baseline') {
    const script = mode === 'http' ? 'baseline-discord-http.mjs' : 'baseline-discord.mjs';
    return {
      label,
      endpoint,
      process: baselineProcess(label, script, { ...platform, ...http }),
      drop: async () => undefined,
    };
  }
  const runStore = store.forRun(label);
  return {
    label,
    endpoint,
    process: newsquizProcess(label, { ...newsquizPlatform, ...http }, runStore.env),
    drop: runStore.drop,
  };
}

/** Over HTTP: once the endpoint answers a signed PING, the emulator sends the interactions there. */
async function endpointReady(bot: BotProcess, url: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  const ping = JSON.stringify({
    id: '1',
    application_id: emulator.applicationId,
    type: 1,
    token: 'ping',
    version: 1,
  });
  while (performance.now() < deadline) {
    bot.assertRunning();
    const answer = await postSigned({ url, privateKey: keys.privateKey }, ping, 1_000).catch(() => undefined);
    if (answer?.status === 200) {
      emulator.interactionsEndpoint = { url, privateKey: keys.privateKey };
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const customIds = (message: EmulatedMessage) =>
  (message.components ?? []).flatMap((row) =>
    'components' in row
      ? row.components.flatMap((button) => ('custom_id' in button ? [button.custom_id] : []))
      : [],
  );

const footerOf = (message: EmulatedMessage | undefined) => message?.embeds[0]?.footer?.text ?? '';

/** Runs the quiz command in the channel and waits for the question posted there, with its buttons. */
async function startRound(bot: BotProcess, channelId: string, timeoutMs: number, endpoint?: string) {
  if (endpoint !== undefined) {
    if (!(await endpointReady(bot, endpoint, timeoutMs)))
      throw new Error(`the bot's interactions endpoint did not answer within ${timeoutMs} ms`);
  } else {
    const connected = await waitUntil(() => {
      bot.assertRunning();
      return emulator.readySessions > 0;
    }, timeoutMs);
    if (!connected) throw new Error(`the bot did not connect to the gateway within ${timeoutMs} ms`);
  }
  const command = emulator.runCommand({
    channelId,
    name: 'quiz',
    user: host,
    options: { article: 'deepseek-v4-delay', mode: 'group', seconds: 120 },
  });
  let question: EmulatedMessage | undefined;
  const posted = await waitUntil(() => {
    bot.assertRunning();
    question = emulator
      .channelMessages(channelId)
      .find(
        (message) =>
          !message.webhook_id && customIds(message).length > 0 && shownCount(footerOf(message)) !== undefined,
      );
    // The command is done once its "Posted to this channel." is in.
    return question !== undefined && (command.record().original?.content ?? '').includes('Posted');
  }, timeoutMs);
  if (!posted || !question)
    throw new Error(`no question with buttons in ${channelId} within ${timeoutMs} ms`);
  return question;
}

/** ✅/❌ in the answer, or an update of the pressed message (the baseline's way of answering). */
function answers(callback: InteractionCallback): boolean {
  return callback.type === UPDATE_MESSAGE || ANSWERED.test(callback.data?.content ?? '');
}

/** The same for a press whose first answer was a defer: the ✅/❌ then comes as a follow-up. */
function answeredLater(record: InteractionRecord): boolean {
  return record.followUps.some((message) => ANSWERED.test(message.content));
}

/** `count` members press within the window; their callbacks, then the settled count. */
async function burst(channelId: string, question: EmulatedMessage, count: number, firstUser: bigint) {
  const ids = customIds(question);
  const started = performance.now();
  const handles = await spreadOver(count, WINDOW_MS, (member) =>
    emulator.pressButton({
      channelId,
      messageId: question.id,
      customId: ids[member % ids.length] ?? '',
      user: { id: String(firstUser + BigInt(member)), username: `member${member}` },
    }),
  );
  const callbacks = await Promise.allSettled(handles.map((handle) => handle.callback()));
  const acknowledged = callbacks.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  // Reading a record copies the interaction: only deferred presses are read, until their follow-up shows.
  const recordedIds = new Set<string>();
  const recorded = () => {
    handles.forEach((handle, index) => {
      const result = callbacks[index];
      if (recordedIds.has(handle.id) || result?.status !== 'fulfilled') return;
      if (answers(result.value) || answeredLater(handle.record())) recordedIds.add(handle.id);
    });
    return recordedIds.size;
  };
  const settled = await settle(acknowledged.length, recorded, () =>
    shownCount(footerOf(emulator.message(question.id))),
  );
  const records = handles.map((handle) => handle.record());
  return {
    pressed: count,
    latenciesMs: acknowledged.map((callback) => callback.elapsedMs),
    acked: acknowledged.length,
    // Discord refuses a first response after 3 s (the emulator too, and any other it would refuse).
    late: records.filter(
      (record) => record.rejectedCallbacks.length > 0 || (record.callback?.elapsedMs ?? 0) > LATE_MS,
    ).length,
    ...settled,
    settledMs: performance.now() - started,
  };
}

async function run(store: BenchStore, bot: BotKind, index: number, mode: Mode): Promise<RunFigures> {
  const idle = await waitUntil(() => emulator.readySessions === 0, 15_000);
  if (!idle) throw new Error('the previous bot is still connected to the gateway');
  emulator.interactionsEndpoint = null;
  const child = await spawnBot(store, bot, index, mode);
  try {
    const warm = channelOf(index, 'warm-up');
    const measured = channelOf(index, 'measured');
    // The first round doubles as the readiness check: the bot is up once it answers a command.
    const warmQuestion = await startRound(child.process, warm, READY_TIMEOUT_MS, child.endpoint);
    await burst(warm, warmQuestion, WARMUP_MEMBERS, 700_000_000_000_000_000n);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const question = await startRound(child.process, measured, 10_000, child.endpoint);
    const burstAt = child.process.uptimeMs();
    const cpuBefore = child.process.cpu();
    const driverBefore = process.cpuUsage();
    const figures = await burst(measured, question, MEMBERS, 600_000_000_000_000_000n);
    const cpuAfter = child.process.cpu();
    const driver = process.cpuUsage(driverBefore);
    if (PROFILE_DIR) {
      const seconds = (ms: number) => (ms / 1000).toFixed(1);
      console.log(
        `${child.label}: measured burst ${seconds(burstAt)}–${seconds(child.process.uptimeMs())} s into its profile`,
      );
    }
    return {
      bot,
      ...figures,
      cpuMs: cpuAfter.totalMs - cpuBefore.totalMs,
      mainThreadCpuMs: cpuAfter.mainMs - cpuBefore.mainMs,
      driverCpuMs: (driver.user + driver.system) / 1000,
      warnings: child.process.warnings,
      firstLogLines: child.process.firstLines,
      peakRssMb: child.process.peakRssMb(),
    };
  } finally {
    const code = await child.process.stop();
    if (code !== 0) console.error(`${bot} exited with code ${String(code)}`);
    await child.drop();
  }
}

const BASELINES: Record<Mode, string> = {
  gateway: 'do-nothing discord.js bot',
  http: 'minimal signed-HTTP responder (node:http, node:crypto, no SDK)',
};

const summaries: PairsSummary[] = [];
try {
  for (const [order, kind] of kinds.entries()) {
    const store = await openBenchStore(kind);
    try {
      for (const [at, mode] of MODES.entries()) {
        const first = order * RUNS + at * RUNS_PER_MODE;
        const pairs = await runPairs(PAIRS, (bot, index) => run(store, bot, first + index, mode));
        summaries.push(
          reportPairs(
            {
              bench: 'discord',
              mode,
              store: kind,
              title: `bench:discord (${kind}, ${mode === 'http' ? 'interactions over HTTP' : 'gateway'}): ${MEMBERS} members press within ${WINDOW_MS} ms in one group round, after a ${WARMUP_MEMBERS}-press warm-up; bots as processes, baseline = ${BASELINES[mode]}`,
            },
            pairs,
          ),
        );
      }
    } finally {
      await store.close();
    }
  }
} finally {
  await emulator.close();
}
if (summaries.length > 1) {
  // Every store's and mode's figures in the last line; the targets (≤ 1.3× CPU, ≤ 1.5× p99) are the gateway's.
  const ratios = (summary: PairsSummary) => ({
    p99RatioMedian: summary.p99RatioMedian ?? null,
    cpuRatioMedian: summary.cpuRatioMedian ?? null,
    mainThreadCpuRatioMedian: summary.mainThreadCpuRatioMedian ?? null,
    newsquizP99Ms: summary.newsquizP99Ms ?? null,
    baselineP99Ms: summary.baselineP99Ms ?? null,
    newsquizCpuMs: summary.newsquizCpuMs ?? null,
    baselineCpuMs: summary.baselineCpuMs ?? null,
    acked: summary.acked ?? null,
    late: summary.late ?? null,
    lost: summary.lost ?? null,
    targetsMet: summary.targetsMet ?? null,
  });
  const modeFigures = (mode: Mode) =>
    Object.fromEntries(
      summaries
        .filter((summary) => summary.mode === mode)
        .map((summary) => [String(summary.store), ratios(summary)]),
    );
  console.log(
    JSON.stringify({
      bench: 'discord',
      pressed: MEMBERS,
      pairs: PAIRS,
      modes: Object.fromEntries(MODES.map((mode) => [mode, modeFigures(mode)])),
      // The targets are the gateway's: a run without it has none to meet.
      targetsMet: MODES.includes('gateway')
        ? summaries
            .filter((summary) => summary.mode === 'gateway')
            .every((summary) => summary.targetsMet === true)
        : null,
    }),
  );
}
