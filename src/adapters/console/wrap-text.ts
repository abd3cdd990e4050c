// Wraps terminal text at word boundaries, with a hanging indent for list items and quotes.

const widthOf = (text: string) => [...text].length;

/**
 * Lines of at most `width` columns, broken between words; a word longer than a line stays whole.
 * `first` starts the first line, `rest` every following one (`• ` then two spaces).
 */
export function wrapText(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let empty = true;
    for (const word of paragraph.split(/ +/).filter((part) => part !== '')) {
      if (!empty && widthOf(line) + 1 + widthOf(word) > width) {
        lines.push(line);
        line = rest;
        empty = true;
      }
      line += empty ? word : ` ${word}`;
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
    if (line !== '' && widthOf(line) + widthOf(gap) + widthOf(piece) > width) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? piece : `${line}${gap}${piece}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
