// The preview's HTTP server: it answers only to its own names (no DNS rebinding), on every path, the
// event stream included; and it serves a content folder whatever links that folder holds.

import { mkdir, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { ContentLibrary } from '../../src/content/content-library.ts';
import { silentLogger } from '../../src/logger.ts';
import { type PreviewServer, startPreviewServer } from '../../src/preview/preview-server.ts';
import type { PreviewState } from '../../src/preview/preview-state.ts';
import { articleMarkdown, tempFolder, writeArticle } from '../content/fixtures.ts';

const PATHS = ['/', '/state', '/events'];

let folder: { dir: string; remove: () => Promise<void> } | undefined;
let library: ContentLibrary | undefined;
let server: PreviewServer | undefined;
afterEach(async () => {
  await server?.close();
  await library?.close();
  await folder?.remove();
  server = undefined;
});

async function startPreview(
  options: { allowedHosts?: string[]; setUp?: (dir: string) => Promise<void> } = {},
) {
  folder = await tempFolder('newsquiz-preview-server-');
  await writeArticle(folder.dir, 'a.md', articleMarkdown({ seed: 1 }));
  await options.setUp?.(folder.dir);
  library = new ContentLibrary(folder.dir, silentLogger(), { logProblems: false });
  await library.load();
  await library.watch();
  server = await startPreviewServer({
    library,
    port: 0,
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
  });
  return Number(new URL(server.url).port);
}

interface Answer {
  status: number;
  /** The body, or for the event stream its first chunk. */
  body: string;
}

/** A GET to the preview on 127.0.0.1 with the Host header (and other headers) a browser might send. */
function get(port: number, path: string, headers: Record<string, string | undefined>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method: 'GET', setHost: false }, (response) => {
      response.once('data', (chunk: Buffer) => {
        resolve({ status: response.statusCode ?? 0, body: chunk.toString() });
        response.destroy();
      });
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body: '' }));
    });
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined) outgoing.setHeader(name, value);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('answers as localhost, 127.0.0.1 and [::1] on its port, on every path', async () => {
  const port = await startPreview();
  for (const name of ['localhost', '127.0.0.1', '[::1]', 'LOCALHOST']) {
    for (const path of PATHS) {
      const answer = await get(port, path, { host: `${name}:${port}` });
      expect([name, path, answer.status]).toEqual([name, path, 200]);
    }
  }
});

test('any other Host, or its own names on another port, get 421 saying what to do, on every path; no Host at all is refused too', async () => {
  const port = await startPreview();
  const refused = [
    `attacker.example:${port}`,
    `localhost.attacker.example:${port}`,
    'localhost',
    `localhost:${port + 1}`,
    `127.0.0.2:${port}`,
  ];
  for (const host of refused) {
    for (const path of PATHS) {
      const answer = await get(port, path, { host });
      expect([host, path, answer.status]).toEqual([host, path, 421]);
      expect(answer.body).toBe(
        `This preview answers only as localhost, 127.0.0.1 or [::1] on port ${port}, so that pages of other sites cannot read it. To open it under another name, add that name to PREVIEW_ALLOWED_HOSTS.\n`,
      );
    }
  }
  // HTTP/1.1 requires a Host: Node's server refuses a request without one before it reaches the preview.
  expect((await get(port, '/state', {})).status).toBe(400);
});

test('a name listed in PREVIEW_ALLOWED_HOSTS is answered on the preview port', async () => {
  const port = await startPreview({ allowedHosts: ['preview.local', 'fd00::1'] });
  expect((await get(port, '/state', { host: `preview.local:${port}` })).status).toBe(200);
  expect((await get(port, '/state', { host: `PREVIEW.LOCAL.:${port}` })).status).toBe(200);
  expect((await get(port, '/state', { host: `[fd00::1]:${port}` })).status).toBe(200);
  expect((await get(port, '/state', { host: `other.local:${port}` })).status).toBe(421);
});

test('a request sent from a page of another site (its Origin) is refused, even with a right Host', async () => {
  const port = await startPreview();
  const host = `127.0.0.1:${port}`;
  expect((await get(port, '/state', { host, origin: 'https://attacker.example' })).status).toBe(403);
  expect((await get(port, '/events', { host, origin: 'null' })).status).toBe(403);
  // The preview's own page sends its own origin (or none at all).
  expect((await get(port, '/state', { host, origin: `http://localhost:${port}` })).status).toBe(200);
});

test('a content folder that links back into itself is previewed: the articles and the loop problems are listed', async () => {
  const port = await startPreview({
    setUp: async (dir) => {
      await mkdir(join(dir, 'loop'));
      await symlink('.', join(dir, 'loop', 'self'));
      await symlink('../loop', join(dir, 'loop', 'up'));
    },
  });
  const body = await new Promise<string>((resolve, reject) => {
    const outgoing = request({
      host: '127.0.0.1',
      port,
      path: '/state',
      headers: { host: `localhost:${port}` },
    });
    outgoing.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => resolve(text));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
  const state = JSON.parse(body) as PreviewState;
  expect(state.articles.map((article) => article.id)).toEqual(['article-1']);
  expect(state.errors.map((error) => error.text)).toEqual([
    `${join(folder?.dir ?? '', 'loop', 'self')} → links back to ${join(folder?.dir ?? '', 'loop')}, a folder it is inside; skipped so reading does not loop`,
    `${join(folder?.dir ?? '', 'loop', 'up')} → links back to ${join(folder?.dir ?? '', 'loop')}, a folder it is inside; skipped so reading does not loop`,
  ]);
});
