// Discord's signature on an interaction POST: Ed25519 over timestamp + body, checked with node:crypto.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** How old a signed timestamp may be (either way, for a clock a little ahead): Discord's replay window. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (64 hex digits, as the Developer Portal shows it) as a key object. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('an Ed25519 public key is 64 hex digits');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether Discord signed this request: the `X-Signature-Ed25519` header (hex) over the
 * `X-Signature-Timestamp` header (Unix seconds) followed by the raw body, with a timestamp within
 * five minutes of `nowMs`.
 */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number,
): SignatureCheck {
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) return { ok: false, reason: 'malformed signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(nowMs - Number(timestamp) * 1000) > SIGNATURE_MAX_AGE_MS)
    return { ok: false, reason: 'timestamp outside the 5-minute window' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  const valid = verify(null, signed, key, Buffer.from(signature, 'hex'));
  return valid ? { ok: true } : { ok: false, reason: 'bad signature' };
}
