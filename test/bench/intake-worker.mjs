// One side of npm run bench:intake, run as its own process on the compiled code (dist/): `intake`
// imports the bench feed's pages into a fresh drafts folder with the built-in drafter (after a warm-up
// on other pages), `baseline` only fetches the same pages with the same fetcher (the do-nothing side).
// Prints one JSON line: pages, seconds, the process's peak RSS.
// Plain JavaScript, run with `node` and no loader, so the process holds what content:import would.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '..', '..');
const dist = (path) => import(join(root, 'dist', path));
const { loadContent } = await dist('src/content/load-content.js');
const { createHostileFetcher } = await dist('src/intake/hostile-fetch.js');
const { createImportContext } = await dist('src/intake/import-context.js');
const { importStories } = await dist('src/intake/import-stories.js');
const { ITEM_CONCURRENCY } = await dist('src/intake/intake-limits.js');
const { userAgent } = await dist('src/intake/user-agent.js');

const mode = process.argv[2];
const origin = process.env.BENCH_ORIGIN;
const pages = Number(process.env.BENCH_PAGES ?? 200);
const warmup = Number(process.env.BENCH_WARMUP ?? 20);
const contentDir = process.env.CONTENT_DIR;
const fetcher = createHostileFetcher({ userAgent: userAgent() });
const host = new URL(origin).host;

if (mode === 'baseline') {
  const urls = Array.from({ length: pages }, (_, n) => `${origin}/bench/page-${n + 1}.html`);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: ITEM_CONCURRENCY }, async () => {
      while (next < urls.length) {
        const answer = await fetcher.fetch(urls[next++], { trustedHost: host });
        if (!answer.ok) throw new Error(answer.reason);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await fetcher.close();
  console.log(JSON.stringify({ pages, seconds, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else {
  const loaded = await loadContent(contentDir);
  const articles = loaded.articles.map((entry) => entry.article);
  const events = { drafted: 0, failed: [] };
  const { context } = createImportContext({
    contentDir,
    articles,
    fetcher,
    onEvent: (event) => {
      if (event.kind === 'drafted') events.drafted += 1;
      if (event.kind === 'failed') events.failed.push(`${event.url}: ${event.reason}`);
    },
  });
  // Warm-up on pages the feeds do not list: the JIT and compromise's lexicon are ready before timing.
  await importStories(
    Array.from({ length: warmup }, (_, n) => `${origin}/bench/page-${pages + n + 1}.html`),
    context,
  );
  events.drafted = 0;
  const started = performance.now();
  const feeds = Array.from({ length: Math.ceil(pages / 100) }, (_, n) => `${origin}/bench/feed-${n + 1}.rss`);
  const summary = await importStories(feeds, context);
  const seconds = (performance.now() - started) / 1000;
  await fetcher.close();
  console.log(
    JSON.stringify({
      pages: summary.drafted,
      failed: events.failed.slice(0, 3),
      seconds,
      rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}
