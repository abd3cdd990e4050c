// npm run bench:content — 2,000 varied, valid articles in a temp folder, loaded and validated by loadContent.
import { performance } from 'node:perf_hooks';
import { loadContent } from '../../src/content/load-content.ts';
import { articleMarkdown, tempFolder, writeArticle } from '../content/fixtures.ts';
import { printTable, trackPeakRss } from './bench-report.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 2_000);
/** Start-up budget for loading the whole folder. */
const TARGET_MS = 1_500;
const PER_FOLDER = 100;

const { dir, remove } = await tempFolder('newsquiz-bench-content-');
try {
  let bytes = 0;
  for (let first = 0; first < ARTICLES; first += PER_FOLDER) {
    const batch = Array.from(
      { length: Math.min(PER_FOLDER, ARTICLES - first) },
      (_, offset) => first + offset + 1,
    );
    await Promise.all(
      batch.map((seed) => {
        const text = articleMarkdown({ seed });
        bytes += Buffer.byteLength(text);
        return writeArticle(dir, `batch-${Math.floor(first / PER_FOLDER)}/article-${seed}.md`, text);
      }),
    );
  }

  const rss = trackPeakRss(5);
  const started = performance.now();
  const result = await loadContent(dir);
  const elapsedMs = Math.round(performance.now() - started);
  const peakRssMb = rss.stop();

  const articles = result.articles.length;
  const errors = result.errors.length;
  const articlesPerSecond = Math.round(articles / (elapsedMs / 1000));
  const questions = result.articles.reduce((sum, { article }) => sum + article.questions.length, 0);

  printTable(
    `Content load: ${ARTICLES} generated articles (${(bytes / 1024 / 1024).toFixed(1)} MB, ${questions} questions)`,
    ['articles', 'errors', 'elapsed ms', 'articles/s', 'peak RSS MB', `target < ${TARGET_MS} ms`],
    [[articles, errors, elapsedMs, articlesPerSecond, peakRssMb, elapsedMs < TARGET_MS ? 'met' : 'missed']],
  );
  for (const error of result.errors.slice(0, 5))
    console.error(`${error.file}:${error.line ?? ''} ${error.message}`);
  if (errors > 0 || articles !== ARTICLES) process.exitCode = 1;
  console.log(
    JSON.stringify({ bench: 'content', articles, errors, elapsedMs, articlesPerSecond, peakRssMb }),
  );
} finally {
  await remove();
}
