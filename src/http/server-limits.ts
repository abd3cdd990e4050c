// The time and size limits every HTTP server of the bot keeps (the ops endpoint, the preview, the Telegram
// webhook): a client that sends its request slowly, never finishes it, or idles on a connection is cut off.
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';

export interface ServerLimits {
  /** A request's headers must have arrived within this long (408 after). */
  headersMs: number;
  /** A whole request, headers and body, within this long (408 after); at least `headersMs`. */
  requestMs: number;
  /** A connection with nothing sent either way for this long is closed. */
  idleMs: number;
}

export const SERVER_LIMITS: ServerLimits = { headersMs: 10_000, requestMs: 30_000, idleMs: 60_000 };

/** Request headers larger than this are refused (431). */
const MAX_HEADER_BYTES = 16 * 1024;
/** An idle kept-alive connection closes after this long (Node's default). */
const KEEP_ALIVE_MS = 5_000;

/** Options for http.createServer: the limits, checked often enough to hold to them. */
export function serverOptions(limits: ServerLimits = SERVER_LIMITS): ServerOptions {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersMs / 4))),
    maxHeaderSize: MAX_HEADER_BYTES,
    keepAliveTimeout: Math.min(KEEP_ALIVE_MS, limits.idleMs),
  };
}

/**
 * The limits on a server made elsewhere (by a library): the time limits, checked as often as Node does
 * for it (every 30 s), and the idle limit on each connection. Returns the server.
 */
export function limitServer<S extends Server>(server: S, limits: ServerLimits = SERVER_LIMITS): S {
  server.headersTimeout = limits.headersMs;
  server.requestTimeout = limits.requestMs;
  server.keepAliveTimeout = Math.min(KEEP_ALIVE_MS, limits.idleMs);
  server.setTimeout(limits.idleMs);
  return server;
}

/** Whether a request carries a body, which the server may leave unread. */
export const hasBody = (request: IncomingMessage): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * A request with a body closes its connection after the answer: a body the server leaves unread (a
 * refusal, a GET-only endpoint) is then never read on to its end, however long it is.
 */
export function closeAfterBody(request: IncomingMessage, response: ServerResponse): void {
  if (hasBody(request)) response.setHeader('connection', 'close');
}
