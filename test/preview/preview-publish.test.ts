// The preview's drafts and its Publish endpoint, over plain HTTP: only the preview's own page (its token,
// its Origin, its Host) can publish, and a draft is published only when it passes every check.
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { DRAFTS_FOLDER } from '../../src/intake/imported-stories.ts';
import { silentLogger } from '../../src/logger.ts';
import type { PreviewDrafts } from '../../src/preview/preview-drafts.ts';
import { type PreviewServer, startPreviewServer } from '../../src/preview/preview-server.ts';
import type { PreviewState } from '../../src/preview/preview-state.ts';
import { TOKEN_HEADER } from '../../src/preview/publish-endpoint.ts';
import { lineOf, tempFolder } from '../content/fixtures.ts';
import { draftMarkdown, writeDraft } from '../intake/drafts.ts';
import { writeLibrary } from '../intake/library.ts';
import { eventually } from '../support/eventually.ts';

let dir: string;
let remove: () => Promise<void>;
let library: ContentLibrary;
let server: PreviewServer;
let port: number;
let host: string;
let origin: string;

beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-preview-publish-'));
  await writeLibrary(dir);
  await writeDraft(dir, 'ready-draft');
  await writeDraft(dir, 'incomplete', { frontMatter: { hook: undefined, audience: [] } });
  await writeDraft(dir, 'cranes-again', { id: 'port-cranes' });
  library = new ContentLibrary(dir, silentLogger(), { logProblems: false });
  await library.load();
  await library.watch();
  server = await startPreviewServer({ library, port: 0 });
  port = Number(new URL(server.url).port);
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
});
afterEach(async () => {
  await server.close();
  await library.close();
  await remove();
});

interface Answer {
  status: number;
  body: string;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string | undefined>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path, method, setHost: false, agent: false },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined) outgoing.setHeader(name, value);
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The token the preview's page carries. */
async function pageToken(): Promise<string> {
  const page = await send('GET', '/', { host });
  const token = /<meta name="publish-token" content="([0-9a-f]+)">/.exec(page.body)?.[1];
  if (!token) throw new Error('the page has no publish token');
  return token;
}

/** A POST as the preview's page sends it, with any part overridden. */
async function publish(id: string, overrides: Record<string, string | undefined> = {}) {
  const headers = {
    host,
    origin,
    'content-type': 'application/json',
    [TOKEN_HEADER]: await pageToken(),
    ...overrides,
  };
  const answer = await send('POST', '/publish', headers, JSON.stringify({ id }));
  return {
    status: answer.status,
    body: JSON.parse(answer.body) as { ok: boolean; message?: string; problems?: string[]; file?: string },
  };
}

const state = async () =>
  JSON.parse((await send('GET', '/state', { host })).body) as PreviewState & PreviewDrafts;
const drafts = async () =>
  (await readdir(join(dir, DRAFTS_FOLDER))).filter((name) => name.endsWith('.md')).sort();
const libraryFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();

test('/state lists each draft with what it still needs and which checks failed', async () => {
  const { drafts: listed, draftsDir } = await state();
  expect(draftsDir).toBe(join(dir, DRAFTS_FOLDER));
  const byName = Object.fromEntries(listed.map((draft) => [draft.name, draft]));
  expect(byName['ready-draft']).toMatchObject({
    ready: true,
    needs: [],
    problems: [],
    title: 'Draft ready-draft',
  });
  expect(byName.incomplete).toMatchObject({ ready: false, needs: ['audience', 'hook'], problems: [] });
  const taken = join(dir, DRAFTS_FOLDER, 'cranes-again.md');
  expect(byName['cranes-again']).toMatchObject({ ready: false, needs: [] });
  expect(byName['cranes-again']?.problems).toEqual([
    `${taken}:${lineOf(draftMarkdown('cranes-again', { id: 'port-cranes' }), 'id: port-cranes')} → id: "port-cranes" is already used by ${join(dir, 'port-cranes.md')}; ids must be unique, so change the draft's id`,
  ]);
});

test('the page’s own POST publishes a ready draft: it leaves the drafts and /state lists it as an article', async () => {
  const answer = await publish('ready-draft');
  expect(answer).toEqual({
    status: 200,
    body: { ok: true, id: 'ready-draft', file: join(dir, 'ready-draft.md') },
  });
  expect(await drafts()).toEqual(['cranes-again.md', 'incomplete.md']);
  const after = await state();
  expect(after.articles.map((article) => article.id)).toContain('ready-draft');
  expect(after.drafts.map((draft) => draft.name).sort()).toEqual(['cranes-again', 'incomplete']);
});

