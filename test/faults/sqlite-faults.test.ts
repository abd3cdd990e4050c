// SQLite files that are damaged, not a database, read-only, or start failing while the bot runs.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { cannotRun } from '../support/cannot-run.ts';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../support/compiled-build.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { answerButtons } from '../support/quiz-helpers.ts';
import { actor, makeCore, tempDir } from '../support/test-core.ts';

const root = join(import.meta.dirname, '../..');

/**
 * Makes a file unwritable for this process: read-only permissions for a normal user; immutable
 * (chattr +i) for root, whom permissions do not stop.
 */
function makeReadOnly(file: string): void {
  if (process.getuid?.() !== 0) chmodSync(file, 0o444);
  else if (spawnSync('chattr', ['+i', file]).status !== 0) throw new Error(`chattr +i ${file} failed`);
}

/** Whether makeReadOnly works here, tried on a file of the temp folder the tests use. */
function readOnlyProblem(): string | undefined {
  const probeDir = mkdtempSync(join(tmpdir(), 'newsquiz-probe-'));
  const probe = join(probeDir, 'probe');
  writeFileSync(probe, 'x');
  try {
    makeReadOnly(probe);
    closeSync(openSync(probe, 'r+'));
    return `a file cannot be made read-only here (${probe} stayed writable)`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return undefined;
    return `running as root, and chattr +i does not work on ${tmpdir()} (needs e2fsprogs and a filesystem with file attributes, not tmpfs)`;
  } finally {
    spawnSync('chattr', ['-i', probe]);
    rmSync(probeDir, { recursive: true, force: true });
  }
}
const readOnly = cannotRun(readOnlyProblem());
let dir: { path: string; remove(): Promise<void> };
beforeAll(ensureBuild, BUILD_TIMEOUT_MS);
beforeEach(async () => {
  dir = await tempDir('newsquiz-faults-');
});
afterEach(async () => {
  spawnSync('chattr', ['-R', '-i', dir.path]);
  await dir.remove();
});

async function filledStore(file: string) {
  const store = await openStore(`sqlite://${file}`, silentLogger());
  for (let index = 0; index < 200; index++) await store.records.write(`k${index}`, { text: 'x'.repeat(500) });
  await store.close();
}

/** Runs SQL on the file from outside the bot (an operator, another tool): a connection of its own. */
function outside(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** `npm start` with this STORE_URL: exit code, how long it took, and what it printed. */
function start(storeUrl: string) {
  const began = Date.now();
  return new Promise<{ code: number | null; ms: number; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [compiled('src/main')],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', STORE_URL: storeUrl, CONTENT_DIR: FIXTURE_CONTENT },
        timeout: 30_000,
      },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, ms: Date.now() - began, stderr }),
    );
  });
}

describe('SQLite faults', () => {
  test('a damaged file is refused at start: exit 1, STORE_URL named, what to do, no stack trace', async () => {
    const file = join(dir.path, 'state.sqlite');
    await filledStore(file);
    // Pages in the middle of the file are overwritten with garbage, as a failing disk would.
    spawnSync('dd', ['if=/dev/urandom', `of=${file}`, 'bs=4096', 'seek=2', 'count=4', 'conv=notrunc']);
    const run = await start(`sqlite://${file}`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`STORE_URL=sqlite://${file}`);
    expect(run.stderr).toMatch(/damaged|malformed|not a usable SQLite database/);
    expect(run.stderr).toContain('Restore it from a backup');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a file that is not a database is refused at start with the same advice', async () => {
    const file = join(dir.path, 'notes.sqlite');
    await writeFile(file, 'these are my notes, not a database\n'.repeat(50));
    await expect(openStore(`sqlite://${file}`, silentLogger())).rejects.toThrow(
      /not a usable SQLite database .*Restore it from a backup/,
    );
  });

  test.skipIf(readOnly.skip)(
    readOnly.title('a read-only file is refused at start, saying it cannot be written'),
    async () => {
      const file = join(dir.path, 'state.sqlite');
      await filledStore(file);
      makeReadOnly(file);
      await expect(openStore(`sqlite://${file}`, silentLogger())).rejects.toThrow(
        /cannot be written .*Give the bot write access/,
      );
    },
  );

  test('writes that start failing while the bot runs are reported, never counted in silence', async () => {
    const file = join(dir.path, 'state.sqlite');
    const t = await makeCore({ storeUrl: `sqlite://${file}` });
    try {
      const article = t.catalog.byId('deepseek-v4-delay');
      if (!article) throw new Error('no content');
      const started = await t.core.quiz.start(actor('host'), article, 'group', 60);
      if (started.messages[0]) await t.core.quiz.rememberSent(started.messages[0], 'm1');
      const { right } = answerButtons(started.messages[0]?.message ?? { blocks: [], buttons: [] }, article);
      // From outside, the disk starts refusing: every insert of an answer and every keyv write fails.
      outside(
        file,
        `CREATE TRIGGER fail_answers BEFORE INSERT ON nq_answers BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;
         CREATE TRIGGER fail_records BEFORE INSERT ON keyv BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;
         CREATE TRIGGER fail_updates BEFORE UPDATE ON keyv BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;`,
      );
      await expect(t.router.press(actor('ana'), right.payload)).rejects.toThrow(/disk I\/O error/);
      await expect(t.core.progress.setTimezone(actor('ana'), 'Asia/Tokyo')).rejects.toThrow(
        /disk I\/O error/,
      );
      // The disk recovers: the same press now counts, once.
      outside(file, 'DROP TRIGGER fail_answers; DROP TRIGGER fail_records; DROP TRIGGER fail_updates;');
      const again = await t.router.press(actor('ana'), right.payload);
      expect(again.notice?.text).toMatch(/^✅/);
      const ranking = await t.core.progress.ranking('console', 'chat-1', 'all');
      expect(ranking.find((entry) => entry.userId === 'ana')).toMatchObject({ answered: 1, points: 1 });
    } finally {
      await t.close();
    }
  });
});

describe('an unreachable Redis at start', () => {
  test('ends the process within 15 s with exit 1 and a message naming STORE_URL (password masked)', async () => {
    const run = await start('redis://:hunter2@127.0.0.1:1');
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(15_000);
    expect(run.stderr).toContain('STORE_URL=redis://:***@127.0.0.1:1');
    expect(run.stderr).toContain('could not connect to Redis');
    expect(run.stderr).not.toContain('hunter2');
  });
});
