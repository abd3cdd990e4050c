// npm run bench:fanout [-- --platform discord] [-- --kill] — subscribed chats fan out through the outbox
// of the bot, run as its own process on compiled code with a real store (SQLite, or Redis with REDIS_URL),
// to an emulated platform in this process that enforces the platform's rate limits and answers 429 past
// them. BENCH_SCALE multiplies the limits (1 = the real ones); BENCH_CHATS defaults to about 20 s of posts.
// --kill sends SIGKILL halfway and restarts the bot. BENCH_LOGS=1 prints progress, the bot's warnings and
// sends per second; BENCH_PROFILE=dir has the bot write a CPU profile there.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type DiscordEmulator, startDiscordEmulator } from '@newsquiz/emulators/discord';
import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import {
  addTelegramGroups,
  type Deliveries,
  discordChannels,
  discordDeliveries,
  discordEnv,
  discordGuilds,
  ensureBuild,
  exited,
  outboxState,
  seedDailyBriefs,
  spawnBot,
  summarise,
  telegramChats,
  telegramDeliveries,
  telegramEnv,
  waitFor,
} from '../schedule/fanout-harness.ts';
import { dropNamespace, tempDir, uniqueNamespace } from '../support/test-core.ts';
import { printTable } from './bench-report.ts';

const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const PLATFORM = argument('platform') === 'discord' ? 'discord' : 'telegram';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const KILL = process.argv.includes('--kill');
/** Posts per second the platform allows overall: Telegram about 30, Discord 50. */
const ALLOWED = (PLATFORM === 'telegram' ? 30 : 50) * SCALE;
const CHATS = Number(process.env.BENCH_CHATS ?? ALLOWED * 20);
const REDIS_URL = process.env.REDIS_URL;

await ensureBuild();
const dir = await tempDir('newsquiz-fanout-');
const namespace = REDIS_URL ? uniqueNamespace() : undefined;
const storeUrl = REDIS_URL ?? `sqlite://${join(dir.path, 'bot.sqlite')}`;

let telegram: TelegramEmulator | undefined;
let discord: DiscordEmulator | undefined;
let chats: string[];
let deliveries: Deliveries;
let env: Record<string, string>;
if (PLATFORM === 'telegram') {
  chats = telegramChats(CHATS);
  const emulator = await startTelegramEmulator({
    rateLimits: { perSecondGlobal: 30 * SCALE, perSecondPerChat: 1 * SCALE, perMinutePerGroup: 20 * SCALE },
  });
  telegram = emulator;
  addTelegramGroups(emulator, chats);
  deliveries = telegramDeliveries(emulator, chats);
  env = telegramEnv(emulator);
} else {
  chats = discordChannels(CHATS);
  const emulator = await startDiscordEmulator({
    guilds: discordGuilds(chats),
    rateLimits: { globalPerSecond: 50 * SCALE, perChannelPer5s: 5 * SCALE },
  });
  discord = emulator;
  deliveries = discordDeliveries(emulator, chats);
  env = discordEnv(emulator);
}
const seeded = await seedDailyBriefs(storeUrl, PLATFORM, chats, namespace ? { namespace } : {});
const botEnv = {
  ...env,
  STORE_URL: storeUrl,
  ...(namespace ? { STORE_NAMESPACE: namespace } : {}),
  OUTBOX_RATE_SCALE: String(SCALE),
};
const timeoutMs = Math.max(60_000, (CHATS / ALLOWED) * 4_000);
const loadBefore = loadavg()[0] ?? 0;

let inFlightAtKill = 0;
let deliveredAtKill = 0;
const LOGS = process.env.BENCH_LOGS === '1';
/** BENCH_PROFILE=dir: the bot writes a CPU profile there when it exits. */
const spawnOptions = {
  logs: LOGS,
  ...(process.env.BENCH_PROFILE
    ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] }
    : {}),
};
let bot = spawnBot(botEnv, spawnOptions);
if (KILL) {
  await waitFor(() => summarise(deliveries.counts()).delivered >= CHATS / 2, timeoutMs, 50);
  bot.child.kill('SIGKILL');
  await exited(bot.child);
  deliveredAtKill = summarise(deliveries.counts()).delivered;
  const { sent } = await outboxState(storeUrl, chats, seeded, namespace);
  inFlightAtKill = Math.max(0, deliveredAtKill - sent);
  bot = spawnBot(botEnv, spawnOptions);
}
const progress = LOGS
  ? setInterval(() => console.error(new Date().toISOString(), summarise(deliveries.counts())), 5_000)
  : undefined;
