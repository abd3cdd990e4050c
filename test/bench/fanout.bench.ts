// npm run bench:fanout [-- --kill] — N subscribed chats (default 2,000) fan out through the outbox of a
// real bot process to an emulated Bot API that enforces Telegram's limits (scaled ×10) and answers 429
// past them. --kill sends SIGKILL halfway and restarts the bot.
import { join } from 'node:path';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { startTelegramEmulator } from '../emulators/telegram/index.ts';
import {
  addGroups,
  chatIds,
  exited,
  postsPerChat,
  seedDailyBriefs,
  spawnBot,
  summarise,
  waitFor,
} from '../schedule/fanout-harness.ts';
import { tempDir } from '../support/test-core.ts';
import { printTable } from './bench-report.ts';

const CHATS = Number(process.env.BENCH_CHATS ?? 2_000);
const SCALE = 10;
const KILL = process.argv.includes('--kill');
/** Telegram's limits, scaled together. */
const LIMITS = { perSecondGlobal: 30 * SCALE, perSecondPerChat: 1 * SCALE, perMinutePerGroup: 20 * SCALE };

const dir = await tempDir('newsquiz-fanout-');
const emulator = await startTelegramEmulator({ rateLimits: LIMITS });
const chats = chatIds(CHATS);
addGroups(emulator, chats);
const storeUrl = `sqlite://${join(dir.path, 'bot.sqlite')}`;
await seedDailyBriefs(storeUrl, chats);
const env = { STORE_URL: storeUrl, OUTBOX_RATE_SCALE: String(SCALE) };
const timeoutMs = Math.max(60_000, (CHATS / LIMITS.perSecondGlobal) * 4_000);

let inFlightAtKill = 0;
let deliveredAtKill = 0;
let bot = spawnBot(emulator, env);
if (KILL) {
  await waitFor(() => summarise(postsPerChat(emulator, chats)).delivered >= CHATS / 2, timeoutMs);
  bot.kill('SIGKILL');
  await exited(bot);
  deliveredAtKill = summarise(postsPerChat(emulator, chats)).delivered;
  const store = await openStore(storeUrl, silentLogger());
  const outbox = new OutboxRepository(store.records);
  const today = new Date().toISOString().slice(0, 10);
  const items = await Promise.all(chats.map((_, index) => outbox.get(`fan${index}:${today}`)));
  inFlightAtKill = Math.max(0, deliveredAtKill - items.filter((item) => item?.status === 'sent').length);
  await store.close();
  bot = spawnBot(emulator, env);
}
const finished = await waitFor(() => summarise(postsPerChat(emulator, chats)).lost === 0, timeoutMs, 50);
// Give a duplicate, if any, the chance to show up.
await new Promise((resolve) => setTimeout(resolve, 1_000));
bot.kill('SIGTERM');
const exitCode = await exited(bot);

const { delivered, lost, duplicates } = summarise(postsPerChat(emulator, chats));
const sends = emulator.calls
  .filter(
    (call) =>
      call.method === 'sendMessage' && call.response.ok && chats.includes(Number(call.params.chat_id)),
  )
  .map((call) => call.at);
const elapsedMs = sends.length > 1 ? Math.round(Math.max(...sends) - Math.min(...sends)) : 0;
const tooMany = emulator.stats.tooManyRequests;
// In --kill mode the elapsed time includes the restart, so the ratio there is not a rate figure.
const achieved = elapsedMs > 0 ? (sends.length - 1) / (elapsedMs / 1000) : 0;
const ratio = Math.round((achieved / LIMITS.perSecondGlobal) * 1000) / 1000;
await emulator.close();
await dir.remove();

printTable(
  `bench:fanout${KILL ? ' --kill' : ''}: ${CHATS} chats, Telegram limits ×${SCALE} (${LIMITS.perSecondGlobal}/s overall)`,
  [
    'delivered',
    'lost',
    'duplicates',
    '429s',
    'elapsed ms',
    'msg/s',
    'rate ÷ allowed',
    ...(KILL ? ['in flight at kill', 'delivered at kill'] : []),
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
      exitCode ?? 'signal',
    ],
  ],
);
if (!finished) console.log('Not every chat received its post before the time limit.');
console.log(
  JSON.stringify({
    bench: 'fanout',
    mode: KILL ? 'kill' : 'plain',
    chats: CHATS,
    delivered,
    lost,
    duplicates,
    tooManyRequests: tooMany,
    elapsedMs,
    ratio,
    ...(KILL ? { inFlightAtKill } : {}),
  }),
);
