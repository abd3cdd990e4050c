// Ranks the self time of V8 CPU profiles (a bot's `<label>.cpuprofile`, written with
// `BENCH_CPU_PROF=<dir>`) by function and by file or package, summed over the profiles given, each
// optionally cut to a window of seconds from its start (bench:discord prints where each measured burst lies):
//   node test/bench/profile-summary.mjs [--top N] <file.cpuprofile>[@from-to] ...
// Plain JavaScript, run with `node` and no loader.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 15;
if (args.length === 0) {
  console.error('usage: node test/bench/profile-summary.mjs [--top N] <file.cpuprofile>[@from-to] ...');
  process.exit(2);
}

/** node_modules/<package> (scoped too), node:internal/<area>, or the project's path under dist/src, src or test. */
function place(url) {
  if (!url) return '(native/VM)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return `pkg:${parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  const own = /\/(dist\/src|src|test)\/(.*)$/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}

const byFunction = new Map();
const byPlace = new Map();
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
let total = 0;
let idle = 0;
for (const arg of args) {
  const [file, window] = arg.split('@');
  const [from, to] = window ? window.split('-').map(Number) : [-Infinity, Infinity];
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  let at = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at < from * 1e6 || at > to * 1e6) return;
    const frame = nodes.get(id)?.callFrame ?? {};
    if (frame.functionName === '(idle)') {
      idle += delta;
      return;
    }
    const where = place(frame.url);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${where}:${(frame.lineNumber ?? -1) + 1}`, delta);
    add(byPlace, where, delta);
    total += delta;
  });
}

const ms = (us) => (us / 1000).toFixed(1).padStart(8);
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms(us)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(
  `${args.length} profile(s): ${ms(total).trim()} ms busy on the main thread, ${ms(idle).trim()} ms idle`,
);
print('self time by function', byFunction);
print('self time by file or package', byPlace);
