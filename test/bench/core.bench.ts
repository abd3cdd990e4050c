// npm run bench:core — 1,000 users answer group rounds through the core with the real store.
// Throughput is measured flat out (64 presses in flight); latency at a steady arrival rate,
// timed from each press's scheduled arrival, so queueing counts against it.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Article } from '../../src/content/article-schema.ts';
import { ManualClock, systemTimers } from '../../src/core/clock.ts';
import type { NeutralMessage } from '../../src/core/output.ts';
import { answerButtons } from '../support/quiz-helpers.ts';
import { actor, makeCore, NOW, type TestCore, tempDir, uniqueNamespace } from '../support/test-core.ts';
import { percentile, printTable, trackPeakRss } from './bench-report.ts';

const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const CHATS = 20;
const IN_FLIGHT = 64;
/** Arrival rates for the latency phase: the targets (answers/s), overridable to probe other loads. */
const TARGET_RATE: Record<string, number> = {
  sqlite: Number(process.env.BENCH_RATE_SQLITE ?? 2_000),
  redis: Number(process.env.BENCH_RATE_REDIS ?? 5_000),
};

interface Round {
  article: Article;
  chatId: string;
  message: NeutralMessage;
}

/** Starts one group round per chat; returns them with their first question. */
async function startRounds(t: TestCore, tag: string): Promise<Round[]> {
  const articles = t.catalog.all();
  return Promise.all(
    Array.from({ length: CHATS }, async (_, chat) => {
      const article = articles[chat % articles.length] as Article;
      const chatId = `${tag}-chat${chat}`;
      const start = await t.core.quiz.start(actor(`host${chat}`, chatId), article, 'group', 300);
      const out = start.messages[0];
      if (!out) throw new Error('no question posted');
      await t.core.quiz.rememberSent(out, `m-${chatId}-0`);
      return { article, chatId, message: out.message };
    }),
  );
}

/** Closes every round's current question and moves each to its next question. */
async function nextQuestions(t: TestCore, rounds: Round[], position: number): Promise<void> {
  t.clock.advance(301_000);
  for (const open of await t.core.quiz.openRounds()) {
    const delivery = await t.core.quiz.closeDue(open.id);
    const posted = delivery?.messages.find((out) => out.target.to === 'chat' && out.remember);
    const entry = rounds.find((candidate) => candidate.chatId === open.chatId);
    if (entry && posted) {
      entry.message = posted.message;
      await t.core.quiz.rememberSent(posted, `m-${open.id}-${position + 1}`);
    }
  }
}

function pressesFor(rounds: Round[], tag: string) {
  return Array.from({ length: USERS }, (_, user) => {
    const round = rounds[user % CHATS] as Round;
    const { right, wrong } = answerButtons(round.message, round.article);
    return { who: actor(`${tag}-u${user}`, round.chatId), payload: (user % 4 === 0 ? wrong : right).payload };
  });
}

const accepted = (text: string | undefined) => /^(✅|❌)/.test(text ?? '');

async function throughput(t: TestCore): Promise<{ answers: number; seconds: number; lost: number }> {
  const rounds = await startRounds(t, 'tp');
  const questions = Math.min(...rounds.map((round) => Math.min(round.article.questions.length, 10)));
  let answers = 0;
  let ok = 0;
  let busy = 0;
  for (let position = 0; position < questions; position++) {
    const presses = pressesFor(rounds, 'tp');
    let next = 0;
    const begin = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < presses.length) {
          const press = presses[next++];
          if (!press) break;
          const response = await t.router.press(press.who, press.payload);
          answers++;
          if (accepted(response.notice?.text)) ok++;
        }
      }),
    );
    busy += performance.now() - begin;
    await nextQuestions(t, rounds, position);
  }
  return { answers, seconds: busy / 1000, lost: answers - ok };
}

