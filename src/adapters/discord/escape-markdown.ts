// Makes content text inert on Discord: markdown shown as typed, mentions that cannot ping, safe clipping.
import { graphemePrefix } from '../../core/clip-text.ts';

/** Characters with inline meaning anywhere in a line (`<` also opens mentions, channels and timestamps). */
const INLINE = /[\\*_~`|[\]()<]/g;
/** Markers that only mean something at the start of a line: quotes, headings, subtext, lists. */
const LINE_START = /^(\s*)([>#+-]|\d+(?=\.))/gm;
/** `@everyone` and `@here` ping from plain text; a zero-width space after `@` keeps them as words. */
const MASS_MENTION = /@(everyone|here)/gi;
const ZERO_WIDTH_SPACE = '\u200b';

/** Keeps `@everyone` / `@here` readable but unable to ping, even where markdown is not parsed. */
export function neutraliseMentions(text: string): string {
  return text.replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`);
}

/** Escapes Discord markdown so content is shown exactly as written, and defuses every kind of mention. */
export function escapeMarkdown(text: string): string {
  const inline = text.replace(INLINE, '\\$&');
  const lineStarts = inline.replace(LINE_START, (_match, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
  return neutraliseMentions(lineStarts);
}

/** Text inside a ``` block: only a backtick run could end it early, so each backtick is split off. */
export function escapeCodeBlock(text: string): string {
  return neutraliseMentions(text.replace(/`/g, `\`${ZERO_WIDTH_SPACE}`));
}

/** Short texts escaped recently: the same notice (a group answer's ✅/❌) goes out on every press. */
const REMEMBERED = 500;
const REMEMBERED_LENGTH = 300;
const escapedRecently = new Map<string, string>();

/** Escaped text of at most `max` characters: clipped before escaping, so no escape is cut in half. */
export function escapeWithin(text: string, max: number): string {
  if (text.length > REMEMBERED_LENGTH) return escapeAndClip(text, max);
  const memo = `${max}\u0000${text}`;
  let escaped = escapedRecently.get(memo);
  if (escaped === undefined) {
    escaped = escapeAndClip(text, max);
    if (escapedRecently.size >= REMEMBERED) escapedRecently.clear();
    escapedRecently.set(memo, escaped);
  }
  return escaped;
}

function escapeAndClip(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= max) return escaped;
  const candidate = (keep: number) => `${escapeMarkdown(graphemePrefix(text, keep).trimEnd())}…`;
  // The longest prefix whose escaped form still fits (escaping grows text unevenly).
  let low = 0;
  let high = Math.min(text.length, max - 1);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (candidate(middle).length <= max) low = middle;
    else high = middle - 1;
  }
  return candidate(low);
}
