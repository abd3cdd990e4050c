import { describe, expect, test } from 'vitest';
import { encodeAction } from '../../src/core/action-payload.ts';
import { PayloadSeal } from '../../src/core/action-seal.ts';

const seal = new PayloadSeal(Buffer.alloc(32, 3));
const group = { platform: 'telegram' as const, chatId: '-1001234567890' };

describe('sealed button payloads', () => {
  test('open in the chat they were sealed for, and nowhere else', () => {
    const payload = encodeAction({ type: 'answer', round: 'abcdef123456', question: 3, choice: 1 });
    const sealed = seal.seal(payload, group);
    expect(seal.open(sealed, group)).toBe(payload);
    expect(seal.open(sealed, { ...group, chatId: '-1009999999999' })).toBeUndefined();
    expect(seal.open(sealed, { platform: 'discord', chatId: group.chatId })).toBeUndefined();
    expect(new PayloadSeal(Buffer.alloc(32, 4)).open(sealed, group)).toBeUndefined();
  });

  test('an altered, truncated or unsealed payload does not open', () => {
    const sealed = seal.seal(encodeAction({ type: 'read', article: 'abc123', step: 2 }), group);
    expect(seal.open(sealed.replace(':2:', ':9:'), group)).toBeUndefined();
    expect(seal.open(sealed.slice(0, -1), group)).toBeUndefined();
    expect(seal.open('1:r:abc123:2', group)).toBeUndefined();
    expect(seal.open('', group)).toBeUndefined();
  });

  test('the longest payloads stay within Telegram’s 64 bytes once sealed', () => {
    const longest = [
      encodeAction({ type: 'news', topic: 'a'.repeat(32), page: 99 }),
      encodeAction({ type: 'answer', round: 'z'.repeat(16), question: 99, choice: 99 }),
      encodeAction({ type: 'section', article: 'z'.repeat(13), section: 'implications' }),
    ];
    for (const payload of longest)
      expect(Buffer.byteLength(seal.seal(payload, group))).toBeLessThanOrEqual(64);
  });
});
