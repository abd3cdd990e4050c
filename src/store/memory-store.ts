// memory://: everything in this process, gone when it exits (tests, throwaway playground sessions).
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { LocalChangeFeed } from './change-feed.ts';
import { jsonSerializer } from './json-serializer.ts';
import { LocalKeyLock } from './key-lock.ts';
import { mapListKeys } from './list-keys.ts';
import { LocalLeases } from './local-leases.ts';
import { MemoryAnswers } from './memory-answers.ts';
import { RecordStore } from './record-store.ts';
import type { OpenedStore } from './store-contract.ts';
import { mapWriteAll } from './write-all.ts';
import { WriteMeter } from './write-meter.ts';

export function openMemoryStore(namespace: string, log: Logger): OpenedStore {
  const meter = new WriteMeter();
  const map = new Map<string, unknown>();
  const keyv = new Keyv({ store: map, namespace, ...jsonSerializer, throwOnErrors: true });
  keyv.on('error', (error: unknown) => log.error({ err: error }, 'store error'));
  const lock = new LocalKeyLock();
  const records = new RecordStore(keyv, lock, log, {
    meter,
    writeAll: mapWriteAll(map, namespace),
    listKeys: mapListKeys(map, namespace),
  });
  const changes = new LocalChangeFeed();
  const leases = new LocalLeases();
  return {
    records,
    answers: new MemoryAnswers(meter),
    lock,
    lease: (name, options) => leases.lease(name, options),
    meter,
    kind: 'memory',
    changes,
    ping: async () => {},
    close: async () => {
      await changes.close();
      await records.close();
    },
  };
}