async function latency(t: TestCore, rate: number): Promise<{ p50: number; p99: number; lost: number }> {
  const rounds = await startRounds(t, 'lat');
  const questions = Math.min(...rounds.map((round) => Math.min(round.article.questions.length, 10)));
  const latencies: number[] = [];
  let lost = 0;
  for (let position = 0; position < questions; position++) {
    const presses = pressesFor(rounds, 'lat');
    const begin = performance.now();
    const pending: Promise<void>[] = [];
    let sent = 0;
    while (sent < presses.length) {
      const due = Math.floor(((performance.now() - begin) / 1000) * rate) + 1;
      for (; sent < Math.min(due, presses.length); sent++) {
        const press = presses[sent];
        if (!press) continue;
        const arrival = begin + (sent / rate) * 1000;
        pending.push(
          t.router.press(press.who, press.payload).then((response) => {
            latencies.push(performance.now() - arrival);
            if (!accepted(response.notice?.text)) lost++;
          }),
        );
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(pending);
    await nextQuestions(t, rounds, position);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), lost };
}

/**
 * Bytes written to the store per press (the answer and its share of the batched effects), in one
 * group question answered by `players` players: flat when no record grows with the round.
 */
async function bytesPerPress(t: TestCore, players: number, tag: string): Promise<number> {
  const chatId = `${tag}-bytes-${players}`;
  const article = t.catalog.all()[0] as Article;
  const start = await t.core.quiz.start(actor(`host-${chatId}`, chatId), article, 'group', 300);
  const out = start.messages[0];
  if (!out) throw new Error('no question posted');
  await t.core.quiz.rememberSent(out, `m-${chatId}`);
  const { right, wrong } = answerButtons(out.message, article);
  await t.core.effects.flush();
  const before = t.store.meter.bytes;
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < players) {
        const user = next++;
        await t.router.press(actor(`${chatId}-u${user}`, chatId), (user % 4 === 0 ? wrong : right).payload);
      }
    }),
  );
  await t.core.effects.flush();
  return (t.store.meter.bytes - before) / players;
}

interface Result {
  store: string;
  answersPerSecond: number;
  rate: number;
  p50: number;
  p99: number;
  lost: number;
  bytes10: number;
  bytes5000: number;
}

async function run(store: string, storeUrl: string, namespace?: string): Promise<Result> {
  const t = await makeCore({
    storeUrl,
    clock: new ManualClock(NOW),
    timers: systemTimers,
    ...(namespace ? { namespace } : {}),
  });
  try {
    const flat = await throughput(t);
    const rate = TARGET_RATE[store] ?? 2_000;
    const timed = await latency(t, rate);
    const bytes10 = await bytesPerPress(t, 10, store);
    const bytes5000 = await bytesPerPress(t, 5_000, store);
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      store,
      answersPerSecond: Math.round(flat.answers / flat.seconds),
      rate,
      p50: round(timed.p50),
      p99: round(timed.p99),
      lost: flat.lost + timed.lost,
      bytes10: Math.round(bytes10),
      bytes5000: Math.round(bytes5000),
    };
  } finally {
    await t.close();
  }
}

const rss = trackPeakRss();
const dir = await tempDir('newsquiz-bench-');
const results: Result[] = [];
try {
  // Warm-up on the in-memory store (not reported): a running bot's code is compiled and hot.
  await run('memory', 'memory://');
  results.push(await run('sqlite', `sqlite://${join(dir.path, 'bench.sqlite')}`));
  if (process.env.REDIS_URL) results.push(await run('redis', process.env.REDIS_URL, uniqueNamespace()));
  else console.log('REDIS_URL is not set: the Redis run is skipped.');
} finally {
  await dir.remove();
}
const peakRssMb = rss.stop();
printTable(
  `bench:core: ${USERS} users in ${CHATS} group rounds (throughput with ${IN_FLIGHT} presses in flight; latency at a steady rate)`,
  [
    'store',
    'answers/s',
    'latency at rate/s',
    'p50 ms',
    'p99 ms',
    'not accepted',
    'bytes/press (10 players)',
    'bytes/press (5,000 players)',
  ],
  results.map((result) => [
    result.store,
    result.answersPerSecond,
    result.rate,
    result.p50,
    result.p99,
    result.lost,
    result.bytes10,
    result.bytes5000,
  ]),
);
console.log(`peak RSS: ${peakRssMb} MB`);
const figures: Record<string, number | string> = { bench: 'core', users: USERS, peakRssMb };
for (const result of results) {
  figures[`${result.store}AnswersPerSecond`] = result.answersPerSecond;
  figures[`${result.store}P50Ms`] = result.p50;
  figures[`${result.store}P99Ms`] = result.p99;
  figures[`${result.store}Lost`] = result.lost;
  figures[`${result.store}BytesPerPress10`] = result.bytes10;
  figures[`${result.store}BytesPerPress5000`] = result.bytes5000;
  figures[`${result.store}BytesRatio`] = Math.round((result.bytes5000 / result.bytes10) * 100) / 100;
}
console.log(JSON.stringify(figures));
