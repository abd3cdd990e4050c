// The store backends a contract test runs over (memory, SQLite, Redis), each opened as two instances
// where the backend shares state between processes (Redis), else as one store used twice.
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, test } from 'vitest';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { cannotRun } from './cannot-run.ts';
import { dropNamespace, redisSkipReason, redisUrl, tempDir, uniqueNamespace } from './test-core.ts';

/** Repetitions of each race: enough that an interleaving shows up on an idle machine as on a busy one. */
export const RACES = 50;

export interface StoreBackend {
  name: string;
  /** Why this backend cannot run here, if it cannot (printed as a skipped test). */
  skip: string | undefined;
  url(dir: string): string;
  /** Two stores opened on one URL are two instances sharing state. */
  shared: boolean;
}

export const STORE_BACKENDS: readonly StoreBackend[] = [
  { name: 'memory', skip: undefined, url: () => 'memory://', shared: false },
  { name: 'SQLite', skip: undefined, url: (dir) => `sqlite://${join(dir, 'store.sqlite')}`, shared: false },
  { name: 'Redis', skip: redisUrl ? undefined : redisSkipReason, url: () => redisUrl ?? '', shared: true },
];

export interface StorePair {
  /** The store of instance `n` (0 or 1); the same store twice where the backend is one process's. */
  on(n: number): OpenedStore;
  namespace: string;
  /** The same backend (the same file or server) under another namespace; closed with the pair. */
  elsewhere(): Promise<OpenedStore>;
  /** What the stores logged at warn level and above, one JSON line each. */
  warnings(): string[];
}

/**
 * Inside a `describe.each(STORE_BACKENDS)`: opens the backend before the tests (in a fresh namespace and
 * folder) and closes it after; returns `test`, or `test.skip` with the reason shown when it cannot run.
 */
export function useStorePair(backend: StoreBackend): {
  pair: StorePair;
  maybe: (name: string, body: () => Promise<void>) => void;
} {
  if (backend.skip) test.skip(`skipped: ${backend.skip}`, () => {});
  cannotRun(backend.skip);
  const namespace = uniqueNamespace();
  const warnings: string[] = [];
  const log = pino(
    { level: 'warn' },
    new Writable({
      write(chunk, _encoding, done) {
        warnings.push(String(chunk));
        done();
      },
    }),
  );
  let dir: { path: string; remove(): Promise<void> } | undefined;
  let stores: OpenedStore[] = [];
  /** Stores opened under other namespaces, with theirs. */
  const others: { store: OpenedStore; namespace: string }[] = [];
  beforeAll(async () => {
    if (backend.skip) return;
    dir = await tempDir();
    const one = await openStore(backend.url(dir.path), log, namespace);
    stores = [one, backend.shared ? await openStore(backend.url(dir.path), log, namespace) : one];
  });
  afterAll(async () => {
    const [one] = stores;
    if (one) await dropNamespace(one, namespace);
    for (const other of others) await dropNamespace(other.store, other.namespace);
    for (const store of new Set([...stores, ...others.map((other) => other.store)])) await store.close();
    stores = [];
    others.length = 0;
    await dir?.remove();
  });
  const pair: StorePair = {
    namespace,
    on(n) {
      const store = stores[n % stores.length];
      if (!store) throw new Error('the store is not open');
      return store;
    },
    async elsewhere() {
      if (!dir) throw new Error('the store is not open');
      const other = uniqueNamespace();
      const store = await openStore(backend.url(dir.path), log, other);
      others.push({ store, namespace: other });
      return store;
    },
    warnings: () => [...warnings],
  };
  const maybe = (name: string, body: () => Promise<void>) => {
    if (backend.skip) test.skip(name, body);
    else test(name, body);
  };
  return { pair, maybe };
}