test('a wrong, missing or earlier token is refused with 403 and nothing moves', async () => {
  const earlier = await pageToken();
  for (const token of [undefined, '', 'wrong', `${earlier}0`, earlier.slice(1)]) {
    const answer = await publish('ready-draft', { [TOKEN_HEADER]: token });
    expect([token, answer.status]).toEqual([token, 403]);
    expect(answer.body.message).toBe(
      'The page token is missing or out of date (it changes when the preview restarts); reload the preview page and press Publish again.',
    );
  }
  // A restarted preview has a new token: the old page's is refused.
  await server.close();
  server = await startPreviewServer({ library, port });
  expect((await publish('ready-draft', { [TOKEN_HEADER]: earlier })).status).toBe(403);
  expect(await drafts()).toContain('ready-draft.md');
  expect(await libraryFiles()).toEqual(['port-cranes.md', 'river-ferries.md']);
});

test('a POST from a page of another site, or without an Origin, is refused even with the right token and Host', async () => {
  for (const other of [
    'https://attacker.example',
    'null',
    `http://localhost:${port + 1}`,
    `https://${host}`,
  ]) {
    const answer = await send(
      'POST',
      '/publish',
      { host, origin: other, 'content-type': 'application/json', [TOKEN_HEADER]: await pageToken() },
      JSON.stringify({ id: 'ready-draft' }),
    );
    expect([other, answer.status]).toEqual([other, 403]);
  }
  expect((await publish('ready-draft', { origin: undefined })).status).toBe(403);
  expect(await drafts()).toContain('ready-draft.md');
});

test('a POST with another Host (DNS rebinding) gets 421', async () => {
  const token = await pageToken();
  for (const other of [`attacker.example:${port}`, `localhost:${port + 1}`]) {
    const answer = await send(
      'POST',
      '/publish',
      { host: other, origin: `http://${other}`, 'content-type': 'application/json', [TOKEN_HEADER]: token },
      JSON.stringify({ id: 'ready-draft' }),
    );
    expect([other, answer.status]).toEqual([other, 421]);
  }
  expect(await drafts()).toContain('ready-draft.md');
});

test('a draft with problems is refused with them as file:line → field: message (422); a taken id with 409', async () => {
  const incomplete = await publish('incomplete');
  expect(incomplete.status).toBe(422);
  const path = join(dir, DRAFTS_FOLDER, 'incomplete.md');
  expect(incomplete.body).toMatchObject({ ok: false, message: `${path} does not pass content:check` });
  expect(incomplete.body.problems).toEqual([
    expect.stringMatching(new RegExp(`^${path}:\\d+ → audience: needs at least 1 audience`)),
    expect.stringMatching(new RegExp(`^${path}:\\d+ → hook: is required$`)),
  ]);
  const taken = await publish('cranes-again');
  expect(taken.status).toBe(409);
  expect(taken.body.problems?.[0]).toContain('→ id: "port-cranes" is already used by');
  expect(await drafts()).toEqual(['cranes-again.md', 'incomplete.md', 'ready-draft.md']);
  expect(await libraryFiles()).toEqual(['port-cranes.md', 'river-ferries.md']);
});

test('an id that is a path (../x) is refused with 400 before anything is read; so is a body that is not {"id"}', async () => {
  for (const id of ['../x', '../port-cranes', '_drafts/ready-draft', '/etc/passwd']) {
    const answer = await publish(id);
    expect([id, answer.status]).toEqual([id, 400]);
  }
  const token = await pageToken();
  const headers = { host, origin, [TOKEN_HEADER]: token };
  expect(
    (await send('POST', '/publish', { ...headers, 'content-type': 'application/json' }, '[1]')).status,
  ).toBe(400);
  expect(
    (await send('POST', '/publish', { ...headers, 'content-type': 'text/plain' }, '{"id":"ready-draft"}'))
      .status,
  ).toBe(415);
  expect(
    (
      await send(
        'POST',
        '/publish',
        { ...headers, 'content-type': 'application/json' },
        JSON.stringify({ id: 'x'.repeat(5000) }),
      )
    ).status,
  ).toBe(400);
  expect(
    (await send('PUT', '/publish', { ...headers, 'content-type': 'application/json' }, '{}')).status,
  ).toBe(405);
  expect(await drafts()).toEqual(['cranes-again.md', 'incomplete.md', 'ready-draft.md']);
});

test('a draft written while the page is open is announced on the event stream and listed', async () => {
  const versions: number[] = [];
  const stream = request({ host: '127.0.0.1', port, path: '/events', setHost: false, headers: { host } });
  stream.on('response', (response) => {
    response.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/data: (\d+)/g)) versions.push(Number(match[1]));
    });
  });
  stream.end();
  await eventually(() => versions.length > 0, 10_000);
  const first = versions[0] ?? 0;
  await writeDraft(dir, 'fresh-draft');
  await eventually(() => versions.some((version) => version > first), 10_000);
  stream.destroy();
  expect((await state()).drafts.map((draft) => draft.name)).toContain('fresh-draft');
});