const finished = await waitFor(() => summarise(deliveries.counts()).lost === 0, timeoutMs, 100);
clearInterval(progress);
bot.child.kill('SIGTERM');
const exitCode = await exited(bot.child);
// With the bot gone, the store says whether anything was left to send (a retry that could duplicate).
const { pending: pendingAtExit } = await outboxState(storeUrl, chats, seeded, namespace);
const loadAfter = loadavg()[0] ?? 0;

const { delivered, lost, duplicates } = summarise(deliveries.counts());
const sends = deliveries.acceptedAt();
const first = Math.min(...sends);
const last = Math.max(...sends);
const elapsedMs = sends.length > 1 ? Math.round(last - first) : 0;
const tooMany = telegram?.stats.tooManyRequests ?? discord?.stats.tooManyRequests ?? 0;
// In --kill mode the elapsed time includes the restart, so the ratio there is not a rate figure.
const achieved = elapsedMs > 0 ? (sends.length - 1) / (elapsedMs / 1000) : 0;
const ratio = Math.round((achieved / ALLOWED) * 1000) / 1000;
if (telegram) {
  const calls = telegram.calls.filter((call) => call.method === 'sendMessage');
  for (const call of calls.filter((c) => !c.response.ok)) {
    const okBefore = calls.filter((c) => c.response.ok && c.at > call.at - 1000 && c.at <= call.at);
    console.log(
      '429 at',
      call.at.toFixed(1),
      'chat',
      call.params.chat_id,
      'ok in window',
      okBefore.length,
      JSON.stringify(call.response),
      'dur',
      call.durationMs.toFixed(1),
      'first in window',
      okBefore[0]?.at.toFixed(1),
      okBefore[0]?.durationMs.toFixed(1),
    );
  }
}
await telegram?.close();
await discord?.close();
if (REDIS_URL && namespace) {
  const { openStore } = await import('../../src/store/open-store.ts');
  const { silentLogger } = await import('../../src/logger.ts');
  const store = await openStore(REDIS_URL, silentLogger(), namespace);
  await dropNamespace(store, namespace);
  await store.close();
}
await dir.remove();

const store = REDIS_URL ? 'redis' : 'sqlite';
printTable(
  `bench:fanout${KILL ? ' --kill' : ''}: ${CHATS} ${PLATFORM} chats, limits ×${SCALE} (${ALLOWED}/s overall), ${store}`,
  [
    'delivered',
    'lost',
    'duplicates',
    '429s',
    'elapsed ms',
    'msg/s',
    'rate ÷ allowed',
    ...(KILL ? ['in flight at kill', 'delivered at kill'] : []),
    'pending at exit',
    'load 1m',
    'exit',
  ],
  [
    [
      delivered,
      lost,
      duplicates,
      tooMany,
      elapsedMs,
      Math.round(achieved),
      ratio,
      ...(KILL ? [inFlightAtKill, deliveredAtKill] : []),
      pendingAtExit,
      `${loadBefore.toFixed(2)}→${loadAfter.toFixed(2)}`,
      exitCode ?? 'signal',
    ],
  ],
);
if (!finished) console.log('Not every chat received its post before the time limit.');
if (LOGS) {
  for (const line of bot.lines) console.error(JSON.stringify(line));
  const perSecond = new Map<number, number>();
  for (const at of sends)
    perSecond.set(Math.floor((at - first) / 1000), (perSecond.get(Math.floor((at - first) / 1000)) ?? 0) + 1);
  console.error('sends per second:', [...perSecond.values()].join(' '));
  const cpu = process.cpuUsage();
  console.error('bench process cpu s:', ((cpu.user + cpu.system) / 1e6).toFixed(1));
}
console.log(
  JSON.stringify({
    bench: 'fanout',
    platform: PLATFORM,
    store,
    scale: SCALE,
    mode: KILL ? 'kill' : 'plain',
    chats: CHATS,
    delivered,
    lost,
    duplicates,
    tooManyRequests: tooMany,
    elapsedMs,
    ratio,
    ...(KILL ? { inFlightAtKill } : {}),
    pendingAtExit,
    load1m: [Math.round(loadBefore * 100) / 100, Math.round(loadAfter * 100) / 100],
    exitCode,
  }),
);
