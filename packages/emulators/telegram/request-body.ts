// Reads a Bot API request's parameters from the query string and a JSON, urlencoded or multipart body.
import type { IncomingMessage } from 'node:http';
import { badRequest } from './api-error.ts';
import { parseMultipart } from './multipart.ts';

const MAX_BODY_BYTES = 50 * 1024 * 1024;
/** Half of a surrogate pair on its own: JSON can carry it as `\\udXXX`, UTF-8 cannot encode it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Telegram refuses any string that is not valid Unicode, wherever it is in the request. */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasLoneSurrogate);
  return false;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** All parameters of a request; body fields win over query fields. Malformed bodies → 400. */
export async function readParams(
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(query);
  const body = await readBody(req);
  if (body.length === 0) return params;
  const rawContentType = req.headers['content-type'] ?? '';
  const contentType = rawContentType.toLowerCase();

  if (contentType.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest("can't parse JSON object");
    }
    if (hasLoneSurrogate(parsed)) throw badRequest('strings must be encoded in UTF-8');
    return { ...params, ...(parsed as Record<string, unknown>) };
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
  }
  if (contentType.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(rawContentType)?.[1];
    if (boundary === undefined) throw badRequest("can't parse multipart/form-data request");
    try {
      return { ...params, ...parseMultipart(body, boundary) };
    } catch {
      throw badRequest("can't parse multipart/form-data request");
    }
  }
  return params;
}
