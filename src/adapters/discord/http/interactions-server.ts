// The Interactions Endpoint: POST /interactions, signed by Discord; limits first, then the signature,
// then PING here and everything else to the handler, which answers in the HTTP response.
import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverOptions } from '../../../http/server-limits.ts';
import type { Logger } from '../../../logger.ts';
import { UnreadableInteraction } from '../payload-interactions.ts';
import { checkSignature } from './verify-signature.ts';

export const INTERACTIONS_PATH = '/interactions';
/** The largest body read: Discord's interactions are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A body that takes longer than this to arrive is refused (a slow sender holds no connection for long). */
const BODY_TIMEOUT_MS = 10_000;
const PING = 1;
const PONG = { type: 1 };

/** Writes the response to the POST; resolves once it is handed to the network, rejects if it cannot be. */
export type Respond = (body: object) => Promise<void>;

export interface InteractionsServerOptions {
  port: number;
  host: string;
  /** The application's public key (DISCORD_PUBLIC_KEY). */
  publicKey: KeyObject;
  /** Wall-clock time for the signature's 5-minute window (default Date.now). */
  now?: () => number;
  /** Handles a verified interaction other than PING; must call `respond` once. */
  handle(payload: unknown, respond: Respond): Promise<void>;
  log: Logger;
}

export interface InteractionsServer {
  readonly server: Server;
  /** The port it listens on (the configured one, or the one the system chose for 0). */
  readonly port: number;
  close(): Promise<void>;
}

function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(`${text}\n`);
}

/** Reads the body up to the limit; undefined when it was refused (the answer is then already sent). */
function readBody(request: IncomingMessage, response: ServerResponse): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const refuse = (status: number, text: string) => {
      request.removeAllListeners('data');
      request.pause();
      // The rest of the body is not read: the connection ends with the answer.
      response.once('finish', () => request.socket.destroy());
      plain(response, status, text, { connection: 'close' });
      resolve(undefined);
    };
    const tooLarge = () => refuse(413, `Request body is over ${MAX_BODY_BYTES} bytes.`);
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (declared > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => refuse(408, 'Request body took too long to arrive.'), BODY_TIMEOUT_MS);
    timer.unref();
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        clearTimeout(timer);
        return tooLarge();
      }
      chunks.push(chunk);
    });
    request.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    request.once('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

export async function startInteractionsServer(
  options: InteractionsServerOptions,
): Promise<InteractionsServer> {
  const now = options.now ?? Date.now;
  const log = options.log;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== INTERACTIONS_PATH)
      return plain(response, 404, `Discord interactions go to ${INTERACTIONS_PATH}.`);
    if (request.method !== 'POST') return plain(response, 405, 'Only POST.', { allow: 'POST' });
    const body = await readBody(request, response);
    if (body === undefined) return;
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const check = checkSignature(
      options.publicKey,
      header('x-signature-ed25519'),
      header('x-signature-timestamp'),
      body,
      now(),
    );
    if (!check.ok) {
      log.debug({ reason: check.reason }, 'interaction refused: signature');
      return plain(response, 401, `Invalid request signature (${check.reason}).`);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return plain(response, 400, 'The body is not JSON.');
    }
    const respond: Respond = (answer) =>
      new Promise((resolve, reject) => {
        if (response.headersSent || response.destroyed) {
          reject(new Error('the interaction was already answered, or its connection is gone'));
          return;
        }
        const text = JSON.stringify(answer);
        response.once('finish', () => resolve());
        response.once('close', () => {
          if (!response.writableFinished)
            reject(new Error('the connection closed before the answer was sent'));
        });
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(text)),
        });
        response.end(text);
      });
    if (typeof payload === 'object' && payload !== null && 'type' in payload && payload.type === PING) {
      await respond(PONG);
      return;
    }
    try {
      await options.handle(payload, respond);
    } catch (error) {
      if (!(error instanceof UnreadableInteraction)) throw error;
      log.warn({ reason: error.message }, 'interaction refused: unreadable');
      plain(response, 400, `Not an interaction this bot reads: ${error.message}.`);
    }
  }

  const server = createServer(serverOptions(), (request, response) => {
    serve(request, response).catch((error: unknown) => {
      log.error({ err: error }, 'interaction request failed');
      plain(response, 500, 'The bot could not handle this interaction.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
