// `npm run content:reports` as an author runs it, the bot stopped: per question, with file:line, the
// reports by reason and the answer statistics from the store STORE_URL names, and the flags.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { loadContent } from '../../src/content/load-content.ts';
import { questionVersion } from '../../src/core/quality/question-version.ts';
import { questionKey } from '../../src/core/review/question-key.ts';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { ReportsRepository } from '../../src/store/reports-repository.ts';
import { articleMarkdown, lineOf, tempFolder, writeArticle } from '../content/fixtures.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../support/compiled-build.ts';
import { picks, seedAnswers } from '../support/seed-answers.ts';
import { dropNamespace, NOW, redisUrl, uniqueNamespace } from '../support/test-core.ts';

const onRedis = needsRedis();

const ROOT = join(import.meta.dirname, '..', '..');

beforeAll(ensureBuild, BUILD_TIMEOUT_MS);
const PROMPT = 'How many sensors did Harbor City fit on its main bridge?';
const markdown = articleMarkdown({
  questions: [
    {
      prompt: PROMPT,
      choices: [
        { text: '24 sensors', correct: false },
        { text: '240 sensors', correct: true },
        { text: '2,400 sensors', correct: false },
      ],
      explanation: 'The article counts 240 strain and temperature sensors.',
    },
    {
      prompt: 'What do the sensors report?',
      choices: [
        { text: 'Strain and temperature', correct: true },
        { text: 'Traffic speed', correct: false },
      ],
      explanation: 'Strain and temperature, every ten seconds.',
    },
  ],
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The script as `npm run content:reports` starts it once built: its compiled entry point. */
function contentReports(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [compiled('src/cli/content-reports')],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

/** 25 answers to the first question (5 right, 12 on "24 sensors"), 2 to the second, and two reports. */
async function seed(url: string, namespace: string, article: Article): Promise<void> {
  const store = await openStore(url, silentLogger(), namespace);
  const [first] = article.questions;
  if (!first) throw new Error('fixture needs two questions');
  try {
    await seedAnswers(store, article, 0, [...picks(5, 1), ...picks(12, 0), ...picks(8, 2)]);
    await seedAnswers(store, article, 1, picks(2, 0));
    await new ReportsRepository(store.records).update(article.id, () => ({
      next: {
        v: 1,
        questions: {
          [questionKey(PROMPT)]: {
            'telegram:1': { reason: 'wrong-key', version: questionVersion(first), at: NOW },
            'discord:2': {
              reason: 'other',
              note: 'The photo shows fewer',
              version: questionVersion(first),
              at: NOW,
            },
          },
        },
      },
      result: undefined,
    }));
  } finally {
    await store.close();
  }
}

describe('npm run content:reports', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let file: string;
  let article: Article;
  beforeEach(async () => {
    ({ dir, remove } = await tempFolder());
    file = await writeArticle(dir, 'harbor.md', markdown);
    const loaded = await loadContent(dir);
    const found = loaded.articles[0]?.article;
    if (!found) throw new Error(`fixture does not load: ${loaded.errors[0]?.message}`);
    article = found;
  });
  afterEach(() => remove());

  function expectListing(run: Run) {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const label = file.startsWith(ROOT) ? file.slice(ROOT.length + 1) : file;
    const line = lineOf(markdown, `### ${PROMPT}`);
    expect(run.stdout).toContain(`${label}:${line}  Q1: ${PROMPT}`);
    expect(run.stdout).toContain('25 answered · 20% right · most picked wrong: “24 sensors” (48%)');
    expect(run.stdout).toContain('2 reports: Answer key is wrong 1, Something else 1');
    expect(run.stdout).toContain('note: “The photo shows fewer”');
    expect(run.stdout).toContain(
      '⚑ most people miss it: 30% right or less over 20 answers or more (20% right over 25)',
    );
    expect(run.stdout).toContain(
      '⚑ a wrong choice is picked more often than the right one (“24 sensors” 12 vs 5)',
    );
    expect(run.stdout).toContain('2 answered · 100% right · no wrong answers');
    expect(run.stdout).toContain('1 article, 2 questions, 27 answers, 2 reports, 2 flags');
    expect(run.stdout).toMatch(new RegExp(`Flagged:\\n  ${label}:${line}  ⚑ most people miss it`));
  }

  test('reads a SQLite store: every question with its line, statistics as NN%, reports by reason and the flags; exits 0', async () => {
    const url = `sqlite://${join(dir, 'state', 'bot.sqlite')}`;
    await seed(url, 'reports', article);
    expectListing(await contentReports({ CONTENT_DIR: dir, STORE_URL: url, STORE_NAMESPACE: 'reports' }));
  });

  test.skipIf(onRedis.skip)(onRedis.title('reads a Redis store the same way'), async () => {
    const namespace = uniqueNamespace();
    await seed(redisUrl ?? '', namespace, article);
    try {
      expectListing(
        await contentReports({ CONTENT_DIR: dir, STORE_URL: redisUrl ?? '', STORE_NAMESPACE: namespace }),
      );
    } finally {
      const store = await openStore(redisUrl ?? '', silentLogger(), namespace);
      await dropNamespace(store, namespace);
      await store.close();
    }
  });

  test('a store that does not exist yet is not created: nothing answered, nothing reported, exit 0; a bad STORE_URL is refused', async () => {
    const path = join(dir, 'none.sqlite');
    const run = await contentReports({ CONTENT_DIR: dir, STORE_URL: `sqlite://${path}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${path} does not exist yet: nothing has been answered or reported there.`);
    expect(run.stdout).toContain('no answers yet');
    expect(run.stdout).toContain('no reports');
    expect(existsSync(path)).toBe(false);

    const bad = await contentReports({ CONTENT_DIR: dir, STORE_URL: 'ftp://example.org' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('STORE_URL: expected sqlite://path, redis://host:port or memory://');
  });
});
