// `npm run content:import -- <url> [<url>…]`: pages and feeds → drafts in <CONTENT_DIR>/_drafts/, each story once.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, type IntakeConfig, loadIntakeConfig, modelSettings } from '../config.ts';
import { formatContentError } from '../content/content-error.ts';
import { fileLabel, loadContent } from '../content/load-content.ts';
import { createImportContext } from '../intake/import-context.ts';
import { type ImportEvent, importStories } from '../intake/import-stories.ts';
import { createModelDrafter } from '../intake/model-drafter.ts';

const urls = process.argv.slice(2);
if (urls.length === 0 || urls.some((url) => url === '--help' || url === '-h')) {
  console.error(
    'Usage: npm run content:import -- <url> [<url>…]   (each an article page or an RSS, Atom or JSON feed)',
  );
  process.exit(2);
}

let config: IntakeConfig;
try {
  config = loadIntakeConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${error.message}\n\nSee .env.example for every variable and its expected form.`);
  process.exit(2);
}
const contentDir = resolve(config.CONTENT_DIR);
if (
  !(await stat(contentDir).then(
    (info) => info.isDirectory(),
    () => false,
  ))
) {
  console.error(
    `${fileLabel(contentDir)} is not a folder; create it or set CONTENT_DIR to your content folder.`,
  );
  process.exit(1);
}

const loaded = await loadContent(contentDir);
const articles = loaded.articles.map((entry) => entry.article);
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function describe(event: ImportEvent): void {
  switch (event.kind) {
    case 'feed':
      console.log(
        `Feed ${event.url}${event.title ? ` (${event.title})` : ''}: ${count(event.items, 'item')}${event.leftOut > 0 ? `; the ${count(event.leftOut, 'older item')} past the first ${event.items} are left for a later run` : ''}`,
      );
      return;
    case 'note':
      console.log(`${event.url}: ${event.message}`);
      return;
    case 'failed':
      console.error(`Could not import ${event.url}: ${event.reason}`);
      return;
    case 'already':
      console.log(
        `Already imported: ${event.url} is ${event.where === 'draft' ? `the draft ${event.id}` : `the published article ${event.id}`}`,
      );
      return;
    case 'drafted': {
      const { check } = event;
      const questions = `${count(event.focus, 'focus sentence')}, ${count(event.tags, 'tag')}, ${count(check.generated, 'generated question')}`;
      console.log(`Drafted ${fileLabel(event.path)} from ${event.url}: ${questions}`);
      if (event.note) console.log(`  ${event.note}`);
      if (check.needs.length > 0) console.log(`  still needs: ${check.needs.join(', ')}`);
      for (const problem of check.problems) console.log(`  ${formatContentError(problem)}`);
      if (check.errors.length === 0)
        console.log('  passes content:check; move it out of _drafts/ to publish it');
    }
  }
}

const model = modelSettings(config);
if (model) {
  console.log(
    `Drafting with the model ${model.model} at ${new URL(model.baseUrl).host} (LLM_BASE_URL); its names, numbers, dates and quotes are checked against each article.`,
  );
}
const drafter = model ? createModelDrafter(model) : undefined;
const { context, close } = createImportContext({
  contentDir,
  articles,
  onEvent: describe,
  ...(drafter ? { drafter } : {}),
});
try {
  const summary = await importStories(urls, context);
  const parts = [
    `${count(summary.drafted, 'draft')} written`,
    `${summary.already} already imported`,
    `${summary.failed} failed`,
  ];
  console.log(
    summary.drafted === 0 && summary.failed === 0 ? `Nothing new: ${parts.join(', ')}` : parts.join(', '),
  );
  process.exitCode = summary.failed > 0 ? 1 : 0;
} finally {
  await close();
}
