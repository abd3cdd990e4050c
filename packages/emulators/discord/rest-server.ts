// The HTTP pipeline: /api/v10 routing, bot-token auth, failure injection, rate limits, JSON replies, call log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody } from './body.ts';
import type { CallLog } from './call-log.ts';
import { ApiError, Errors } from './errors.ts';
import type { FailureInjector } from './failures.ts';
import type { UploadedFile } from './messages.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { HttpMethod, Router } from './router.ts';
import type { World } from './world.ts';

export interface RestServerOptions {
  token: string;
  router: Router;
  limiter: RateLimiter;
  failures: FailureInjector;
  log: CallLog;
  world: World;
  latencyMs: number;
  counters: { requests: number; tooManyRequests: number };
}

const API_PREFIX = /^\/api\/v(\d+)(\/.*)?$/;
const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

interface Outcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  afterResponse?: () => void;
}

/** Returns the `request` listener for node:http. */
export function createRestHandler(
  options: RestServerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      console.error('[discord-emulator] request handler crashed', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

async function handle(options: RestServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = Date.now();
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();

  if (method === 'GET' && url.pathname.startsWith('/attachments/')) {
    serveAttachment(options.world, url.pathname, res);
    return;
  }

  const match = API_PREFIX.exec(url.pathname);
  const path = match ? (match[2] ?? '/') : url.pathname;
  let body: unknown;
  let files: UploadedFile[] = [];
  let injected = false;
  let outcome: Outcome;
  try {
    const parsed = await readBody(req);
    body = parsed.body;
    files = parsed.files;
    outcome = await route(options, req, method, path, url.searchParams, body, files, match !== null, () => {
      injected = true;
    });
  } catch (error) {
    outcome = errorOutcome(error);
  }

  options.counters.requests++;
  if (outcome.status === 429) options.counters.tooManyRequests++;
  if (options.latencyMs > 0) await sleep(options.latencyMs);

  const headers: Record<string, string> = { ...outcome.headers };
  let payload: string | undefined;
  if (outcome.status !== 204 && outcome.body !== undefined) {
    payload = JSON.stringify(outcome.body);
    headers['Content-Type'] = 'application/json';
  }
  res.writeHead(outcome.status, headers);
  res.end(payload);

  options.log.record({
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body,
    files: files.map((f) => ({
      field: f.field,
      name: f.name,
      size: f.data.length,
      contentType: f.contentType,
    })),
    status: outcome.status,
    response: outcome.body,
    at,
    durationMs: performance.now() - started,
    injected,
  });
  outcome.afterResponse?.();
}

async function route(
  options: RestServerOptions,
  req: IncomingMessage,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
  files: UploadedFile[],
  versioned: boolean,
  markInjected: () => void,
): Promise<Outcome> {
  const failure = options.failures.take(method, path);
  if (failure) {
    markInjected();
    throw failure;
  }
  if (!versioned || !METHODS.has(method)) throw Errors.notFound();
  const found = options.router.match(method, path);
  if (found === undefined) throw Errors.notFound();
  if (found === 'method') throw Errors.methodNotAllowed();
  const { route: definition, params } = found;

  const authorization = req.headers.authorization;
  const expected = `Bot ${options.token}`;
  if (
    definition.auth === 'bot'
      ? authorization !== expected
      : authorization !== undefined && authorization !== expected
  ) {
    throw Errors.unauthorized();
  }

  const limitHeaders = options.limiter.take({
    method,
    pattern: definition.pattern,
    major: definition.major === null ? 'global' : (params[definition.major] ?? 'global'),
    exemptFromGlobal: definition.auth === 'interaction',
  });
  try {
    const result = await definition.handle({
      method: method as HttpMethod,
      path,
      params,
      query,
      body,
      files,
    });
    return {
      status: result.status,
      body: result.body,
      headers: { ...limitHeaders, ...result.headers },
      ...(result.afterResponse ? { afterResponse: result.afterResponse } : {}),
    };
  } catch (error) {
    const outcome = errorOutcome(error);
    return { ...outcome, headers: { ...limitHeaders, ...outcome.headers } };
  }
}

function errorOutcome(error: unknown): Outcome {
  if (error instanceof ApiError)
    return { status: error.status, body: error.body, headers: { ...error.headers } };
  console.error('[discord-emulator] route failed', error);
  return { status: 500, body: { message: '500: Internal Server Error', code: 0 }, headers: {} };
}

function serveAttachment(world: World, pathname: string, res: ServerResponse): void {
  const id = pathname.split('/')[3];
  const file = id === undefined ? undefined : world.attachments.get(id);
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.data.length) });
  res.end(file.data);
}
