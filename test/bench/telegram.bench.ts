// npm run bench:telegram — 300 members press answers in one group round within one second,
// through the real telegraf adapter and the emulated Bot API; measures time to answerCallbackQuery.

import { startHarness } from '../adapters/telegram/telegram-harness.ts';
import { percentile, printTable, trackPeakRss } from './bench-report.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const WINDOW_MS = 1_000;
const group = { id: -100777, type: 'supergroup' as const, title: 'Benchmark group' };

const rss = trackPeakRss();
const h = await startHarness({ adapter: { counterEditIntervalMs: 3_000 } });
const host = { id: 1, first_name: 'Host' };
h.emulator.sendText({ chat: group, from: host, text: '/quiz deepseek-v4-delay group 60' });
const question = await h.emulator
  .waitFor('sendMessage', (call) => String(call.params.chat_id) === String(group.id), 5_000)
  .then(() =>
    h.emulator.messages(group.id).find((view) => view.fromBot && view.text.includes('Question 1 of')),
  );
if (!question) throw new Error('the question was not posted');
const data = (question.replyMarkup?.inline_keyboard.flat() ?? [])
  .map((button) => ('callback_data' in button ? button.callback_data : undefined))
  .filter((value): value is string => typeof value === 'string');

const ids: string[] = [];
const started = performance.now();
for (let member = 0; member < MEMBERS; member++) {
  const due = started + (member / MEMBERS) * WINDOW_MS;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  ids.push(
    h.emulator.pressButton({
      chat: group,
      from: { id: 10_000 + member, first_name: `Member ${member}` },
      messageId: question.messageId,
      data: data[member % data.length] ?? '',
    }),
  );
}
const answers = await Promise.allSettled(ids.map((id) => h.emulator.callbackAnswer(id, 10_000)));
const acknowledged = answers.filter((answer) => answer.status === 'fulfilled');
const latencies = acknowledged.map((answer) => answer.value.latencyMs).sort((a, b) => a - b);
const recorded = acknowledged.filter((answer) => /^(✅|❌)/.test(answer.value.text ?? '')).length;
const errors = h.emulator.calls.filter((call) => !call.response.ok && call.method !== 'getUpdates').length;
const elapsedMs = Math.round(performance.now() - started);
await h.close();
const peakRssMb = rss.stop();

const p50 = Math.round(percentile(latencies, 50) * 10) / 10;
const p99 = Math.round(percentile(latencies, 99) * 10) / 10;
printTable(
  `bench:telegram: ${MEMBERS} members press within ${WINDOW_MS} ms in one group round`,
  [
    'pressed',
    'acknowledged',
    'answers recorded',
    'p50 ms',
    'p99 ms',
    'API errors',
    'elapsed ms',
    'peak RSS MB',
  ],
  [[MEMBERS, acknowledged.length, recorded, p50, p99, errors, elapsedMs, peakRssMb]],
);
console.log(
  JSON.stringify({
    bench: 'telegram',
    pressed: MEMBERS,
    acknowledged: acknowledged.length,
    recorded,
    p50Ms: p50,
    p99Ms: p99,
    errors,
  }),
);
