// `npm run content:new "<title>"`: writes a new article file to fill in, named after its slug id.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { contentDirFromEnv } from '../config.ts';
import { CONTENT_LIMITS } from '../content/article-schema.ts';
import { articleTemplate, newArticleId } from '../content/article-template.ts';
import { fsErrorCode } from '../content/content-fs.ts';
import { fileLabel } from '../content/load-content.ts';

const title = (process.argv[2] ?? '').trim();
const now = new Date();

function refuse(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

if (title === '' || process.argv.length > 3) {
  refuse('Usage: npm run content:new "<title>" (the title in quotes, as one argument)', 2);
}
if (title.length > CONTENT_LIMITS.title) {
  refuse(
    `The title is ${title.length} characters; a title may be at most ${CONTENT_LIMITS.title}. Shorten it and run again.`,
    2,
  );
}
const { id, note } = newArticleId(title, now);
const dir = resolve(contentDirFromEnv() ?? 'content');
const path = join(dir, `${id}.md`);
try {
  // `wx`: never overwrite an article that already exists.
  await writeFile(path, articleTemplate(id, title, now), { flag: 'wx' });
} catch (error) {
  const code = fsErrorCode(error);
  if (code === 'EEXIST') refuse(`${fileLabel(path)} already exists; edit it, or choose another title.`, 1);
  if (code === 'ENOENT') {
    refuse(`${fileLabel(dir)} does not exist; create it or set CONTENT_DIR to your content folder.`, 1);
  }
  refuse(`Cannot write ${fileLabel(path)} (${code}); check the folder's permissions.`, 1);
}
console.log(`Wrote ${fileLabel(path)}.`);
if (note) console.log(note);
console.log(
  'Fill in every "" field and at least one focus sentence under "## Reading", then check it with: npm run content:check',
);
