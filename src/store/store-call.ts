// Every call to a store backend: bounded in time, and any failure reported as StoreUnavailableError.
import { StoreUnavailableError } from '../core/ports.ts';

/**
 * A single backend call taking longer than this is treated as an outage, so a command can still say
 * "try again" within Discord's 3 seconds and nothing waits on a hung server.
 */
export const STORE_CALL_TIMEOUT_MS = 2_500;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function storeCall<T>(
  what: string,
  call: () => Promise<T>,
  timeoutMs = STORE_CALL_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StoreUnavailableError(`${what}: no answer from the store within ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref?.();
  });
  try {
    return await Promise.race([call(), timeout]);
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError(`${what}: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
