// npm run bench:intake — (1) speed: 200 article pages from a local news site (its own process) imported
// through a feed by the compiled intake with the built-in drafter (its own process, after a warm-up),
// against a do-nothing baseline that only fetches the same pages; (2) tagging quality: the built-in
// tagger on the shipped articles' focus sentences against their hand tags that occur verbatim in the
// sentence, with the gazetteer built without the article under test.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Entity } from '../../src/content/article-schema.ts';
import { loadContent } from '../../src/content/load-content.ts';
import { buildGazetteer } from '../../src/intake/gazetteer.ts';
import { tagSentences } from '../../src/intake/tag-entities.ts';
import { printTable } from './bench-report.ts';
import { buildNewsquiz, ROOT } from './bot-process.ts';

const PAGES = Number(process.env.BENCH_PAGES ?? 200);
const WARMUP = 20;
const TARGET_PAGES_PER_SECOND = 20;
const TARGET_RSS_MB = 300;
const TARGET_PRECISION = 0.7;
const TARGET_RECALL = 0.6;
const WORKER = join(ROOT, 'test/bench/intake-worker.mjs');

interface WorkerResult {
  pages: number;
  seconds: number;
  rssMb: number;
  failed?: string[];
}

function worker(mode: 'intake' | 'baseline', env: Record<string, string>): WorkerResult {
  const out = execFileSync(process.execPath, [WORKER, mode], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      BENCH_PAGES: String(PAGES),
      BENCH_WARMUP: String(WARMUP),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as WorkerResult;
}

/** Starts the site process and waits for the origin it prints. */
async function startSite(): Promise<{ origin: string; stop: () => void }> {
  const site = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/bench/intake-site.ts')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_PAGES: String(PAGES), BENCH_WARMUP: String(WARMUP) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: site.stdout });
  const origin = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    site.once('exit', (code) => reject(new Error(`the bench site exited (${code}) before it started`)));
  });
  return { origin, stop: () => site.stdin.end() };
}

/** The shipped articles' focus sentences, tagged with a gazetteer that leaves each article out. */
async function taggingQuality() {
  const { articles: loaded } = await loadContent(join(ROOT, 'content'));
  const articles = loaded.map((entry) => entry.article);
  const rows: (string | number)[][] = [];
  const total = { gold: 0, predicted: 0, hits: 0, nameHits: 0 };
  const key = (entity: Entity) => entity.name.toLowerCase();
  for (const article of articles) {
    const gazetteer = buildGazetteer(articles, article.id);
    const tagged = tagSentences(
      article.reading.map((sentence) => sentence.text),
      gazetteer,
    );
    const counts = { gold: 0, predicted: 0, hits: 0, nameHits: 0 };
    article.reading.forEach((sentence, index) => {
      const lower = sentence.text.toLowerCase();
      const gold = sentence.entities.filter((entity) => lower.includes(entity.name.toLowerCase()));
      const predicted = tagged[index] ?? [];
      counts.gold += gold.length;
      counts.predicted += predicted.length;
      for (const tag of predicted) {
        const match = gold.find((entity) => key(entity) === key(tag));
        if (match) counts.nameHits += 1;
        if (match?.type === tag.type) counts.hits += 1;
      }
    });
    for (const field of ['gold', 'predicted', 'hits', 'nameHits'] as const) total[field] += counts[field];
    rows.push([article.id, counts.gold, counts.predicted, counts.hits, counts.nameHits]);
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);
  const figures = {
    precision: ratio(total.hits, total.predicted),
    recall: ratio(total.hits, total.gold),
    namePrecision: ratio(total.nameHits, total.predicted),
    nameRecall: ratio(total.nameHits, total.gold),
  };
  rows.push(['all', total.gold, total.predicted, total.hits, total.nameHits]);
  return { rows, figures, total };
}

buildNewsquiz();
const { origin, stop } = await startSite();
const contentDir = await mkdtemp(join(tmpdir(), 'newsquiz-bench-intake-'));
let intake: WorkerResult;
let baseline: WorkerResult;
try {
  await cp(join(ROOT, 'content'), contentDir, { recursive: true });
  baseline = worker('baseline', { BENCH_ORIGIN: origin });
  intake = worker('intake', { BENCH_ORIGIN: origin, CONTENT_DIR: contentDir });
} finally {
  stop();
  await rm(contentDir, { recursive: true, force: true });
}
for (const failure of intake.failed ?? []) console.error(failure);

const pagesPerSecond = Math.round((intake.pages / intake.seconds) * 10) / 10;
const baselinePagesPerSecond = Math.round((baseline.pages / baseline.seconds) * 10) / 10;
printTable(
  `Intake: ${PAGES} pages from a local news site through two feeds of 100 items, built-in drafter (compiled, own process, after ${WARMUP} warm-up pages); ${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}`,
  [
    'side',
    'pages',
    'seconds',
    'pages/s',
    'peak RSS MB',
    `target ≥ ${TARGET_PAGES_PER_SECOND}/s, ≤ ${TARGET_RSS_MB} MB`,
  ],
  [
    [
      'fetch only (baseline)',
      baseline.pages,
      baseline.seconds.toFixed(2),
      baselinePagesPerSecond,
      baseline.rssMb,
      '',
    ],
    [
      'intake',
      intake.pages,
      intake.seconds.toFixed(2),
      pagesPerSecond,
      intake.rssMb,
      pagesPerSecond >= TARGET_PAGES_PER_SECOND && intake.rssMb <= TARGET_RSS_MB ? 'met' : 'missed',
    ],
  ],
);

const quality = await taggingQuality();
printTable(
  'Tagging: the built-in tagger on the shipped focus sentences, gazetteer without the article under test (a hit is the same name; typed: and the same kind)',
  ['article', 'hand tags in text', 'tags made', 'typed hits', 'name hits'],
  quality.rows,
);
const { figures } = quality;
console.log(
  `precision ${figures.precision} (target ≥ ${TARGET_PRECISION}), recall ${figures.recall} (target ≥ ${TARGET_RECALL}); by name alone ${figures.namePrecision} and ${figures.nameRecall}`,
);
if (intake.pages !== PAGES) process.exitCode = 1;
console.log(
  JSON.stringify({
    bench: 'intake',
    pages: intake.pages,
    seconds: Math.round(intake.seconds * 100) / 100,
    pagesPerSecond,
    peakRssMb: intake.rssMb,
    baselinePagesPerSecond,
    ratioToBaseline: Math.round((baseline.seconds / intake.seconds) * 100) / 100,
    tagPrecision: figures.precision,
    tagRecall: figures.recall,
    tagNamePrecision: figures.namePrecision,
    tagNameRecall: figures.nameRecall,
    handTags: quality.total.gold,
  }),
);
