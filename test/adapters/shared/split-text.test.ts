// Long text is cut into pieces a platform accepts: never inside a character, even when one grapheme is
// longer than a piece (a chain of emoji joined by zero-width joiners is one grapheme, however long).
import { expect, test } from 'vitest';
import { renderMessage } from '../../../src/adapters/discord/render-embeds.ts';
import { splitText } from '../../../src/adapters/shared/split-text.ts';
import { renderHtml } from '../../../src/adapters/telegram/render-html.ts';
import { message } from '../../../src/core/output.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** One grapheme of 2,000 emoji (2 units each) joined by zero-width joiners (1 unit): 5,999 units. */
const CHAIN = `${'👩\u200D'.repeat(1999)}👩`;
/** One grapheme: an emoji, 2,997 combining accents, then skin-tone modifiers (2 units each), the first at unit 2,999. */
const MARKED = `👩${'\u0301'.repeat(2997)}${'🏻'.repeat(100)}`;

test('a grapheme longer than a piece is cut between code points, and nothing is lost', () => {
  for (const max of [100, 1001, 3000]) {
    const pieces = splitText(`x${CHAIN}`, max);
    expect(pieces.every((piece) => piece.length <= max)).toBe(true);
    expect(pieces.filter((piece) => LONE_SURROGATE.test(piece))).toEqual([]);
    expect(pieces.join('')).toBe(`x${CHAIN}`);
  }
});

test.each([CHAIN, `x${CHAIN}`, MARKED])(
  'such a grapheme in a message renders for Telegram and Discord without half a character (%#)',
  (long) => {
    const text = message([{ kind: 'text', text: long }]);
    expect(renderHtml(text).filter((part) => LONE_SURROGATE.test(part.text))).toEqual([]);
    // JSON writes a lone surrogate as an escape, a whole pair as the character itself.
    expect(JSON.stringify(renderMessage(text))).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
  },
);
