// Every call to a store backend: bounded in time, and any failure reported as StoreUnavailableError.
import { StoreUnavailableError } from '../core/ports.ts';

/**
 * A single backend call taking longer than this is treated as an outage, so a command can still say
 * "try again" within Discord's 3 seconds and nothing waits on a hung server.
 */
export const STORE_CALL_TIMEOUT_MS = 2_500;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Watched {
  startedAt: number;
  timeoutMs: number;
  what: string;
  reject(error: StoreUnavailableError): void;
}

/**
 * One watchdog for all calls in flight (a timer per call would cost more than many a call itself):
 * it fails calls that are past their time, checking a few times a second.
 */
const watched = new Set<Watched>();
let watchdog: NodeJS.Timeout | undefined;
const WATCH_EVERY_MS = 250;

function watch(entry: Watched): void {
  watched.add(entry);
  if (watchdog) return;
  watchdog = setInterval(() => {
    const now = performance.now();
    for (const call of watched) {
      if (now - call.startedAt < call.timeoutMs) continue;
      watched.delete(call);
      call.reject(
        new StoreUnavailableError(`${call.what}: no answer from the store within ${call.timeoutMs} ms`),
      );
    }
    if (watched.size === 0) {
      clearInterval(watchdog);
      watchdog = undefined;
    }
  }, WATCH_EVERY_MS);
  watchdog.unref?.();
}

export async function storeCall<T>(
  what: string,
  call: () => Promise<T>,
  timeoutMs = STORE_CALL_TIMEOUT_MS,
): Promise<T> {
  let entry: Watched | undefined;
  const timeout = new Promise<never>((_, reject) => {
    entry = { startedAt: performance.now(), timeoutMs, what, reject };
  });
  if (entry) watch(entry);
  try {
    return await Promise.race([call(), timeout]);
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError(`${what}: ${describe(error)}`, { cause: error });
  } finally {
    if (entry) watched.delete(entry);
  }
}
