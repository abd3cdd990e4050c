// Reads one series of the bot's Prometheus registry, as a scrape would see it.
import type { AppMetrics } from '../../src/app/app-metrics.ts';

/** The value of one series in the registry's text, 0 when it has not been written yet. */
export async function sample(
  metrics: AppMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await metrics.registry.metrics();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}
