// Opens the store STORE_URL names: sqlite:// (default), redis:// for several instances, memory:// for tests.
// Only the driver the URL needs is loaded (memory:// never loads the native SQLite addon).
import type { Logger } from 'pino';
import type { OpenedStore } from './store-contract.ts';

export type { OpenedStore } from './store-contract.ts';

const DEFAULT_NAMESPACE = 'newsquiz';

/** `namespace` keeps several bots (or test runs) apart on one Redis or SQLite file. */
export async function openStore(
  url: string,
  log: Logger,
  namespace = DEFAULT_NAMESPACE,
): Promise<OpenedStore> {
  const storeLog = log.child({ module: 'store' });
  if (url.startsWith('memory:')) {
    const { openMemoryStore } = await import('./memory-store.ts');
    return openMemoryStore(namespace, storeLog);
  }
  if (url.startsWith('sqlite:')) {
    const { openSqliteStore } = await import('./sqlite-store.ts');
    return openSqliteStore(url, namespace, storeLog);
  }
  const { openRedisStore } = await import('./redis-store.ts');
  return openRedisStore(url, namespace, storeLog);
}
