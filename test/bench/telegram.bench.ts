// npm run bench:telegram — 300 members press answers within one second in one group round, against the
// bot run as production runs it (`node dist/src/main.js`, a real store: SQLite, or Redis with REDIS_URL)
// and, interleaved on the same emulated Bot API, a do-nothing telegraf bot (baseline-telegram.mjs).
// Measures press → answerCallbackQuery and the bot's CPU time; reports newsquiz ÷ baseline.
import { type ChatMessageView, startTelegramEmulator } from '@newsquiz/emulators/telegram';
import { openBenchStore, storeKindFromEnv } from './bench-store.ts';
import {
  type BotProcess,
  baselineProcess,
  buildNewsquiz,
  newsquizProcess,
  PROFILE_DIR,
} from './bot-process.ts';
import { type BotKind, type RunFigures, reportPairs, runPairs } from './paired-runs.ts';
import { spreadOver } from './press-burst.ts';
import { settle, shownCount, waitUntil } from './settle-rule.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const WARMUP_MEMBERS = 100;
const WINDOW_MS = 1_000;
const PAIRS = 3;
/** Telegram gives no deadline for answerCallbackQuery, but the user's spinner runs until then. */
const LATE_MS = 3_000;
/** A query older than this cannot be answered any more (the emulator's, as Telegram's, 15 s). */
const ACK_DEADLINE_MS = 15_000;
/** Start-up (content, store, getMe, first poll) until the first command is answered. */
const READY_TIMEOUT_MS = 60_000;
const QUIET_MS = 1_000;
const ANSWERED = /^(✅|❌)/;

const host = { id: 1, first_name: 'Host' };
const groupOf = (id: number, title: string) => ({ id, type: 'supergroup' as const, title });

const kind = storeKindFromEnv();
buildNewsquiz();
const store = await openBenchStore(kind);
const emulator = await startTelegramEmulator({
  bot: { id: 7_000_000_001, username: 'newsquiz_bench_bot', first_name: 'newsquiz' },
});
const platform = { TELEGRAM_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot };

function spawnBot(bot: BotKind, index: number) {
  const label = `${bot}-telegram-${index}`;
  if (bot === 'baseline') {
    return {
      label,
      process: baselineProcess(label, 'baseline-telegram.mjs', platform),
      drop: async () => undefined,
    };
  }
  const runStore = store.forRun(label);
  return { label, process: newsquizProcess(label, platform, runStore.env), drop: runStore.drop };
}

const callbackData = (view: ChatMessageView) =>
  (view.replyMarkup?.inline_keyboard.flat() ?? [])
    .map((button) => ('callback_data' in button ? button.callback_data : undefined))
    .filter((value): value is string => typeof value === 'string');

/** Sends /quiz in the chat and waits for the bot's question with its buttons and count. */
async function startRound(bot: BotProcess, chat: ReturnType<typeof groupOf>, timeoutMs: number) {
  emulator.sendText({ chat, from: host, text: '/quiz deepseek-v4-delay group 120' });
  let question: ChatMessageView | undefined;
  const posted = await waitUntil(() => {
    bot.assertRunning();
    question = emulator
      .messages(chat.id)
      .find((view) => view.fromBot && callbackData(view).length > 0 && shownCount(view.text) !== undefined);
    return question !== undefined;
  }, timeoutMs);
  if (!posted || !question)
    throw new Error(`no question with buttons in ${chat.title} within ${timeoutMs} ms`);
  // Let the bot finish with the command (it stores the question's message id after sending it).
  await new Promise((resolve) => setTimeout(resolve, 250));
  return question;
}

/** `count` members press within the window; their acknowledgements, then the settled count. */
async function burst(
  chat: ReturnType<typeof groupOf>,
  question: ChatMessageView,
  count: number,
  firstUser: number,
) {
  const data = callbackData(question);
  const started = performance.now();
  const ids = await spreadOver(count, WINDOW_MS, (member) =>
    emulator.pressButton({
      chat,
      from: { id: firstUser + member, first_name: `Member ${member}` },
      messageId: question.messageId,
      data: data[member % data.length] ?? '',
    }),
  );
  const answers = await Promise.allSettled(ids.map((id) => emulator.callbackAnswer(id, ACK_DEADLINE_MS)));
  const acknowledged = answers.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []));
  const { recorded, shown } = await settle(
    acknowledged.length,
    () => acknowledged.filter((answer) => ANSWERED.test(answer.text ?? '')).length,
    () => shownCount(emulator.message(chat.id, question.messageId)?.text ?? ''),
  );
  return {
    pressed: count,
    latenciesMs: acknowledged.map((answer) => answer.latencyMs),
    acked: acknowledged.length,
    late: acknowledged.filter((answer) => answer.latencyMs > LATE_MS).length,
    recorded,
    shown,
    settledMs: performance.now() - started,
  };
}

async function run(bot: BotKind, index: number): Promise<RunFigures> {
  emulator.clearCalls();
  const child = spawnBot(bot, index);
  try {
    const warm = groupOf(-1_001_000_000_000 - index * 2, `Warm-up ${index}`);
    const measured = groupOf(-1_001_000_000_001 - index * 2, `Measured ${index}`);
    // The first round doubles as the readiness check: the bot is up once it answers a command.
    const warmQuestion = await startRound(child.process, warm, READY_TIMEOUT_MS);
    await burst(warm, warmQuestion, WARMUP_MEMBERS, 20_000);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const question = await startRound(child.process, measured, 10_000);
    const burstAt = child.process.uptimeMs();
    const cpuBefore = child.process.cpu();
    const driverBefore = process.cpuUsage();
    const figures = await burst(measured, question, MEMBERS, 10_000);
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
    if (emulator.pendingUpdates > 0) console.error(`${emulator.pendingUpdates} updates left unconfirmed`);
  }
}

try {
  const pairs = await runPairs(PAIRS, run);
  reportPairs(
    {
      bench: 'telegram',
      store: kind,
      title: `bench:telegram (${kind}): ${MEMBERS} members press within ${WINDOW_MS} ms in one group round, after a ${WARMUP_MEMBERS}-press warm-up; bots as processes, baseline = do-nothing telegraf bot`,
    },
    pairs,
  );
} finally {
  await emulator.close();
  await store.close();
}
