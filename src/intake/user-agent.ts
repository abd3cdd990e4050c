// The User-Agent intake sends, naming newsquiz and its version, and the token robots.txt rules address.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The product token robots.txt groups are matched against (`User-agent: newsquiz`). */
export const ROBOTS_TOKEN = 'newsquiz';

/** The version in newsquiz's package.json, found above this file whether it runs from src/ or dist/. */
export function newsquizVersion(from = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'newsquiz' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here, or not ours: look one folder up.
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}

export const userAgent = (version = newsquizVersion()) => `${ROBOTS_TOKEN}/${version} (news intake)`;
