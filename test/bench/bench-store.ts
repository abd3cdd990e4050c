// The real store a benchmarked bot writes to: a fresh SQLite file per run, or a fresh namespace on the
// shared Redis per run whose keys are deleted afterwards.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { dropNamespace, tempDir } from '../support/test-core.ts';

export type StoreKind = 'sqlite' | 'redis';

/** BENCH_STORE=sqlite|redis chooses; otherwise Redis when REDIS_URL is set, else SQLite. */
export function storeKindFromEnv(env: NodeJS.ProcessEnv = process.env): StoreKind {
  const chosen = env.BENCH_STORE?.trim() ?? '';
  if (chosen === '') return env.REDIS_URL ? 'redis' : 'sqlite';
  if (chosen !== 'sqlite' && chosen !== 'redis') {
    throw new Error(
      `BENCH_STORE must be sqlite or redis (or both where a benchmark says), not "${chosen}" (e.g. BENCH_STORE=sqlite)`,
    );
  }
  if (chosen === 'redis' && !env.REDIS_URL) {
    throw new Error('BENCH_STORE=redis needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379)');
  }
  return chosen;
}

/** As storeKindFromEnv, and BENCH_STORE=both: SQLite, then Redis (which needs REDIS_URL). */
export function storeKindsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreKind[] {
  if (env.BENCH_STORE?.trim() !== 'both') return [storeKindFromEnv(env)];
  if (!env.REDIS_URL) {
    throw new Error('BENCH_STORE=both needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379)');
  }
  return ['sqlite', 'redis'];
}

export interface RunStore {
  /** STORE_URL and STORE_NAMESPACE for the bot. */
  env: Record<string, string>;
  /** Deletes what the run wrote (Redis keys; SQLite files go with the temp folder). */
  drop(): Promise<void>;
}

export interface BenchStore {
  kind: StoreKind;
  forRun(label: string): RunStore;
  close(): Promise<void>;
}

export async function openBenchStore(kind: StoreKind): Promise<BenchStore> {
  // STORE_NAMESPACE takes at most 40 characters: the run's label as a short digest.
  const namespaceOf = (label: string) =>
    `nqbench-${process.pid}-${createHash('sha256').update(label).digest('hex').slice(0, 12)}`;
  if (kind === 'redis') {
    const url = process.env.REDIS_URL ?? '';
    return {
      kind,
      forRun(label) {
        const namespace = namespaceOf(label);
        return {
          env: { STORE_URL: url, STORE_NAMESPACE: namespace },
          drop: async () => {
            const store = await openStore(url, silentLogger(), namespace);
            try {
              await dropNamespace(store, namespace);
            } finally {
              await store.close();
            }
          },
        };
      },
      close: async () => undefined,
    };
  }
  const dir = await tempDir('newsquiz-bench-');
  return {
    kind,
    forRun(label) {
      return {
        env: { STORE_URL: `sqlite://${join(dir.path, label, 'state.sqlite')}`, STORE_NAMESPACE: 'newsquiz' },
        drop: async () => undefined,
      };
    },
    close: () => dir.remove(),
  };
}
