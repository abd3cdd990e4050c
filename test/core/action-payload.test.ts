import { expect, test } from 'vitest';
import { type Action, decodeAction, encodeAction, MAX_PAYLOAD_BYTES } from '../../src/core/action-payload.ts';

const samples: Action[] = [
  { type: 'brief', article: 'abc123' },
  { type: 'section', article: 'zzzzzzz', section: 'deep-dive' },
  { type: 'read', article: '1x2y3z', step: 9 },
  { type: 'quiz', article: 'q1', mode: 'group' },
  { type: 'answer', round: 'abcdefghij', question: 4, choice: 3 },
  { type: 'next', round: 'abcdefghij', question: 0 },
  { type: 'news', topic: 'open-source' },
  { type: 'news' },
  { type: 'board', period: 'all' },
  { type: 'report', round: 'abcdefghij', question: 9 },
  { type: 'reason', round: 'rvabcdefghij', question: 0, reason: 'wrong-key' },
  { type: 'reason', round: 'abcdefghij', question: 3, reason: 'unclear' },
  { type: 'reason', round: 'abcdefghij', question: 3, reason: 'outdated' },
  { type: 'reason', round: 'abcdefghij', question: 3, reason: 'other' },
  { type: 'note', round: 'abcdefghijklmnop', question: 99 },
];

test('every action round-trips and fits in 64 bytes', () => {
  for (const action of samples) {
    const payload = encodeAction(action);
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(decodeAction(payload)).toEqual(action);
  }
});

test('garbled, forged or foreign payloads decode to nothing', () => {
  for (const payload of [
    '',
    'hello',
    '2:b:abc',
    '1:zz:abc',
    '1:a:abcdefghij:1',
    '1:a:abcdefghij:1:2:3',
    '1:a:ABC:1:2',
    '1:a:abcdefghij:-1:2',
    '1:r:abc:1e9',
    '1:s:abc:x',
    `1:b:${'a'.repeat(80)}`,
    '1:l:forever',
    // Report payloads: a reason that is not one, parts missing or extra, a round id of another shape.
    '1:k:abcdefghij:0:z',
    '1:k:abcdefghij:0',
    '1:k:abcdefghij:0:w:x',
    '1:p:abcdefghij',
    '1:p:abcdefghij:0:1',
    '1:p:ABC:0',
    '1:p:abcdefghij:100',
    '1:o:abcdefghij:-1',
    `1:o:${'a'.repeat(40)}:0`,
  ]) {
    expect(decodeAction(payload), payload).toBeUndefined();
  }
});
