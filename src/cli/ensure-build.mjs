// Runs before `npm start` and the operator scripts: compiles to dist/ when a source is newer than the
// last build, so a fresh clone's `npm install && npm start` works and production runs plain JavaScript.
// (Plain JavaScript itself, since it runs before anything is compiled.)
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const stamp = join(root, 'dist', '.tsbuildinfo');

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

let built = 0;
try {
  built = statSync(stamp).mtimeMs;
} catch {
  built = 0;
}
const sources = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const latest = Math.max(...sources.map((source) => newest(join(root, source))));
if (latest > built) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error(
      'dist/ is missing or out of date and TypeScript is not installed: run `npm install` first.',
    );
    process.exit(1);
  }
  process.stderr.write('Compiling newsquiz to dist/ (once per change)…\n');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // An incremental build that found nothing to emit leaves its stamp as it was: mark this check done.
  const now = new Date();
  utimesSync(stamp, now, now);
}
