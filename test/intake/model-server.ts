// An OpenAI-compatible chat-completions server for tests: each POST /v1/chat/completions is answered as the
// test's script says (a chat completion with some content, an error status, or no answer at all). Binds
// 127.0.0.1 on an ephemeral port; every request is recorded with its headers and body.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  /** 200 with a chat completion whose message content is `content`. */
  | { content: string; finish?: 'stop' | 'length' }
  /** An error status with an OpenAI-style error body. */
  | { status: number; message?: string; headers?: Record<string, string> }
  /** Headers never come: the request hangs until the client gives up. */
  | { hang: true };

export interface ModelRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The request body as sent. */
  raw: string;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
    max_tokens?: number;
  };
}

export interface ModelServer {
  /** The API's base URL, as LLM_BASE_URL takes it (`http://127.0.0.1:PORT/v1`). */
  baseUrl: string;
  port: number;
  requests: ModelRequest[];
  close(): Promise<void>;
}

/** The user message of a request: the article as sent. */
export const articleOf = (request: ModelRequest) =>
  request.body.messages.find((message) => message.role === 'user')?.content ?? '';

export async function startModelServer(
  script: (request: ModelRequest, index: number) => Reply,
): Promise<ModelServer> {
  const requests: ModelRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const recorded: ModelRequest = {
        path: request.url ?? '',
        headers: request.headers,
        raw,
        body: JSON.parse(raw || '{}') as ModelRequest['body'],
      };
      requests.push(recorded);
      if (request.method !== 'POST' || recorded.path !== '/v1/chat/completions') {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      const reply = script(recorded, requests.length - 1);
      if ('hang' in reply) return;
      if ('status' in reply) {
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(
          JSON.stringify({
            error: { message: reply.message ?? `status ${reply.status}`, type: 'server_error' },
          }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 1_780_000_000,
          model: recorded.body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: reply.content, refusal: null },
              finish_reason: reply.finish ?? 'stop',
            },
          ],
          usage: { prompt_tokens: 1000, completion_tokens: 900, total_tokens: 1900 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
