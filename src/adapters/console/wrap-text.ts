// Wraps terminal text at word boundaries, with a hanging indent for list items and quotes. Widths are
// display columns: a Chinese, Japanese or Korean character takes two, and may end a line by itself.
import { displayWidth, isWide } from '../shared/display-width.ts';

export { displayWidth };

/** Punctuation that must not start a line: it stays with the character before it. */
const NO_LINE_START = /^[，。、；：！？）」』】》〉,.;:!?)]/u;

/** A paragraph as pieces a line may end after: words, and each CJK character; `space` if a space came before. */
function piecesOf(paragraph: string): { text: string; space: boolean }[] {
  const pieces: { text: string; space: boolean }[] = [];
  let space = false;
  let word = '';
  const flush = () => {
    if (word !== '') pieces.push({ text: word, space });
    if (word !== '') space = false;
    word = '';
  };
  for (const char of paragraph) {
    if (char === ' ') {
      flush();
      space = pieces.length > 0;
      continue;
    }
    if (isWide(char.codePointAt(0) ?? 0)) {
      // The word in progress first: punctuation that may not start a line closes the piece before it.
      flush();
      const last = pieces[pieces.length - 1];
      if (NO_LINE_START.test(char) && last && !space) last.text += char;
      else pieces.push({ text: char, space });
      space = false;
      continue;
    }
    const last = pieces[pieces.length - 1];
    if (
      word === '' &&
      NO_LINE_START.test(char) &&
      last &&
      !space &&
      isWide(last.text.codePointAt(last.text.length - 1) ?? 0)
    ) {
      last.text += char;
      continue;
    }
    word += char;
  }
  flush();
  return pieces;
}

/**
 * Lines of at most `width` columns, broken between words (and between CJK characters); a word longer
 * than a line stays whole. `first` starts the first line, `rest` every following one (`• ` then two spaces).
 */
export function wrapText(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let empty = true;
    for (const piece of piecesOf(paragraph)) {
      const gap = piece.space && !empty ? ' ' : '';
      if (!empty && displayWidth(line) + displayWidth(gap) + displayWidth(piece.text) > width) {
        lines.push(line.trimEnd());
        line = rest;
        empty = true;
      }
      line += empty ? piece.text : `${gap}${piece.text}`;
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
    line = line === '' ? piece : `${line}${gap}${piece}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
