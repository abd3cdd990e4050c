// `npm run content:check [dir]`: validates a content folder and prints a summary.
import { resolve } from 'node:path';
import { formatContentError } from '../content/content-error.ts';
import { loadContent } from '../content/load-content.ts';

const dir = resolve(process.argv[2] ?? process.env.CONTENT_DIR ?? 'content');
const { articles, errors, files } = await loadContent(dir);
const questions = articles.reduce((sum, { article }) => sum + article.questions.length, 0);

for (const error of errors) console.error(formatContentError(error));
if (errors.length > 0) console.error('');
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
console.log(
  `${count(files, 'file')}, ${count(articles.length, 'article')}, ${count(questions, 'question')}, ${count(errors.length, 'error')}`,
);
process.exitCode = errors.length > 0 ? 1 : 0;
