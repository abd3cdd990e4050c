// When the preview's browser test counts a browser as missing: it is absent, not executable, or does not
// start. Each gives one line saying why and how to install Chromium.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { tempDir } from '../support/test-core.ts';

let dir: { path: string; remove(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir('newsquiz-browser-');
});
afterEach(() => dir.remove());

async function problemWith(path: string): Promise<string | undefined> {
  const launched = await launchBrowser(path);
  await launched.browser?.close();
  return launched.problem;
}

const ADVICE = 'Install Chromium (apt-get install chromium) or set CHROMIUM_PATH';

test('a browser path where nothing is counts as no browser, in one line with what to do', async () => {
  const problem = await problemWith(join(dir.path, 'chromium'));
  expect(problem).toContain(`${join(dir.path, 'chromium')} does not exist`);
  expect(problem).toContain(ADVICE);
  expect(problem).not.toContain('\n');
});

test('an empty file that is not executable stands where Chromium should be: no browser', async () => {
  const path = join(dir.path, 'chromium');
  await writeFile(path, '');
  await chmod(path, 0o644);
  const problem = await problemWith(path);
  expect(problem).toContain(`${path} is not executable`);
  expect(problem).toContain(ADVICE);
});

test('an executable that fails to start as a browser: no browser, with the launch error', async () => {
  const path = join(dir.path, 'chromium');
  await writeFile(path, '#!/bin/sh\necho "chromium: cannot open display" >&2\nexit 1\n');
  await chmod(path, 0o755);
  const problem = await problemWith(path);
  expect(problem).toContain(`${path} did not start`);
  expect(problem).toContain(ADVICE);
  expect(problem).not.toContain('\n');
});
