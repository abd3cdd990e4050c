// The drafts on the preview page, in a real browser: what each still needs, which checks failed, and the
// Publish button (a ready draft moves into the library; another is refused with its problems).
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { DRAFTS_FOLDER } from '../../src/intake/imported-stories.ts';
import { silentLogger } from '../../src/logger.ts';
import { type PreviewServer, startPreviewServer } from '../../src/preview/preview-server.ts';
import { tempFolder } from '../content/fixtures.ts';
import { writeDraft } from '../intake/drafts.ts';
import { writeLibrary } from '../intake/library.ts';
import { BROWSER_REQUIRED, launchBrowser } from '../support/browser.ts';
import { cannotRun } from '../support/cannot-run.ts';

/** Conditions get this long to come true on a busy machine; they are polled, never slept on. */
const DEADLINE_MS = 20_000;
vi.setConfig({ testTimeout: 3 * DEADLINE_MS, hookTimeout: 60_000 });

const launched = await launchBrowser();
const noBrowser = cannotRun(
  BROWSER_REQUIRED || !launched.problem ? undefined : `${launched.problem} (with CI=true this fails instead)`,
);

describe.skipIf(noBrowser.skip)(noBrowser.title('drafts on the preview page'), () => {
  let folder: { dir: string; remove: () => Promise<void> };
  let library: ContentLibrary;
  let server: PreviewServer;
  let page: Page;

  beforeAll(async () => {
    const { browser } = launched;
    if (!browser) throw new Error(`CI=true needs the browser test to run, and ${launched.problem}`);
    folder = await tempFolder('newsquiz-preview-drafts-');
    await writeLibrary(folder.dir);
    await writeDraft(folder.dir, 'ready-draft');
    await writeDraft(folder.dir, 'incomplete', { frontMatter: { hook: undefined, audience: [] } });
    await writeDraft(folder.dir, 'cranes-again', { id: 'port-cranes' });
    library = new ContentLibrary(folder.dir, silentLogger(), { logProblems: false });
    await library.load();
    await library.watch();
    server = await startPreviewServer({ library, port: 0 });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await launched.browser?.close();
    await server?.close();
    await library?.close();
    await folder?.remove();
  });

  const row = (name: string) => page.locator(`tr.draft-row[data-name="${name}"]`);
  const draftPath = (name: string) => join(folder.dir, DRAFTS_FOLDER, `${name}.md`);

  test('each draft is listed with what it still needs, which checks failed, and a Publish button', async () => {
    await page.goto(server.url);
    await page.waitForSelector('tr.draft-row >> nth=2', { timeout: DEADLINE_MS });

    expect(await page.locator('div.drafts h2').textContent()).toBe(
      `3 drafts in ${join(folder.dir, DRAFTS_FOLDER)}`,
    );
    expect(await row('ready-draft').locator('.draft-check').textContent()).toBe('passes every check');
    expect(await row('incomplete').locator('.needs').textContent()).toBe('Still needs: audience, hook');
    expect(await row('cranes-again').locator('ul.errors li').allInnerTexts()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${draftPath('cranes-again')}:\\d+ → id: "port-cranes" is already used by ${join(folder.dir, 'port-cranes.md')}; ids must be unique`,
        ),
      ),
    ]);
    expect(await page.locator('tr.draft-row button.publish').count()).toBe(3);
  });

  test('Publish on a draft with problems shows them under its row, and nothing moves', async () => {
    await page.goto(server.url);
    await row('incomplete').locator('button.publish').click();
    const refusal = row('incomplete').locator('.refusal');
    await refusal.waitFor({ timeout: DEADLINE_MS });
    expect(await refusal.locator('div').first().textContent()).toBe(
      `Not published: ${draftPath('incomplete')} does not pass content:check`,
    );
    expect(await refusal.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/ → audience: needs at least 1 audience/),
      expect.stringMatching(/ → hook: is required$/),
    ]);
    await access(draftPath('incomplete'));
  });

  test('Publish on a ready draft moves it into the library: the page says so and lists it among the articles', async () => {
    await page.goto(server.url);
    await row('ready-draft').locator('button.publish').click();
    await page.locator('.notice').waitFor({ timeout: DEADLINE_MS });
    expect(await page.locator('.notice').textContent()).toBe(
      `Published ready-draft as ${join(folder.dir, 'ready-draft.md')}.`,
    );
    await page.waitForSelector('tr.article-row[data-id="ready-draft"]', { timeout: DEADLINE_MS });
    expect(await row('ready-draft').count()).toBe(0);
    expect((await readdir(folder.dir)).filter((name) => name.endsWith('.md')).sort()).toEqual([
      'port-cranes.md',
      'ready-draft.md',
      'river-ferries.md',
    ]);
  });
});
