// The build step before `npm start` and the operator scripts, on a small project of its own (a copy of
// the script and the real tsconfig files, compiling one module), so the repository's dist/ is left alone.
import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { tempDir } from '../support/test-core.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const GOOD = 'export const answer: number = 42;\n';
const BROKEN = 'export const answer: number = 42;\nexport const brokenOnPurpose: number = "text";\n';

let project: { path: string; remove(): Promise<void> };
beforeEach(async () => {
  project = await tempDir('newsquiz-build-');
  await mkdir(join(project.path, 'src', 'cli'), { recursive: true });
  await mkdir(join(project.path, 'commands'));
  await copyFile(
    join(ROOT, 'src', 'cli', 'ensure-build.mjs'),
    join(project.path, 'src', 'cli', 'ensure-build.mjs'),
  );
  for (const file of ['tsconfig.build.json', 'package-lock.json'])
    await copyFile(join(ROOT, file), join(project.path, file));
  // The project's compiler options, without Node's types: the one module here needs none, and tsc
  // starts in half the time.
  const options = (await readFile(join(ROOT, 'tsconfig.json'), 'utf8')).replace(
    /"types": \[[^\]]*\]/,
    '"types": []',
  );
  await writeFile(join(project.path, 'tsconfig.json'), options);
  await writeFile(join(project.path, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(project.path, 'src', 'answer.ts'), GOOD);
  await symlink(join(ROOT, 'node_modules'), join(project.path, 'node_modules'));
}, 30_000);
afterEach(() => project.remove());

interface Run {
  code: number | null;
  stderr: string;
}

function ensureBuild(): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/ensure-build.mjs'],
      { cwd: project.path, timeout: 120_000 },
      (error, _stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stderr }),
    );
  });
}

/** What the compiled module in dist/ exports. */
const builtAnswer = () =>
  spawnSync(
    process.execPath,
    ['--input-type=module', '-e', 'console.log((await import("./dist/src/answer.js")).answer)'],
    {
      cwd: project.path,
      encoding: 'utf8',
    },
  ).stdout.trim();

const compiles = (runs: Run[]) => runs.filter((run) => run.stderr.includes('Compiling newsquiz')).length;

test('a type error fails every start with the compiler’s file:line message and no stack trace, until it is fixed; dist/ keeps the last good build', async () => {
  expect((await ensureBuild()).code).toBe(0);
  await writeFile(join(project.path, 'src', 'answer.ts'), BROKEN);
  for (const attempt of [1, 2]) {
    const run = await ensureBuild();
    expect(run.code, `attempt ${attempt}`).toBe(1);
    expect(run.stderr).toContain(
      "src/answer.ts:2:14 - error TS2322: Type 'string' is not assignable to type 'number'.",
    );
    expect(run.stderr).toContain('The TypeScript compile failed with the errors above');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(builtAnswer()).toBe('42');
  }
  await writeFile(join(project.path, 'src', 'answer.ts'), GOOD.replace('42', '43'));
  expect((await ensureBuild()).code).toBe(0);
  expect(builtAnswer()).toBe('43');
  // Built: the next start compiles nothing.
  expect(await ensureBuild()).toEqual({ code: 0, stderr: '' });
}, 120_000);

test('two starts at once on a fresh clone compile once, and both go on', async () => {
  const runs = await Promise.all([ensureBuild(), ensureBuild()]);
  expect(runs.map((run) => run.code)).toEqual([0, 0]);
  expect(compiles(runs)).toBe(1);
}, 120_000);

test('a lock left by a compile whose process died is taken over', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  }).stdout;
  await mkdir(join(project.path, 'dist'));
  await writeFile(join(project.path, 'dist', '.build-lock'), dead);
  const run = await ensureBuild();
  expect(run.code).toBe(0);
  expect(compiles([run])).toBe(1);
}, 120_000);

test('with TypeScript left out (npm ci --omit=dev), a current build starts; an outdated one says what to do', async () => {
  expect((await ensureBuild()).code).toBe(0);
  await rm(join(project.path, 'node_modules'));
  expect(await ensureBuild()).toEqual({ code: 0, stderr: '' });
  await writeFile(join(project.path, 'src', 'answer.ts'), GOOD.replace('42', '7'));
  const outdated = await ensureBuild();
  expect(outdated.code).toBe(1);
  expect(outdated.stderr).toContain('TypeScript is not installed');
  expect(outdated.stderr).toContain('npm run build');
  expect(outdated.stderr).not.toMatch(/\n\s+at /);
}, 120_000);
