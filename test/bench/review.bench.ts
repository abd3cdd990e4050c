// npm run bench:review — 10,000 users with 50 review cards each, on SQLite and (with REDIS_URL) on Redis:
// how long picking one user's due cards takes (what /review, /progress and a reminder do), and the
// memory of the process doing it. Each side runs as its own process on the compiled code
// (review-worker.mjs): one seeds the store, a fresh one picks, so the picking process holds only what
// a bot would.
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { printTable } from './bench-report.ts';
import { openBenchStore, type StoreKind } from './bench-store.ts';
import { buildNewsquiz, ROOT } from './bot-process.ts';

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CARDS = Number(process.env.BENCH_CARDS ?? 50);
const TARGET_P99_MS = 5;
const TARGET_RSS_MB = 200;
const WORKER = join(ROOT, 'test/bench/review-worker.mjs');

interface Seeded {
  seconds: number;
  rssMb: number;
}
interface Picked {
  picks: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  dueAvg: number;
  rssMb: number;
  heapMb: number;
}

/** Runs the worker in its own process and returns the JSON object it prints last. */
function worker<T>(mode: 'seed' | 'pick', env: Record<string, string>): T {
  const out = execFileSync(process.execPath, [WORKER, mode], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      BENCH_USERS: String(USERS),
      BENCH_CARDS: String(CARDS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const last = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

async function run(kind: StoreKind): Promise<{ kind: StoreKind; seeded: Seeded; picked: Picked }> {
  const bench = await openBenchStore(kind);
  const store = bench.forRun('review');
  try {
    const seeded = worker<Seeded>('seed', store.env);
    const picked = worker<Picked>('pick', store.env);
    return { kind, seeded, picked };
  } finally {
    await store.drop();
    await bench.close();
  }
}

buildNewsquiz();
const kinds: StoreKind[] = process.env.REDIS_URL ? ['sqlite', 'redis'] : ['sqlite'];
if (!process.env.REDIS_URL)
  console.log('REDIS_URL is not set: Redis is skipped (e.g. REDIS_URL=redis://127.0.0.1:6379)');
const results: Awaited<ReturnType<typeof run>>[] = [];
const loads: number[] = [];
for (const kind of kinds) {
  results.push(await run(kind));
  loads.push(Math.round((loadavg()[0] ?? 0) * 10) / 10);
}

printTable(
  `Picking one user's due review cards: ${USERS.toLocaleString('en')} users × ${CARDS} cards, users in random order`,
  [
    'store',
    'seed s',
    'picks',
    'p50 ms',
    'p99 ms',
    'max ms',
    'due/user',
    'RSS MB',
    'heap MB',
    'load',
    'targets',
  ],
  results.map(({ kind, seeded, picked }) => [
    kind,
    seeded.seconds,
    picked.picks,
    picked.p50Ms,
    picked.p99Ms,
    picked.maxMs,
    picked.dueAvg,
    picked.rssMb,
    picked.heapMb,
    loads[results.findIndex((entry) => entry.kind === kind)] ?? 0,
    picked.p99Ms <= TARGET_P99_MS && picked.rssMb <= TARGET_RSS_MB ? 'met' : 'MISSED',
  ]),
);
console.log(
  `load: the machine's 1-minute load average after the run, on ${availableParallelism()} CPUs; a tail measured on a busy machine includes the time other processes held the CPU.`,
);
console.log(
  `Targets: p99 ≤ ${TARGET_P99_MS} ms per pick, the picking process's peak RSS ≤ ${TARGET_RSS_MB} MB. Seeding runs in a process of its own and is not part of the memory target.`,
);
console.log(
  JSON.stringify({
    bench: 'review',
    users: USERS,
    cardsPerUser: CARDS,
    cpus: availableParallelism(),
    targets: { p99Ms: TARGET_P99_MS, rssMb: TARGET_RSS_MB },
    stores: Object.fromEntries(
      results.map(({ kind, seeded, picked }) => [
        kind,
        {
          seedSeconds: seeded.seconds,
          picks: picked.picks,
          p50Ms: picked.p50Ms,
          p99Ms: picked.p99Ms,
          maxMs: picked.maxMs,
          dueAvg: picked.dueAvg,
          rssMb: picked.rssMb,
          heapMb: picked.heapMb,
          loadAverage: loads[results.findIndex((entry) => entry.kind === kind)] ?? 0,
          met: picked.p99Ms <= TARGET_P99_MS && picked.rssMb <= TARGET_RSS_MB,
        },
      ]),
    ),
  }),
);
