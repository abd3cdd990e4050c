// The store as the authoring tools read it (content:reports, the preview): answer statistics and
// readers' reports. A SQLite file that does not exist yet is not created: nothing was answered there.
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { QuestionStatsPort, ReportsPort } from '../core/ports.ts';
import { openStore } from './open-store.ts';
import { ReportsRepository } from './reports-repository.ts';

export interface QualityReader {
  ports: { questionStats: QuestionStatsPort; reports: ReportsPort };
  /** Said once when there is nothing to read (no store file yet). */
  note?: string;
  close(): Promise<void>;
}

/** Rejects with a StoreOpenError (STORE_URL named) when the store cannot be opened. */
export async function openQualityReader(url: string, namespace: string, log: Logger): Promise<QualityReader> {
  // Loaded only for a SQLite URL (as open-store.ts does), so other stores never load the native addon.
  const file = url.startsWith('sqlite:') ? (await import('./sqlite-store.ts')).sqlitePath(url) : undefined;
  const missing = file !== undefined && !existsSync(file);
  const store = await openStore(missing ? 'memory://' : url, log, namespace);
  return {
    ports: { questionStats: store.answers, reports: new ReportsRepository(store.records) },
    ...(missing ? { note: `${file} does not exist yet: nothing has been answered or reported there.` } : {}),
    close: () => store.close(),
  };
}
