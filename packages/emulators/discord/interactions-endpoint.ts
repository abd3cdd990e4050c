// Interactions over HTTP, as Discord delivers them to an Interactions Endpoint URL: each one POSTed as
// JSON, signed with the application's Ed25519 key over timestamp + body; the response is the callback.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { request } from 'node:http';

/** An application's key pair: the bot is configured with `publicKeyHex`; the emulator signs with `privateKey`. */
export interface InteractionKeys {
  /** 64 hex digits, as the Developer Portal shows the application's public key. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function generateInteractionKeys(): InteractionKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw key is the last 32 bytes of its SPKI DER encoding.
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

/** Where the emulator delivers interactions instead of the gateway. */
export interface InteractionsEndpoint {
  /** The bot's endpoint, e.g. http://127.0.0.1:8080/interactions. */
  url: string;
  privateKey: KeyObject;
}

/** The headers Discord sends: `X-Signature-Ed25519` and `X-Signature-Timestamp` (Unix seconds). */
export function signatureHeaders(
  privateKey: KeyObject,
  body: string | Buffer,
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const timestamp = String(timestampSeconds);
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey);
  return { 'x-signature-ed25519': signature.toString('hex'), 'x-signature-timestamp': timestamp };
}

/** What the endpoint answered. */
export interface EndpointAnswer {
  status: number;
  body: string;
  elapsedMs: number;
}

/** POSTs a signed body; resolves with the answer, or rejects on a network failure or after `timeoutMs`. */
export function postSigned(
  endpoint: InteractionsEndpoint,
  body: string,
  timeoutMs: number,
  headers: Record<string, string> = signatureHeaders(endpoint.privateKey, body),
): Promise<EndpointAnswer> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
        ...headers,
      },
      timeout: timeoutMs,
    });
    req.on('timeout', () => req.destroy(new Error(`the endpoint did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          elapsedMs: performance.now() - began,
        }),
      );
    });
    req.end(body);
  });
}
