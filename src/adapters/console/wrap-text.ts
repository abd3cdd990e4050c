// Wraps terminal text at word boundaries, with a hanging indent for list items and quotes. Widths are
// display columns: a Chinese, Japanese or Korean character takes two, and may end a line by itself.
// Line-breaking rules (kinsoku shori, and the same for Latin text): closing punctuation never starts
// a line and an opening bracket never ends one; a word wider than a line is broken where it must be.
import { displayWidth, isWide } from '../shared/display-width.ts';

export { displayWidth };

/** Punctuation that must not start a line: it stays with what comes before it. */
const CLOSING = new Set([...'，。、：；！？）」』】〉》’”,.:;!?)]}']);
/** Brackets that must not end a line: they stay with what comes after them. */
const OPENING = new Set([...'（「『【〈《‘“([{']);

/** Where a path, URL or list of values breaks most readably: after one of these. */
const SEPARATORS = new Set([...'/|-_&?=']);

const firstChar = (text: string) => [...text][0] ?? '';
const lastChar = (text: string) => [...text].at(-1) ?? '';

/** A unit a line may not break inside; `space` if a space came before it. */
interface Piece {
  text: string;
  space: boolean;
}

/** Words, and each CJK character, with a space flag: the places a line may break. */
function atomsOf(paragraph: string): Piece[] {
  const atoms: Piece[] = [];
  let space = false;
  let word = '';
  const flush = () => {
    if (word === '') return;
    atoms.push({ text: word, space });
    space = false;
    word = '';
  };
  for (const char of paragraph) {
    if (char === ' ') {
      flush();
      space = atoms.length > 0;
    } else if (isWide(char.codePointAt(0) ?? 0)) {
      flush();
      atoms.push({ text: char, space });
      space = false;
    } else {
      word += char;
    }
  }
  flush();
  return atoms;
}

/** Atoms joined where a break would start a line with closing punctuation or end one with an opening bracket. */
function piecesOf(paragraph: string): Piece[] {
  const pieces: Piece[] = [];
  for (const atom of atomsOf(paragraph)) {
    const last = pieces[pieces.length - 1];
    if (last && (CLOSING.has(firstChar(atom.text)) || OPENING.has(lastChar(last.text)))) {
      last.text += `${atom.space ? ' ' : ''}${atom.text}`;
    } else {
      pieces.push({ ...atom });
    }
  }
  return pieces;
}

/**
 * The longest start of `text` that fits in `room` columns and may end a line (the character after it
 * is not closing punctuation, its last is not an opening bracket); at least one character.
 */
function fittingStart(text: string, room: number): string {
  const chars = [...text];
  let fits = 0;
  let width = 0;
  while (fits < chars.length && width + displayWidth(chars[fits] ?? '') <= room) {
    width += displayWidth(chars[fits] ?? '');
    fits++;
  }
  const allowed = (end: number) => !CLOSING.has(chars[end] ?? '') && !OPENING.has(chars[end - 1] ?? '');
  // Within a path or a list of values, after a separator reads best, if one is not far back.
  for (let end = fits; end > fits / 2; end--) {
    if (SEPARATORS.has(chars[end - 1] ?? '') && allowed(end)) return chars.slice(0, end).join('');
  }
  for (let end = fits; end > 0; end--) {
    if (allowed(end)) return chars.slice(0, end).join('');
  }
  return chars.slice(0, Math.max(1, fits)).join('');
}

/**
 * Lines of at most `width` columns, broken between words (and between CJK characters) by the rules
 * above; a word wider than a line (a path, a URL) is broken across lines, nothing dropped. `first`
 * starts the first line, `rest` every following one (`• ` then two spaces).
 */
export function wrapText(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let empty = true;
    const breakLine = () => {
      lines.push(line.trimEnd());
      line = rest;
      empty = true;
    };
    for (const piece of piecesOf(paragraph)) {
      const gap = piece.space && !empty ? ' ' : '';
      if (!empty && displayWidth(line) + displayWidth(gap) + displayWidth(piece.text) > width) breakLine();
      let remaining = empty ? piece.text : `${gap}${piece.text}`;
      // Wider than a whole line: it fills lines until the rest fits.
      while (displayWidth(line) + displayWidth(remaining) > width && displayWidth(rest) < width) {
        const start = fittingStart(remaining, width - displayWidth(line));
        line += start;
        remaining = remaining.slice(start.length).trimStart();
        breakLine();
      }
      line += remaining;
      empty = false;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Joins pieces (button labels) with `gap`, starting a new line rather than splitting a piece. */
export function wrapPieces(pieces: readonly string[], width: number, gap = '   '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line !== '' && displayWidth(line) + displayWidth(gap) + displayWidth(piece) > width) {
      lines.push(line);
      line = '';
    }
    // A piece wider than a line (a long link) is wrapped on lines of its own.
    if (displayWidth(piece) > width) {
      if (line !== '') lines.push(line);
      lines.push(...wrapText(piece, width, '', '  '));
      line = '';
      continue;
    }
    line = line === '' ? piece : `${line}${gap}${piece}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
