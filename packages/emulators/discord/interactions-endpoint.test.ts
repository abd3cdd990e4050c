// Self-test of interactions over HTTP: the emulator POSTs signed interactions to a small endpoint of the
// test's own (node:http, node:crypto), takes its answers as callbacks, and checks it as the Portal does.
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordEmulator, generateInteractionKeys, startDiscordEmulator } from './index.ts';

type Answer = (interaction: Record<string, unknown>, response: ServerResponse) => void;

const keys = generateInteractionKeys();
const spki = Buffer.concat([
  Buffer.from('302a300506032b6570032100', 'hex'),
  Buffer.from(keys.publicKeyHex, 'hex'),
]);
const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });

let emulator: DiscordEmulator | undefined;
let server: Server | undefined;
afterEach(async () => {
  await emulator?.close();
  const open = server;
  if (open) await new Promise((resolve) => open.close(resolve));
  emulator = undefined;
  server = undefined;
});

/** An endpoint that checks the signature (401 otherwise), answers PING, and hands the rest to `answer`. */
async function endpoint(answer: Answer, check = true): Promise<string> {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const timestamp = String(request.headers['x-signature-timestamp'] ?? '');
      const signature = Buffer.from(String(request.headers['x-signature-ed25519'] ?? ''), 'hex');
      if (check && !verify(null, Buffer.concat([Buffer.from(timestamp), body]), publicKey, signature)) {
        response.writeHead(401).end();
        return;
      }
      const interaction = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (interaction.type === 1) {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"type":1}');
        return;
      }
      answer(interaction, response);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`;
}

const json = (response: ServerResponse, value: unknown) =>
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));

describe('interactions over HTTP', () => {
  it('POSTs a signed command, takes a 200 answer as its callback, and opens no gateway session', async () => {
    emulator = await startDiscordEmulator();
    const url = await endpoint((_interaction, response) =>
      json(response, { type: 4, data: { content: 'Hi' } }),
    );
    emulator.interactionsEndpoint = { url, privateKey: keys.privateKey };
    const handle = emulator.runCommand({ channelId: emulator.channelId, name: 'hello' });
    const callback = await handle.callback();
    expect(callback).toMatchObject({ type: 4, data: { content: 'Hi' } });
    expect(handle.record().original?.content).toBe('Hi');
    expect(handle.record().endpointAnswer?.status).toBe(200);
    expect(emulator.gatewayConnectionsOpened).toBe(0);
  });

  it('a follow-up over the webhook after an inline answer lands, even when sent at once', async () => {
    emulator = await startDiscordEmulator();
    const em = emulator;
    const url = await endpoint((interaction, response) => {
      json(response, { type: 5, data: { flags: 64 } });
      // The bot edits its placeholder as soon as its answer is written.
      response.once('finish', () => {
        void fetch(
          `${em.apiBase}/v10/webhooks/${em.applicationId}/${String(interaction.token)}/messages/@original`,
          {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ content: 'Done thinking' }),
          },
        );
      });
    });
    em.interactionsEndpoint = { url, privateKey: keys.privateKey };
    const handle = em.runCommand({ channelId: em.channelId, name: 'slow' });
    expect((await handle.callback()).type).toBe(5);
    await expect.poll(() => handle.record().original?.content).toBe('Done thinking');
  });

  it('an answer other than 200, or one the callback rules refuse, rejects callback() with what was answered', async () => {
    emulator = await startDiscordEmulator();
    const url = await endpoint((interaction, response) => {
      if ((interaction.data as { name?: string }).name === 'broken') response.writeHead(500).end('oops');
      else json(response, { type: 7, data: { content: 'no message to update' } });
    });
    emulator.interactionsEndpoint = { url, privateKey: keys.privateKey };
    await expect(
      emulator.runCommand({ channelId: emulator.channelId, name: 'broken' }).callback(),
    ).rejects.toThrow(/answered 500: oops/);
    const update = emulator.runCommand({ channelId: emulator.channelId, name: 'update' });
    await expect(update.callback()).rejects.toThrow(/Invalid Form Body/);
    expect(update.record().rejectedCallbacks).toHaveLength(1);
  });

  it('checks an endpoint as the Developer Portal does: PING answered, a forged signature refused', async () => {
    emulator = await startDiscordEmulator();
    const strict = await endpoint(() => {});
    expect(await emulator.checkInteractionsEndpoint({ url: strict, privateKey: keys.privateKey })).toEqual(
      [],
    );
    await new Promise((resolve) => server?.close(resolve));
    const lax = await endpoint(() => {}, false);
    expect(await emulator.checkInteractionsEndpoint({ url: lax, privateKey: keys.privateKey })).toEqual([
      'a PING with a wrong signature got 200, not 401',
    ]);
  });
});
