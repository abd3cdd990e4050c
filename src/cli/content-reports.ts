// `npm run content:reports`: per article and question, readers' reports and answer statistics from the
// store (STORE_URL, as the bot reads it; the bot may be stopped), with the questions to look at flagged.
import { resolve } from 'node:path';
import { ConfigError, loadStoreReaderConfig } from '../config.ts';
import { type LoadedArticle, loadContent } from '../content/load-content.ts';
import { clipText } from '../core/clip-text.ts';
import { isStoreUnavailable } from '../core/ports.ts';
import { FLAG_MEANINGS, flagLines, reportsLine, statsLine } from '../core/quality/describe-quality.ts';
import { type QuestionQuality, readArticleQuality } from '../core/quality/question-quality.ts';
import { silentLogger } from '../logger.ts';
import { openQualityReader, type QualityReader } from '../store/quality-reader.ts';
import { StoreOpenError } from '../store/store-open-error.ts';

/** How much of a prompt a listing line shows. */
const PROMPT_SHOWN = 90;

const where = (file: string, quality: QuestionQuality) =>
  quality.line === undefined ? file : `${file}:${quality.line}`;

function questionLines(file: string, quality: QuestionQuality): string[] {
  const from = quality.generated ? ' (from the text)' : '';
  return [
    `  ${where(file, quality)}  Q${quality.index + 1}${from}: ${clipText(quality.prompt, PROMPT_SHOWN)}`,
    `      ${statsLine(quality)}`,
    `      ${reportsLine(quality)}`,
    ...quality.reports.notes.map((note) => `        note: “${note}”`),
    ...flagLines(quality).map((line) => `      ${line}`),
  ];
}

async function report(reader: QualityReader, articles: readonly LoadedArticle[]): Promise<void> {
  const flagged: string[] = [];
  let answered = 0;
  let reports = 0;
  let questions = 0;
  const sorted = [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const { file, article, questionLines: lines } of sorted) {
    const qualities = await readArticleQuality(reader.ports, article, lines);
    console.log(`${file} · ${article.title} (${article.id})`);
    for (const quality of qualities) {
      console.log(questionLines(file, quality).join('\n'));
      questions += 1;
      answered += quality.stats.answered;
      reports += quality.reports.total;
      for (const flag of flagLines(quality)) flagged.push(`  ${where(file, quality)}  ${flag}`);
    }
    console.log('');
  }
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  console.log(
    `${count(articles.length, 'article')}, ${count(questions, 'question')}, ${count(answered, 'answer')}, ${count(reports, 'report')}, ${count(flagged.length, 'flag')}`,
  );
  if (flagged.length > 0) console.log(`\nFlagged:\n${flagged.join('\n')}`);
  console.log(
    `\n⚑ ${Object.values(FLAG_MEANINGS).join('; ⚑ ')}. Statistics count quiz answers (not reviews) to each question as it is now; an edit of its choices or answer key starts them afresh.`,
  );
}

// `npm run content:reports | head` closes the pipe early: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

try {
  const config = loadStoreReaderConfig();
  const dir = resolve(config.CONTENT_DIR);
  const { articles, errors } = await loadContent(dir, { origin: 'CONTENT_DIR' });
  if (errors.length > 0) {
    console.error(
      `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${config.CONTENT_DIR}: articles that do not load are left out (npm run content:check lists the problems).\n`,
    );
  }
  const reader = await openQualityReader(config.STORE_URL, config.STORE_NAMESPACE, silentLogger());
  try {
    if (reader.note) console.log(`${reader.note}\n`);
    await report(reader, articles);
  } finally {
    await reader.close();
  }
  process.exitCode = 0;
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
    process.exit(2);
  }
  if (error instanceof StoreOpenError) {
    console.error(error.message);
    process.exit(1);
  }
  if (isStoreUnavailable(error)) {
    console.error(`The store stopped answering while it was read (${error.message}). Try again in a minute.`);
    process.exit(1);
  }
  throw error;
}
