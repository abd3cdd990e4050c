// Reads an HTTP request body: JSON, or multipart/form-data with a `payload_json` part and `files[n]` parts.
import type { IncomingMessage } from 'node:http';
import { Errors } from './errors.ts';
import type { UploadedFile } from './messages.ts';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

/** Half of a surrogate pair on its own: JSON can carry it as `\\udXXX`, but it is no character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Discord takes a string holding half an emoji but stores U+FFFD in its place: the user sees a
 * broken character. The emulator keeps what Discord would show.
 */
function asDiscordStores(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (Array.isArray(value)) return value.map(asDiscordStores);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, asDiscordStores(entry)]));
  }
  return value;
}

/** Discord's upload limit for unboosted guilds is 10 MiB per file; keep the whole request bounded too. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await collect(req);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return parseMultipart(raw, type);
  try {
    return { body: asDiscordStores(JSON.parse(raw.toString('utf8'))), files: [] };
  } catch {
    throw Errors.invalidJson();
  }
}

function collect(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Errors.payloadTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Uses the platform's WHATWG multipart parser (undici), the same code that builds discord.js' FormData. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw Errors.invalidJson();
  }
  const files: UploadedFile[] = [];
  const fields: Record<string, unknown> = {};
  let payload: unknown;
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      if (key === 'payload_json') {
        try {
          payload = asDiscordStores(JSON.parse(value));
        } catch {
          throw Errors.invalidJson();
        }
      } else {
        fields[key] = value;
      }
      continue;
    }
    files.push({
      field: key,
      index: fileIndex(key, files.length),
      name: value.name,
      contentType: value.type || 'application/octet-stream',
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  files.sort((a, b) => a.index - b.index);
  return { body: payload ?? (Object.keys(fields).length > 0 ? fields : undefined), files };
}

/** Files are addressed by the index in their field name (`files[0]`); other names count in order. */
function fileIndex(field: string, fallback: number): number {
  const match = /\[(\d+)\]$/.exec(field);
  return match?.[1] === undefined ? fallback : Number(match[1]);
}
