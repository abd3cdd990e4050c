// Shared output for benchmarks: a readable table, then one JSON line as the very last line.

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function printTable(title: string, columns: string[], rows: (string | number)[][]): void {
  const cells = rows.map((row) => row.map(String));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((row) => (row[index] ?? '').length)),
  );
  const line = (row: string[]) => row.map((cell, index) => cell.padStart(widths[index] ?? 0)).join('  ');
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of cells) console.log(line(row));
  console.log('');
}

/** Samples resident memory while a benchmark runs. */
export function trackPeakRss(intervalMs = 20) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round((peak / 1024 / 1024) * 10) / 10;
    },
  };
}
