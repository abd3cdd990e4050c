// Turns any field taken from a page or feed into plain text: markup, scripts and styles removed, entities
// decoded, control and direction-override characters dropped, white space collapsed.

import { graphemePrefix } from '../core/clip-text.ts';
import { MAX_FIELD_CHARACTERS } from './intake-limits.ts';
import { parseHtmlDocument } from './parsed-dom.ts';

/** Elements whose text is never reader-facing: code, styles, embedded documents. */
export const NON_TEXT_ELEMENTS =
  'script, style, noscript, template, iframe, object, embed, svg, math, canvas';

const document = parseHtmlDocument('<!doctype html><html><head></head><body></body></html>');
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Zero-width characters and bidirectional overrides, which can hide or reorder what a reader sees. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** A tag left after decoding (text that was escaped twice, `&amp;lt;script&amp;gt;`). */
const TAG = /<\/?[a-z!?][^<>]*>?/gi;
/** Markup is parsed again while decoding uncovers more, this many times at most. */
const MAX_PASSES = 3;

function stripMarkup(value: string): string {
  const holder = document.createElement('div');
  holder.innerHTML = value;
  for (const element of holder.querySelectorAll(NON_TEXT_ELEMENTS)) element.remove();
  return holder.textContent ?? '';
}

/** Collapses white space and removes control and invisible characters. */
export function tidyText(value: string): string {
  return value.replace(CONTROL, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Plain text of a value that may hold HTML, at most `max` characters (cut at a word when longer). */
export function plainText(value: string, max = MAX_FIELD_CHARACTERS): string {
  let text = value.length > max * 4 ? value.slice(0, max * 4) : value;
  for (let pass = 0; pass < MAX_PASSES && /[<&]/.test(text); pass++) {
    const stripped = stripMarkup(text);
    if (stripped === text) break;
    text = stripped;
  }
  text = tidyText(text.replace(TAG, ' '));
  if (text.length <= max) return text;
  const cut = graphemePrefix(text, max);
  const space = cut.lastIndexOf(' ');
  return space > max / 2 ? cut.slice(0, space) : cut;
}
