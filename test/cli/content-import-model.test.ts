import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { tempFolder } from '../content/fixtures.ts';
import { writeLibrary } from '../intake/library.ts';
import { harborDraft } from '../intake/model-answers.ts';
import { articleOf, type ModelServer, startModelServer } from '../intake/model-server.ts';
import { type NewsSite, startNewsSite } from '../intake/news-site.ts';
import { buildOnce, contentImport } from './compiled-content-import.ts';

const KEY = 'sk-proj-e2e-Zq9LeakKey-fedcba9876543210';

beforeAll(buildOnce, 150_000);

/** Every file under `dir`, read as text. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
  );
}

let site: NewsSite;
let model: ModelServer;
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  site = await startNewsSite();
  // Each story gets its own answer: the bridge a good draft, the desalination plant no answer, the market hall 500s.
  model = await startModelServer((request) => {
    const article = articleOf(request);
    if (article.includes('Harbor Street bridge')) return { content: JSON.stringify(harborDraft()) };
    if (article.includes('desalination')) return { hang: true };
    return { status: 500, message: 'the model crashed' };
  });
  ({ dir, remove } = await tempFolder('newsquiz-import-model-'));
  await writeLibrary(dir);
});
afterEach(async () => {
  await model.close();
  await site.close();
  await remove();
});

describe('content:import with a language model', () => {
  test('each story says on one line what the model did; a model that hangs or fails leaves the built-in draft; the key is never printed or written', {
    timeout: 90_000,
  }, async () => {
    const o = site.origin;
    const run = await contentImport(
      [`${o}/harbor-bridge.html`, `${o}/desal-pilot.html`, `${o}/market-hall.html`],
      {
        CONTENT_DIR: dir,
        LLM_BASE_URL: model.baseUrl,
        LLM_MODEL: 'test-model',
        LLM_API_KEY: KEY,
        LLM_TIMEOUT: '2s',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      `Drafting with the model test-model at 127.0.0.1:${model.port} (LLM_BASE_URL); its names, numbers, dates and quotes are checked against each article.`,
    );
    const notes = lines.filter((line) => line.startsWith('  the model test-model'));
    expect(notes).toEqual([
      '  the model test-model wrote the brief, 6 focus sentences and 2 questions',
      '  the model test-model did not answer within 2 s (LLM_TIMEOUT); this is the built-in draft',
      '  the model test-model failed with 500 (3 requests); this is the built-in draft',
    ]);
    expect(run.stdout).toMatch(/^3 drafts written, 0 already imported, 0 failed$/m);

    // The bridge's draft is the model's, grounded, and passes content:check as it is.
    const harbor = join(dir, '_drafts', 'harbor-city-fits-its-old-bridge-with-strain-sensors.md');
    const harborAt = lines.findIndex((line) => line.startsWith(`Drafted ${harbor}`));
    expect(lines[harborAt + 2]).toBe('  passes content:check; move it out of _drafts/ to publish it');
    const text = await readFile(harbor, 'utf8');
    expect(text).toContain(
      'drafter: model test-model (names, numbers, dates and quotes checked against the article)',
    );
    expect(text).toContain(`hook: ${JSON.stringify(harborDraft().hook)}`);
    expect(text).toContain('### Who made the new gauges?');
    const desal = await readFile(
      join(dir, '_drafts', 'valley-water-board-approves-solar-powered-desalination-pilot.md'),
      'utf8',
    );
    expect(desal).toContain(
      'drafter: built-in (the model test-model did not answer within 2 s (LLM_TIMEOUT))',
    );

    // The hang ended at its 2 s limit, and the 500s after two retries (1 s and 2 s apart).
    expect(model.requests.filter((request) => articleOf(request).includes('desalination'))).toHaveLength(1);
    expect(model.requests.filter((request) => articleOf(request).includes('market hall'))).toHaveLength(3);
    expect(run.ms).toBeLessThan(45_000);

    // The key went to the model server only, as the bearer token.
    expect(model.requests.every((request) => request.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
    for (const file of await filesUnder(dir)) expect(file).not.toContain(KEY);
  });

  test('an incomplete model configuration stops the command before anything is fetched, naming what to set but never the key', async () => {
    const run = await contentImport([`${site.origin}/harbor-bridge.html`], {
      CONTENT_DIR: dir,
      LLM_BASE_URL: '',
      LLM_MODEL: '',
      LLM_API_KEY: KEY,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'LLM_API_KEY: set, but LLM_BASE_URL and LLM_MODEL are not; set them to draft with a model, or unset the key',
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
    expect(site.requests).toEqual([]);
    expect(model.requests).toEqual([]);
  });
});
