// A running bot picks up a published draft without a restart: its watcher watches what the loader read,
// and publishing puts the draft there.
import { PassThrough, Writable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.ts';
import { parseConfig } from '../../src/config.ts';
import { publishDraft } from '../../src/intake/publish-draft.ts';
import { silentLogger } from '../../src/logger.ts';
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
  let screen = '';
  const input = new PassThrough();
  const app: App = await createApp(
    parseConfig({ STORE_URL: 'memory://', CONTENT_DIR: dir, FEED_POLLING: 'off' }),
    {
      log: silentLogger(),
      input,
      output: new Writable({
        write(chunk: Buffer, _encoding, done) {
          screen += chunk.toString();
          done();
        },
      }),
    },
  );
  const running = app.start();
  cleanup = async () => {
    input.end();
    await running;
    await app.stop();
    await remove();
  };
  input.write('/help\n');
  await eventually(() => screen.includes('/quiz'), 10_000);
  // A draft is no article: the bot does not know it.
  expect(app.core.catalog().byId('ready-draft')).toBeUndefined();

  expect(await publishDraft(dir, 'ready-draft')).toMatchObject({ published: true });

  await eventually(() => app.core.catalog().byId('ready-draft'), 10_000);
  input.write('/brief ready-draft\n');
  await eventually(() => screen.includes('Draft ready-draft'), 10_000);
});
