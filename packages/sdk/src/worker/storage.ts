import { deleteDB } from 'idb';
import type { ErrorInfo } from '@insitu/core';
import type { WorkerConfig } from '../protocol.ts';
import type { EventStore } from './store/event-store.ts';
import { openIdbStore } from './store/idb-store.ts';
import { MemoryStore } from './store/memory-store.ts';
import { withFaults } from './faults.ts';

/**
 * Opens the store the config allows: IndexedDB when consent lets insitu persist, page memory
 * otherwise. When IndexedDB is missing or throws (private modes, blocked storage), falls back to
 * memory and reports `storage_unavailable`.
 */
export async function openStorage(
  config: WorkerConfig,
  report: (error: ErrorInfo) => void,
): Promise<EventStore> {
  if (!config.persist) return new MemoryStore();
  try {
    if (config.faults?.idbOpen) disableIndexedDb();
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    return withFaults(await openWithin(config.dbName, OPEN_TIMEOUT_MS), config.faults);
  } catch (error) {
    report({
      code: 'storage_unavailable',
      message: `IndexedDB is unavailable (${error instanceof Error ? error.message : String(error)}); events are kept in page memory only.`,
    });
    return new MemoryStore();
  }
}

/**
 * An open blocked by another tab that holds an older version and never closes it would leave
 * every call waiting; after this long insitu carries on in memory instead.
 */
const OPEN_TIMEOUT_MS = 5000;

function openWithin(name: string, ms: number): Promise<EventStore> {
  const opening = openIdbStore(name);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // If it opens after all, close it: the worker has moved on to memory.
      void opening.then((s) => s.close()).catch(() => undefined);
      reject(new Error(`opening the database took over ${ms} ms (blocked by another tab?)`));
    }, ms);
  });
  return Promise.race([opening, timeout]).finally(() => clearTimeout(timer));
}

/** Test fault: makes `indexedDB.open` throw in this worker, as some private modes do. */
function disableIndexedDb(): void {
  Object.defineProperty(indexedDB, 'open', {
    configurable: true,
    value: () => {
      throw new DOMException('IndexedDB is disabled (test fault).', 'InvalidStateError');
    },
  });
}

/**
 * Deletes every database insitu made (`dbName` and `dbName-*`, the prefix services use for their
 * own) and every Cache Storage entry named `insitu-*`.
 */
export async function eraseStorage(dbName: string): Promise<void> {
  const names = new Set([dbName]);
  if (typeof indexedDB !== 'undefined' && 'databases' in indexedDB) {
    for (const db of await indexedDB.databases()) {
      if (db.name?.startsWith(`${dbName}-`)) names.add(db.name);
    }
  }
  if (typeof indexedDB !== 'undefined') await Promise.all([...names].map((n) => deleteDB(n)));
  if (typeof caches !== 'undefined') {
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith('insitu-')).map((k) => caches.delete(k)));
  }
}
