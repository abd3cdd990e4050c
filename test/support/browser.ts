// The browser the preview's page test drives: Debian's Chromium at /usr/bin/chromium, or CHROMIUM_PATH,
// through playwright-core. Where none can be started that test is skipped with this module's reason,
// except under CI=true, where a missing browser fails the run so CI keeps testing the page.
import { accessSync, constants, statSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** CI=true (or 1): a browser must be there. */
export const BROWSER_REQUIRED = process.env.CI === 'true' || process.env.CI === '1';
/** A browser that starts at all starts within this, even on a busy machine. */
const LAUNCH_TIMEOUT_MS = 60_000;

export type Launch = { browser: Browser; problem?: undefined } | { browser?: undefined; problem: string };

/** Why nothing can run at `path`, without starting it: absent, not a file, or not executable. */
function fileProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return `${path} is not a file`;
  } catch {
    return `${path} does not exist`;
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return `${path} is not executable`;
  }
  return undefined;
}

/** Starts the browser at `path`, or says in one line why none can be started there and what to do. */
export async function launchBrowser(path = CHROMIUM_PATH): Promise<Launch> {
  let cause = fileProblem(path);
  if (!cause) {
    try {
      return {
        browser: await chromium.launch({
          executablePath: path,
          args: ['--no-sandbox'],
          timeout: LAUNCH_TIMEOUT_MS,
        }),
      };
    } catch (error) {
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      cause = `${path} did not start (${first.replace(/^browserType\.launch: /, '').slice(0, 160)})`;
    }
  }
  return {
    problem: `no browser can be started: ${cause}. Install Chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary`,
  };
}
