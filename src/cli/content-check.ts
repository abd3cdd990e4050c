// `npm run content:check [dir]`: validates a content folder and prints a summary.
import { resolve } from 'node:path';
import { contentDirFromEnv } from '../config.ts';
import { formatContentError } from '../content/content-error.ts';
import { fileLabel, loadContent } from '../content/load-content.ts';
import { publishedMs } from '../content/published-at.ts';

const given = process.argv[2];
const dir = resolve(given ?? contentDirFromEnv() ?? 'content');
const { articles, errors, files, skipped } = await loadContent(dir, {
  origin: given ? 'argument' : 'CONTENT_DIR',
});
const questions = articles.reduce((sum, { article }) => sum + article.questions.length, 0);
const generated = articles.reduce((sum, entry) => sum + entry.generated, 0);
const now = Date.now();
const scheduled = articles.filter(({ article }) => publishedMs(article) > now);

for (const error of errors) console.error(formatContentError(error));
if (errors.length > 0) console.error('');
// Left out on purpose, but never silently.
for (const { file, reason } of skipped) console.log(`${file} → skipped: ${reason}`);
for (const { file, article } of scheduled) {
  console.log(
    `${file} → scheduled: hidden from readers until ${new Date(publishedMs(article)).toISOString()}`,
  );
}
for (const entry of articles) {
  if (entry.generated === 0) continue;
  const written = entry.article.questions.length - entry.generated;
  console.log(`${entry.file} → ${entry.generated} generated and ${written} written questions`);
}
if (articles.length === 0 && errors.length === 0) {
  console.error(
    `0 articles: ${fileLabel(dir) || dir} holds no article files. Add Markdown files there (see content/README.md), or pass another folder: npm run content:check path/to/dir\n`,
  );
}
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const scheduledNote = scheduled.length > 0 ? ` (${scheduled.length} scheduled)` : '';
console.log(
  `${count(files, 'file')}, ${count(articles.length, 'article')}${scheduledNote}, ${count(questions, 'question')}${generated > 0 ? ` (${generated} generated)` : ''}, ${count(errors.length, 'error')}`,
);
process.exitCode = errors.length > 0 ? 1 : 0;
