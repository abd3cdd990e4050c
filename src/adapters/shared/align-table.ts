// Pads table cells so columns line up in monospace (terminal, Telegram <pre>, Discord code block).

export function alignTable(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((column, index) =>
    Math.max([...column].length, ...rows.map((row) => [...(row[index] ?? '')].length)),
  );
  const pad = (cell: string, width: number) => cell + ' '.repeat(Math.max(0, width - [...cell].length));
  const line = (cells: readonly string[]) =>
    columns
      .map((_, index) => pad(cells[index] ?? '', widths[index] ?? 0))
      .join(' │ ')
      .trimEnd();
  return [line(columns), widths.map((width) => '─'.repeat(width)).join('─┼─'), ...rows.map(line)];
}
