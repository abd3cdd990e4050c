// Pads table cells so columns line up in monospace (terminal, Telegram <pre>, Discord code block).
import { displayWidth } from './display-width.ts';
import { groupLines } from './split-text.ts';

export function alignTable(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column), ...rows.map((row) => displayWidth(row[index] ?? ''))),
  );
  const pad = (cell: string, width: number) => cell + ' '.repeat(Math.max(0, width - displayWidth(cell)));
  const line = (cells: readonly string[]) =>
    columns
      .map((_, index) => pad(cells[index] ?? '', widths[index] ?? 0))
      .join(' │ ')
      .trimEnd();
  return [line(columns), widths.map((width) => '─'.repeat(width)).join('─┼─'), ...rows.map(line)];
}

/**
 * Table lines (header, rule, rows) in chunks of at most `max` characters. Each chunk repeats the
 * header while it takes at most half a chunk; a wider header is simply cut into lines like the rows.
 */
export function chunkTable(lines: readonly string[], max: number): string[] {
  const [header = '', rule = '', ...body] = lines;
  const head = `${header}\n${rule}`;
  if (body.length > 0 && head.length <= max / 2) {
    return groupLines(body, max - head.length - 1).map((rows) => `${head}\n${rows}`);
  }
  return groupLines(lines, max);
}
