// Cuts text to a length without splitting what a reader sees as one character (emoji, flags, accents).

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Characters after the cut that decide whether it is a grapheme boundary: the next code point
 * (at most two UTF-16 units), with room to spare.
 */
const LOOKAHEAD = 4;

/**
 * The longest prefix of `text` of at most `max` UTF-16 units (the unit Telegram counts in, and never
 * fewer than Discord counts) that ends on a grapheme boundary.
 */
export function graphemePrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  // A boundary depends only on what comes before it and on the next code point, so a window will do.
  for (const { index, segment } of graphemes.segment(text.slice(0, max + LOOKAHEAD))) {
    const next = index + segment.length;
    if (next > max) break;
    end = next;
  }
  return text.slice(0, end);
}

/**
 * The longest prefix of at most `max` UTF-16 units that ends between two code points: for a grapheme
 * longer than `max` (a long chain of emoji and joiners), where a grapheme boundary cannot be had.
 */
export function codePointPrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  // A cut of one unit that would leave nothing keeps the half pair: something must be taken.
  return text.slice(0, last >= 0xd800 && last <= 0xdbff && max > 1 ? max - 1 : max);
}

/** `text` cut to at most `max` UTF-16 units, ending in "…" when cut; never splits a grapheme. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${graphemePrefix(text, max - 1).trimEnd()}…`;
}

/** How much of a typed value a reply quotes back. */
export const ECHO_LENGTH = 40;

/**
 * A value someone typed, as a reply quotes it back: on one line, in quotes, clipped to a whole
 * character (never half an emoji, which Telegram refuses and Discord shows broken).
 */
export function echoTyped(value: unknown, max = ECHO_LENGTH): string {
  return `"${clipText(String(value).replace(/\s+/g, ' ').trim(), max)}"`;
}
