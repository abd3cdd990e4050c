// POST /publish: the preview's Publish button. Only the preview's own page can use it: the request must
// carry the page's token (made at server start, compared in constant time), come from the preview's own
// origin (Origin is required), and name a draft; the draft is then published as content:publish does.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { formatContentError } from '../content/content-error.ts';
import { type PublishRefusalCode, publishDraft } from '../intake/publish-draft.ts';

/** The header the page sends its token in (a custom header also keeps other sites to preflighted requests). */
export const TOKEN_HEADER = 'x-preview-token';
/** A publish request is one id; anything much longer is not one. */
const MAX_BODY_BYTES = 4 * 1024;

const publishBody = z.object({ id: z.string().max(200) });

export type PublishAnswer =
  | { ok: true; id: string; file: string }
  | { ok: false; message: string; problems: string[] };

const STATUS: Record<PublishRefusalCode, number> = {
  'bad-name': 400,
  'no-draft': 404,
  'not-a-file': 422,
  problems: 422,
  'id-taken': 409,
  'file-exists': 409,
};

/** A fresh random token for the page. */
export const newPublishToken = () => randomBytes(32).toString('hex');

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in time that does not depend on where the two differ (digests have one length). */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

function answer(response: ServerResponse, status: number, body: PublishAnswer): void {
  response
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

const refusal = (message: string, problems: string[] = []): PublishAnswer => ({
  ok: false,
  message,
  problems,
});

/**
 * The request's body, or `too-large` as soon as it is longer than MAX_BODY_BYTES: the rest is not read
 * (the answer closes the connection).
 */
function readBody(request: IncomingMessage): Promise<string | 'too-large'> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.pause();
      resolve('too-large');
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export interface PublishEndpoint {
  contentDir: string;
  token: string;
  /** Called after a draft was moved into the library (reload it, tell the page). */
  onPublished(): Promise<void>;
}

/** Handles POST /publish once Host and Origin were checked by the server. */
export async function handlePublish(
  request: IncomingMessage,
  response: ServerResponse,
  endpoint: PublishEndpoint,
): Promise<void> {
  if (request.headers.origin === undefined) {
    answer(
      response,
      403,
      refusal(
        'Publishing is done from the preview page; this request did not say which page sent it (Origin).',
      ),
    );
    return;
  }
  if (!tokenMatches(request.headers[TOKEN_HEADER], endpoint.token)) {
    answer(
      response,
      403,
      refusal(
        'The page token is missing or out of date (it changes when the preview restarts); reload the preview page and press Publish again.',
      ),
    );
    return;
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    answer(response, 415, refusal('A publish request is JSON: {"id": "<draft name>"}.'));
    return;
  }
  const text = await readBody(request);
  if (text === 'too-large') {
    // 400 as for any body that is not one draft name (the connection closes, the rest is never read).
    answer(
      response,
      400,
      refusal(`A publish request is JSON: {"id": "<draft name>"}, at most ${MAX_BODY_BYTES} bytes.`),
    );
    return;
  }
  let body: z.infer<typeof publishBody> | undefined;
  try {
    body = publishBody.parse(JSON.parse(text));
  } catch {
    body = undefined;
  }
  if (!body) {
    answer(response, 400, refusal('A publish request is JSON: {"id": "<draft name>"}.'));
    return;
  }
  const result = await publishDraft(endpoint.contentDir, body.id);
  if (!result.published) {
    answer(response, STATUS[result.code], refusal(result.message, result.problems.map(formatContentError)));
    return;
  }
  await endpoint.onPublished();
  answer(response, 200, { ok: true, id: result.id, file: result.to });
}
