// Paired runs against a do-nothing bot on the same SDK, interleaved (baseline, newsquiz) × pairs, so a
// shared, noisy machine slows both alike; reported as ratios, with the targets, and one JSON line last.
import { percentile, printTable } from './bench-report.ts';

export type BotKind = 'baseline' | 'newsquiz';

export interface RunFigures {
  bot: BotKind;
  pressed: number;
  /** From the press being made available to its acknowledgement, for each acknowledged press. */
  latenciesMs: number[];
  acked: number;
  /** Acknowledged after 3 s, or (Discord) an acknowledgement the platform refused. */
  late: number;
  /** Presses whose user was told their answer counted (✅/❌). */
  recorded: number;
  /** The count the question message shows once settled. */
  shown: number | undefined;
  /** CPU time of the bot process from just before the burst until it settled. */
  cpuMs: number;
  /** The part of it spent on the main thread (the rest: GC threads, libuv's pool with SQLite's queries). */
  mainThreadCpuMs: number;
  /** From the burst's start until it settled. */
  settledMs: number;
  /** CPU time of this process (the emulator and its users) over the same span: a busy driver slows both bots. */
  driverCpuMs: number;
  warnings: number;
  firstLogLines: readonly string[];
  peakRssMb: number | undefined;
}

export interface Pair {
  baseline: RunFigures;
  newsquiz: RunFigures;
  /** The first pair warms the emulator's process up (its code is compiled as it is used) and is not counted. */
  counted: boolean;
}

export const TARGETS = { p99Ratio: 1.5, cpuRatio: 1.3 } as const;
/** Pairs run before the counted ones: without one, the first baseline ran against a cold emulator. */
export const WARMUP_PAIRS = 1;

