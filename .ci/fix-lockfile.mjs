// Completes package-lock.json for `npm ci` after dependencies change: run `node .ci/fix-lockfile.mjs`.
// npm 11 leaves out lock records for optional platform packages the registry mirror here does not
// serve (darwin, win32, musl builds...), then `npm ci` refuses the lock as "Missing: name@ from lock
// file". This adds a record for each such package, marked optional with its os/cpu/libc, so `npm ci`
// accepts the lock and skips them on this platform exactly as before. The records are written in
// npm's own order (locations sorted with the 'en' locale), so a later `npm install` leaves the file as is.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const run = (args) => {
  try {
    return execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}`;
  }
};

const writeLock = (lock) => {
  const packages = Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, 'en'));
  writeFileSync(
    'package-lock.json',
    `${JSON.stringify({ ...lock, packages: Object.fromEntries(packages) }, null, 2)}\n`,
  );
};

const missing = new Set(
  [...run(['ci', '--dry-run', '--ignore-scripts']).matchAll(/Missing: (.+?)@\S* from lock file/g)].map(
    (m) => m[1],
  ),
);
if (missing.size === 0) {
  writeLock(JSON.parse(readFileSync('package-lock.json', 'utf8')));
  console.log('package-lock.json is complete for npm ci');
  process.exit(0);
}

const OS = /(android|darwin|freebsd|linux|win32|openbsd|netbsd|sunos|aix|openharmony|wasi)/;
const CPU = /(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64|mips64el|wasm32)/;
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!missing.has(name)) continue;
    const top = `node_modules/${name}`;
    const target = packages[top] && packages[top].version !== version ? `${path}/node_modules/${name}` : top;
    if (packages[target]) continue;
    let meta = {};
    try {
      meta = JSON.parse(run(['view', `${name}@${version}`, 'os', 'cpu', 'libc', '--json']) || '{}');
    } catch {
      meta = {}; // not on the registry mirror: fall back to what the name says
    }
    const platform = name.replace(/^@[^/]+\//, '');
    const record = { version, cpu: meta.cpu ?? [CPU.exec(platform.replace(OS, ''))?.[1] ?? 'none'] };
    if (entry.dev) record.dev = true;
    const libc =
      meta.libc ?? (/musl/.test(platform) ? ['musl'] : /gnu|glibc/.test(platform) ? ['glibc'] : undefined);
    if (libc) record.libc = libc;
    record.optional = true;
    record.os = meta.os ?? [OS.exec(platform)?.[1] ?? 'none'];
    packages[target] = record;
    added++;
  }
}
writeLock(lock);
console.log(`added ${added} lock records for optional platform packages (${missing.size} were missing)`);
