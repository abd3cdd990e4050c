// `npm run content:publish -- <id>`: moves <CONTENT_DIR>/_drafts/<id>.md into the library when it passes
// content:check. Exit 0 published, 1 refused (with every problem), 2 usage.
import { resolve } from 'node:path';
import { contentDirFromEnv } from '../config.ts';
import { formatContentError } from '../content/content-error.ts';
import { publishDraft } from '../intake/publish-draft.ts';

const args = process.argv.slice(2);
if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
  console.error(
    "Usage: npm run content:publish -- <id>   (a draft's file name in <CONTENT_DIR>/_drafts/ without .md; the preview lists them)",
  );
  process.exit(2);
}

const result = await publishDraft(resolve(contentDirFromEnv() ?? 'content'), args[0] as string);
if (result.published) {
  console.log(`Published ${result.from} as ${result.to}; a running bot shows it without a restart.`);
} else {
  console.error(result.message);
  for (const problem of result.problems) console.error(formatContentError(problem));
  if (result.code === 'bad-name') process.exit(2);
  process.exitCode = 1;
}