/** Runs WARMUP_PAIRS + `pairs` pairs; `run` gets a run number unique across all of them. */
export async function runPairs(
  pairs: number,
  run: (bot: BotKind, runNumber: number) => Promise<RunFigures>,
): Promise<Pair[]> {
  const done: Pair[] = [];
  for (let pair = 0; pair < WARMUP_PAIRS + pairs; pair++) {
    const baseline = await run('baseline', pair * 2);
    const newsquiz = await run('newsquiz', pair * 2 + 1);
    done.push({ baseline, newsquiz, counted: pair >= WARMUP_PAIRS });
  }
  return done;
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const latency = (run: RunFigures, p: number) =>
  round(
    percentile(
      [...run.latenciesMs].sort((a, b) => a - b),
      p,
    ),
  );
/** One clock tick: a process that used less cannot be told from one that used nothing. */
const MIN_CPU_MS = 10;

export interface ReportMeta {
  bench: 'telegram' | 'discord';
  /** How the platform's updates reach the bot, where it has several ways (Discord: gateway or http). */
  mode?: string;
  store: string;
  title: string;
}

/** What the last JSON line says, also returned to a benchmark that reports several stores at the end. */
export type PairsSummary = Record<string, string | number | boolean | null>;

export function reportPairs(meta: ReportMeta, all: readonly Pair[]): PairsSummary {
  const runs = all.flatMap((pair, index) => {
    const label = pair.counted ? String(index + 1 - WARMUP_PAIRS) : 'warm-up';
    return [
      { pair: label, run: pair.baseline },
      { pair: label, run: pair.newsquiz },
    ];
  });
  const pairs = all.filter((pair) => pair.counted);
  printTable(
    meta.title,
    [
      'pair',
      'bot',
      'p50 ms',
      'p99 ms',
      'acked',
      'late',
      'lost',
      'shown',
      'recorded',
      'CPU ms',
      'main-thread ms',
      'settled ms',
      'emulator CPU ms',
      'warnings',
      'peak RSS MB',
    ],
    runs.map(({ pair, run }) => [
      pair,
      run.bot,
      latency(run, 50),
      latency(run, 99),
      `${run.acked}/${run.pressed}`,
      run.late,
      run.pressed - run.recorded,
      run.shown ?? '–',
      run.recorded,
      Math.round(run.cpuMs),
      Math.round(run.mainThreadCpuMs),
      Math.round(run.settledMs),
      Math.round(run.driverCpuMs),
      run.warnings,
      run.peakRssMb ?? '–',
    ]),
  );

  const p99Ratios = pairs.map(
    (pair) => latency(pair.newsquiz, 99) / Math.max(latency(pair.baseline, 99), 0.1),
  );
  const cpuRatios = pairs.map((pair) => pair.newsquiz.cpuMs / Math.max(pair.baseline.cpuMs, MIN_CPU_MS));
  const mainRatios = pairs.map(
    (pair) => pair.newsquiz.mainThreadCpuMs / Math.max(pair.baseline.mainThreadCpuMs, MIN_CPU_MS),
  );
  const p99RatioMedian = round(median(p99Ratios), 2);
  const cpuRatioMedian = round(median(cpuRatios), 2);
  const mainThreadCpuRatioMedian = round(median(mainRatios), 2);
  const newsquiz = pairs.map((pair) => pair.newsquiz);
  const pressed = newsquiz[0]?.pressed ?? 0;
  const acked = Math.min(...newsquiz.map((run) => run.acked));
  const late = Math.max(...newsquiz.map((run) => run.late));
  const lost = Math.max(...newsquiz.map((run) => run.pressed - run.recorded));
  // The run whose count is furthest off stands for all (the last one when all agree).
  const worst = newsquiz.reduce((far, run) =>
    Math.abs((run.shown ?? -1) - run.recorded) >= Math.abs((far.shown ?? -1) - far.recorded) ? run : far,
  );
  const met = {
    p99: p99RatioMedian <= TARGETS.p99Ratio,
    cpu: cpuRatioMedian <= TARGETS.cpuRatio,
    acked: acked === pressed,
    late: late === 0,
    lost: lost === 0,
    count: worst.shown === worst.recorded,
  };
  const yes = (ok: boolean) => (ok ? 'yes' : 'NO');
  printTable(
    `Summary, newsquiz against the do-nothing bot (${pairs.length} pairs after ${WARMUP_PAIRS} uncounted; ratios are medians of the pairs' ratios; newsquiz counts are its worst run)`,
    ['figure', 'value', 'target', 'met'],
    [
      [
        'p99 ratio',
        `${p99RatioMedian} (${p99Ratios.map((ratio) => round(ratio, 2)).join(', ')})`,
        `≤ ${TARGETS.p99Ratio}`,
        yes(met.p99),
      ],
      [
        'CPU ratio',
        `${cpuRatioMedian} (${cpuRatios.map((ratio) => round(ratio, 2)).join(', ')})`,
        `≤ ${TARGETS.cpuRatio}`,
        yes(met.cpu),
      ],
      [
        'main-thread CPU ratio',
        `${mainThreadCpuRatioMedian} (${mainRatios.map((ratio) => round(ratio, 2)).join(', ')})`,
        '',
        '',
      ],
      ['acknowledged', `${acked}/${pressed}`, 'all', yes(met.acked)],
      ['late acknowledgements', late, '0', yes(met.late)],
      ['lost answers', lost, '0', yes(met.lost)],
      ['count shown / recorded', `${worst.shown ?? '–'} / ${worst.recorded}`, 'equal', yes(met.count)],
    ],
  );
  if (meta.store === 'redis') {
    console.log("With Redis the store's own work runs in the Redis server, outside these CPU times.\n");
  }
  const logged = newsquiz.flatMap((run) => run.firstLogLines);
  if (logged.length > 0) {
    console.log('newsquiz logged (first lines of each run):');
    for (const line of logged) console.log(`  ${line}`);
    console.log('');
  }
  const summary: PairsSummary = {
    bench: meta.bench,
    ...(meta.mode ? { mode: meta.mode } : {}),
    store: meta.store,
    pairs: pairs.length,
    pressed,
    p99RatioMedian,
    cpuRatioMedian,
    mainThreadCpuRatioMedian,
    baselineP50Ms: round(median(pairs.map((pair) => latency(pair.baseline, 50)))),
    newsquizP50Ms: round(median(newsquiz.map((run) => latency(run, 50)))),
    baselineP99Ms: round(median(pairs.map((pair) => latency(pair.baseline, 99)))),
    newsquizP99Ms: round(median(newsquiz.map((run) => latency(run, 99)))),
    baselineCpuMs: Math.round(median(pairs.map((pair) => pair.baseline.cpuMs))),
    newsquizCpuMs: Math.round(median(newsquiz.map((run) => run.cpuMs))),
    acked,
    late,
    lost,
    shown: worst.shown ?? null,
    recorded: worst.recorded,
    targetsMet: Object.values(met).every(Boolean),
  };
  console.log(JSON.stringify(summary));
  return summary;
}
