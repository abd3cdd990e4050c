// A running bot picks up a published draft without a restart: its watcher watches what the loader read,
// and publishing puts the draft there.
import { afterEach, expect, test } from 'vitest';
import { publishDraft } from '../../src/intake/publish-draft.ts';
import { type Playground, startPlayground, step } from '../adapters/console/playground-harness.ts';
import { tempFolder } from '../content/fixtures.ts';
import { writeDraft } from '../intake/drafts.ts';
import { writeLibrary } from '../intake/library.ts';
import { eventually } from '../support/eventually.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

test('a draft published while the bot runs is served at once: /brief finds it, with no restart', async () => {
  const { dir, remove } = await tempFolder('newsquiz-live-publish-');
  await writeLibrary(dir);
  await writeDraft(dir, 'ready-draft');
  const playground: Playground = await startPlayground({ CONTENT_DIR: dir, FEED_POLLING: 'off' });
  cleanup = async () => {
    await playground.close();
    await remove();
  };
  // The playground answers once everything has started, the content watcher included.
  await step(playground, '/help', /\/quiz/);
  // A draft is no article: the bot does not know it.
  expect(playground.app.core.catalog().byId('ready-draft')).toBeUndefined();

  expect(await publishDraft(dir, 'ready-draft')).toMatchObject({ published: true });

  await eventually(() => playground.app.core.catalog().byId('ready-draft'), 10_000);
  await step(playground, '/brief ready-draft', /Draft ready-draft/);
});
