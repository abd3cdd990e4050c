// Runs before `npm start` and the operator scripts: compiles src/ and commands/ to dist/ when they changed
// since the last successful build, so a fresh clone's `npm install && npm start` works and production runs
// plain JavaScript (`npm run build` is this script alone).
// A build counts only once tsc succeeded: the stamp naming the sources it was made from is removed before
// compiling and written after, so a failed compile fails every start, with the compiler's errors, until it
// is fixed. One compile at a time: a second start waits for the first one's lock, then looks again.
// (Plain JavaScript itself, since it runs before anything is compiled.)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
/** The fingerprint of the sources dist/ was last built from, written only after a successful compile. */
const stampFile = join(dist, '.build-stamp');
/** Held (created exclusively, naming its process) while a compile runs. */
const lockFile = join(dist, '.build-lock');
/** What a build is made from: a change to any of them means compiling again. */
const INPUTS = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
/** Files the compiled code reads beside itself (Fluent messages), copied into dist/ as they are. */
const ASSETS = [join('src', 'i18n', 'locales')];
/** A lock this old is left over from a compile that cannot still be running. */
const STALE_LOCK_MS = 15 * 60_000;
const WAIT_STEP_MS = 200;

/** A hash of every input's path and content (mtimes lie after a checkout, a copy or an unpack). */
function fingerprint() {
  const hash = createHash('sha256');
  const add = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return; // package-lock.json may be absent
    }
    if (info.isDirectory()) {
      for (const entry of readdirSync(path).sort()) add(join(path, entry));
      return;
    }
    hash.update(`${relative(root, path)}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  };
  for (const input of INPUTS) add(join(root, input));
  return hash.digest('hex');
}

function built() {
  try {
    return readFileSync(stampFile, 'utf8').trim() === fingerprint();
  } catch {
    return false;
  }
}

/** Takes the lock with this process's id in it (written first, then linked into place atomically). */
function tryLock() {
  const mine = `${lockFile}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    linkSync(mine, lockFile);
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** The lock's holder, or undefined when there is none. */
function holder() {
  try {
    return { pid: Number(readFileSync(lockFile, 'utf8')), ageMs: Date.now() - statSync(lockFile).mtimeMs };
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** tsc's errors as `file:line:col - error TS…: message`, like its own terminal output, without colours. */
const asFileLine = (output) => output.replace(/^(.+?)\((\d+),(\d+)\): /gm, '$1:$2:$3 - ');

/** Compiles under the lock; returns the exit code for the process. */
function compile() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error(
      'dist/ is missing or older than the sources, and TypeScript is not installed to compile them ' +
        '(npm ci --omit=dev leaves it out). Run `npm ci` (or `npm install`) and start again, or ' +
        'deploy a dist/ built with `npm run build` from these same sources.',
    );
    return 1;
  }
  rmSync(stampFile, { force: true });
  // Taken before compiling: a file saved during the compile makes the next start compile again.
  const sources = fingerprint();
  process.stderr.write('Compiling newsquiz to dist/ (once per change)…\n');
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', join(root, 'tsconfig.build.json'), '--pretty', 'false'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = asFileLine(`${result.stdout ?? ''}${result.stderr ?? ''}`).trim();
  if (result.status !== 0) {
    if (output) console.error(output);
    console.error(
      `\nThe TypeScript compile failed${output ? ' with the errors above' : ` (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`}, ` +
        'so nothing was started and dist/ was not updated. Fix them and run the command again.',
    );
    return 1;
  }
  if (output) console.error(output);
  for (const asset of ASSETS) {
    rmSync(join(dist, asset), { recursive: true, force: true });
    if (existsSync(join(root, asset))) cpSync(join(root, asset), join(dist, asset), { recursive: true });
  }
  writeFileSync(stampFile, `${sources}\n`);
  return 0;
}

async function main() {
  mkdirSync(dist, { recursive: true });
  let told = false;
  for (;;) {
    if (built()) return 0;
    if (tryLock()) break;
    const current = holder();
    if (current && (!alive(current.pid) || current.ageMs > STALE_LOCK_MS)) {
      rmSync(lockFile, { force: true }); // its process died mid-compile
      continue;
    }
    if (!told && current) {
      process.stderr.write(`Another process (${current.pid}) is compiling newsquiz; waiting for it…\n`);
      told = true;
    }
    await sleep(WAIT_STEP_MS);
  }
  try {
    // The compile this one waited for may have built these very sources.
    if (built()) return 0;
    return compile();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

process.exitCode = await main();
