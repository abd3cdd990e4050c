// npm run bench:discord — 500 members press answers in one group round within one second, through the
// real discord.js adapter and the emulated Discord; measures time to the interaction callback.

import { eventually, startHarness } from '../adapters/discord/discord-harness.ts';
import type { InteractionHandle } from '../emulators/discord/index.ts';
import { percentile, printTable, trackPeakRss } from './bench-report.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500);
const WINDOW_MS = 1_000;
const ANSWERED = /^(✅|❌)/;

const rss = trackPeakRss();
const h = await startHarness({ logLevel: 'warn', adapter: { counterEditIntervalMs: 2_000 } });
const host = { id: '500000000000000000', username: 'host', globalName: 'Host' };
const start = h.emulator.runCommand({
  channelId: h.emulator.channelId,
  name: 'quiz',
  user: host,
  options: { article: 'deepseek-v4-delay', mode: 'group', seconds: 60 },
});
await start.callback();
const question = await eventually(
  () =>
    h.emulator
      .channelMessages(h.emulator.channelId)
      .find((message) => !message.webhook_id && (message.embeds[0]?.title ?? '').includes('Question 1 of')),
  5_000,
);
const customIds = (question.components ?? []).flatMap((row) =>
  'components' in row ? row.components.map((button) => ('custom_id' in button ? button.custom_id : '')) : [],
);

const handles: InteractionHandle[] = [];
const started = performance.now();
for (let member = 0; member < MEMBERS; member++) {
  const due = started + (member / MEMBERS) * WINDOW_MS;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  handles.push(
    h.emulator.pressButton({
      channelId: h.emulator.channelId,
      messageId: question.id,
      customId: customIds[member % customIds.length] ?? '',
      user: { id: String(600_000_000_000_000_000n + BigInt(member)), username: `member${member}` },
    }),
  );
}
const callbacks = await Promise.allSettled(handles.map((handle) => handle.callback()));
const pressWindowMs = Math.round(performance.now() - started);
const acknowledged = callbacks.filter((result) => result.status === 'fulfilled');
const latencies = acknowledged.map((result) => result.value.elapsedMs).sort((a, b) => a - b);

// An answer is recorded when its user got ✅/❌ (in the callback, or in a follow-up after a defer).
const recorded = await eventually(() => {
  const count = handles.filter((handle) => {
    const record = handle.record();
    const texts = [record.callback?.data?.content, ...record.followUps.map((m) => m.content)];
    return texts.some((text) => ANSWERED.test(text ?? ''));
  }).length;
  return count === MEMBERS ? count : undefined;
}, 5_000).catch(
  () => handles.filter((handle) => ANSWERED.test(handle.record().callback?.data?.content ?? '')).length,
);
// The live count catches up within one edit interval.
const shown = await eventually(
  () =>
    h.emulator.message(question.id)?.embeds[0]?.footer?.text.includes(`${MEMBERS} answered`)
      ? true
      : undefined,
  5_000,
).catch(() => false);
const rejectedCallbacks = handles.reduce((sum, handle) => sum + handle.record().rejectedCallbacks.length, 0);
const restErrors = h.emulator.calls.filter((call) => call.status >= 400).length;
const adapterErrors = h.logs.filter((record) => record.level >= 50).length;
const errors = rejectedCallbacks + restErrors + adapterErrors;
const edits = h.emulator.message(question.id)?.edits ?? 0;
await h.close();
const peakRssMb = rss.stop();

const p50 = Math.round(percentile(latencies, 50) * 10) / 10;
const p99 = Math.round(percentile(latencies, 99) * 10) / 10;
printTable(
  `bench:discord: ${MEMBERS} members press within ${WINDOW_MS} ms in one group round`,
  [
    'pressed',
    'acknowledged',
    'answers recorded',
    'p50 ms',
    'p99 ms',
    'errors',
    'count edits',
    'final count shown',
    'press window ms',
    'peak RSS MB',
  ],
  [
    [
      MEMBERS,
      acknowledged.length,
      recorded,
      p50,
      p99,
      errors,
      edits,
      shown ? 'yes' : 'no',
      pressWindowMs,
      peakRssMb,
    ],
  ],
);
console.log(
  JSON.stringify({
    bench: 'discord',
    pressed: MEMBERS,
    acknowledged: acknowledged.length,
    recorded,
    p50Ms: p50,
    p99Ms: p99,
    errors,
  }),
);
