// A headless Chromium for page tests (Debian's /usr/bin/chromium or CHROMIUM_PATH), or why none could start.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The browser, or the reason it could not start (to skip the tests with it). */
export async function launchBrowser(): Promise<Browser | string> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return `no browser could start (${CHROMIUM}: ${first}); install Debian's chromium or set CHROMIUM_PATH`;
  }
}
