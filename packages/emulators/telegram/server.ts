// The HTTP side: serves `/bot<token>/<method>` on 127.0.0.1 (random port) and hands each call on.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, badRequest, methodNotFound, unauthorized } from './api-error.ts';
import type { ApiResponse } from './bot-api-types.ts';
import type { DispatchResult } from './dispatcher.ts';
import { readParams } from './request-body.ts';

export type DispatchFn = (
  method: string,
  params: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<DispatchResult>;

export interface ApiServer {
  /** e.g. `http://127.0.0.1:41234`, for telegraf's `telegram.apiRoot`. */
  apiRoot: string;
  /** Stops listening, lets in-flight answers go out (up to `graceMs`), then drops every connection. */
  close(graceMs?: number): Promise<void>;
}

const PATH = /^\/bot([^/]+)\/(?:test\/)?([^/]*)$/;

function send(res: ServerResponse, status: number, response: ApiResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const body = JSON.stringify(response);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startApiServer(token: string, dispatch: DispatchFn): Promise<ApiServer> {
  const inFlight = new Set<Promise<void>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = PATH.exec(url.pathname);
    if (match === null) {
      send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    if (decodeURIComponent(match[1] ?? '') !== token) {
      send(res, 401, unauthorized().toResponse());
      return;
    }
    const method = match[2] ?? '';
    if (method === '') {
      send(res, 404, methodNotFound().toResponse());
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    let params: Record<string, unknown>;
    try {
      params = await readParams(req, url.searchParams);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : badRequest('request body is invalid');
      send(res, apiError.errorCode, apiError.toResponse());
      return;
    }
    const { status, response, reset } = await dispatch(method, params, controller.signal);
    // The call took effect; the client never learns it (a connection reset after the platform acted).
    if (reset) res.socket?.destroy();
    else send(res, status, response);
  }

  const server = http.createServer((req, res) => {
    const task = handle(req, res).catch((error: unknown) => {
      console.error('telegram emulator: request failed', error);
      send(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    async close(graceMs = 1000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}
