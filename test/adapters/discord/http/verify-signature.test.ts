// Discord's Ed25519 signature over timestamp + body, checked with node:crypto against the raw public key.
import { generateInteractionKeys, signatureHeaders } from '@newsquiz/emulators/discord';
import { describe, expect, test } from 'vitest';
import { checkSignature, publicKeyFromHex } from '../../../../src/adapters/discord/http/verify-signature.ts';

const keys = generateInteractionKeys();
const key = publicKeyFromHex(keys.publicKeyHex);
const body = Buffer.from('{"type":1}');
const NOW_S = 1_800_000_000;
const now = NOW_S * 1000;

function check(headers: Record<string, string>, signed = body, at = now) {
  return checkSignature(key, headers['x-signature-ed25519'], headers['x-signature-timestamp'], signed, at);
}

describe('checkSignature', () => {
  test("a request signed with the application's key over timestamp + body is Discord's", () => {
    expect(check(signatureHeaders(keys.privateKey, body, NOW_S))).toEqual({ ok: true });
  });

  test('another key, another body or another timestamp than the one signed is refused', () => {
    const other = generateInteractionKeys();
    expect(check(signatureHeaders(other.privateKey, body, NOW_S))).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    expect(check(signatureHeaders(keys.privateKey, body, NOW_S), Buffer.from('{"type":2}'))).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    const moved = {
      ...signatureHeaders(keys.privateKey, body, NOW_S),
      'x-signature-timestamp': String(NOW_S + 1),
    };
    expect(check(moved)).toEqual({ ok: false, reason: 'bad signature' });
  });

  test('a timestamp more than five minutes away, before or after now, is refused however well signed', () => {
    const stale = signatureHeaders(keys.privateKey, body, NOW_S - 301);
    const ahead = signatureHeaders(keys.privateKey, body, NOW_S + 301);
    const window = { ok: false, reason: 'timestamp outside the 5-minute window' };
    expect(check(stale)).toEqual(window);
    expect(check(ahead)).toEqual(window);
    expect(check(signatureHeaders(keys.privateKey, body, NOW_S - 299))).toEqual({ ok: true });
  });

  test('missing or malformed headers are refused before any verification', () => {
    expect(check({})).toEqual({ ok: false, reason: 'missing signature headers' });
    const good = signatureHeaders(keys.privateKey, body, NOW_S);
    expect(check({ ...good, 'x-signature-ed25519': 'zz' })).toEqual({
      ok: false,
      reason: 'malformed signature',
    });
    expect(check({ ...good, 'x-signature-timestamp': '12:00' })).toEqual({
      ok: false,
      reason: 'malformed timestamp',
    });
  });
});

test('publicKeyFromHex takes the 64 hex digits the Developer Portal shows, and nothing else', () => {
  expect(() => publicKeyFromHex(keys.publicKeyHex.toUpperCase())).not.toThrow();
  expect(() => publicKeyFromHex(keys.publicKeyHex.slice(1))).toThrow(/64 hex digits/);
  expect(() => publicKeyFromHex(`${keys.publicKeyHex.slice(2)}zz`)).toThrow(/64 hex digits/);
});
