// A bot under benchmark as its own process, as production runs it: its CPU time and peak memory read
// from /proc, its warnings counted, and a clean SIGTERM stop.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(import.meta.dirname, '../..');

/** How long a bot may take to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 15_000;
/** Log lines kept to explain a crash or a warning. */
const KEPT_LINES = 5;

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Compiles newsquiz to dist/ when a source changed (what `npm start` does first). */
export function buildNewsquiz(): void {
  execFileSync(process.execPath, [join(ROOT, 'src/cli/ensure-build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** The compiled entry point, as `npm start` runs it. */
const NEWSQUIZ_MAIN = join(ROOT, 'dist/src/main.js');

/**
 * Only what the bot needs: a developer's `.env` must not add a token or a store. Variables it reads
 * are set to '' (unset for the bot) unless given, and `.env` never overrides a variable that exists.
 */
const BOT_VARIABLES = [
  'CONTENT_DIR',
  'STORE_URL',
  'STORE_NAMESPACE',
  'LOG_LEVEL',
  'DEFAULT_TIMEZONE',
  'SCHEDULE_GRACE',
  'DISCORD_TOKEN',
  'DISCORD_CLIENT_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_BASE',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_INTERACTIONS_PORT',
  'DISCORD_INTERACTIONS_HOST',
  'METRICS_PORT',
  'TELEGRAM_TOKEN',
  'TELEGRAM_API_ROOT',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_WEBHOOK_PORT',
  'OUTBOX_RATE_SCALE',
];

export function botEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  const cleared = Object.fromEntries(BOT_VARIABLES.map((name) => [name, '']));
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...cleared, ...env };
}

/** utime + stime of a process (`/proc/<pid>/stat`) or of one of its threads (`/proc/<pid>/task/<tid>/stat`). */
function cpuTicks(statPath: string): number | undefined {
  try {
    const stat = readFileSync(statPath, 'utf8');
    // The command name (field 2) may contain spaces: fields are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

export interface CpuTime {
  /** Every thread: JavaScript, GC, and libuv's pool (where SQLite's queries run). */
  totalMs: number;
  /** The main thread alone: JavaScript and the event loop. */
  mainMs: number;
}

function peakRssMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

export interface BotProcessOptions {
  /** Shown in errors, e.g. `newsquiz`. */
  name: string;
  /** Arguments to `node` (flags, then the script). */
  args: string[];
  env: NodeJS.ProcessEnv;
}

export class BotProcess {
  readonly #child: ChildProcess;
  readonly #name: string;
  readonly #lines: string[] = [];
  #warnings = 0;
  readonly #exited: Promise<number | null>;
  readonly #spawnedAt = performance.now();
  #exitCode: number | null | undefined;

  constructor(options: BotProcessOptions) {
    this.#name = options.name;
    this.#child = spawn(process.execPath, options.args, {
      cwd: ROOT,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code) => {
        this.#exitCode = code;
        resolve(code);
      });
    });
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.#onLine(line));
    }
  }

  get pid(): number {
    const pid = this.#child.pid;
    if (pid === undefined) throw new Error(`${this.#name} did not start`);
    return pid;
  }

  /** Since it was spawned, e.g. to find a moment in its CPU profile. */
  uptimeMs(): number {
    return performance.now() - this.#spawnedAt;
  }

  /** Lines the bot logged at warn level or above (pino JSON) or wrote as plain text. */
  get warnings(): number {
    return this.#warnings;
  }

  /** The first lines it logged, to explain a warning count or a crash. */
  get firstLines(): readonly string[] {
    return this.#lines;
  }

  #onLine(line: string): void {
    if (line.trim() === '') return;
    let level = 50;
    try {
      const record: unknown = JSON.parse(line);
      if (typeof record === 'object' && record !== null && 'level' in record) level = Number(record.level);
    } catch {
      // Plain text (a crash, or the baseline's console.error) counts as an error.
    }
    if (level < 40) return;
    this.#warnings += 1;
    if (this.#lines.length < KEPT_LINES) this.#lines.push(line.slice(0, 300));
  }

  /** User plus system CPU time of the process so far, and of its main thread. */
  cpu(): CpuTime {
    const total = cpuTicks(`/proc/${this.pid}/stat`);
    const main = cpuTicks(`/proc/${this.pid}/task/${this.pid}/stat`);
    if (total === undefined || main === undefined) throw this.#gone();
    return { totalMs: (total * 1000) / CLOCK_TICKS, mainMs: (main * 1000) / CLOCK_TICKS };
  }

  /** The most memory it has held resident so far, in MB. */
  peakRssMb(): number | undefined {
    return peakRssMb(this.pid);
  }

  /** Throws with the bot's own words if it has exited. */
  assertRunning(): void {
    if (this.#exitCode !== undefined) throw this.#gone();
  }

  #gone(): Error {
    const said = this.#lines.length > 0 ? `:\n${this.#lines.join('\n')}` : '';
    return new Error(`${this.#name} exited (code ${String(this.#exitCode)})${said}`);
  }

  /** SIGTERM, then the exit code once it has exited (SIGKILL after a generous deadline). */
  async stop(): Promise<number | null> {
    if (this.#exitCode !== undefined) return this.#exitCode;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      return await this.#exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * With BENCH_CPU_PROF=<dir>, each bot writes a V8 CPU profile `<label>.cpuprofile` there on exit
 * (profiling slows the bots unevenly: the ratios of such a run mean little).
 */
export const PROFILE_DIR = process.env.BENCH_CPU_PROF;

function profileFlags(label: string): string[] {
  return PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${label}.cpuprofile`]
    : [];
}

/** newsquiz as `npm start` runs it, on one platform (its token and API variables) and a run's store. */
export function newsquizProcess(
  label: string,
  platformEnv: Record<string, string>,
  storeEnv: Record<string, string>,
) {
  return new BotProcess({
    name: 'newsquiz',
    args: [...profileFlags(label), NEWSQUIZ_MAIN],
    env: botEnvironment({
      ...platformEnv,
      ...storeEnv,
      CONTENT_DIR: join(ROOT, 'content'),
      LOG_LEVEL: 'warn',
    }),
  });
}

/** A do-nothing bot of test/bench (plain JavaScript) on the same platform variables. */
export function baselineProcess(label: string, script: string, platformEnv: Record<string, string>) {
  return new BotProcess({
    name: 'baseline',
    args: [...profileFlags(label), join(import.meta.dirname, script)],
    env: botEnvironment(platformEnv),
  });
}
