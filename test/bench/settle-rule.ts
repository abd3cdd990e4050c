// When a burst counts as settled, the same rule for both bots so their CPU times compare: every press
// acknowledged (or given up on), then every acknowledged press recorded and counted on the question,
// or SETTLE_MS passed.

/** How long the live count may take to catch up after the acknowledgements (Telegram edits every 3 s). */
export const SETTLE_MS = 6_000;

/** The `N answered` count a question message shows. */
export function shownCount(text: string): number | undefined {
  const match = /(\d+) answered/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Polls until `check` holds or `timeoutMs` passes; says which. */
export async function waitUntil(check: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/** Waits until every acknowledged press is recorded and counted on the question, or SETTLE_MS passed. */
export async function settle(
  acked: number,
  recorded: () => number,
  shown: () => number | undefined,
): Promise<{ recorded: number; shown: number | undefined }> {
  await waitUntil(() => recorded() === acked && shown() === acked, SETTLE_MS, 50);
  return { recorded: recorded(), shown: shown() };
}
