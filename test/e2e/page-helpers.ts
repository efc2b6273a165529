import type { Page } from 'playwright-core';
import type { Insitu } from 'insitu';

declare global {
  interface Window {
    insitu: Insitu;
  }
}

/** Waits until the runtime has replaced the snippet's stub and everything tracked is stored. */
export async function flushed(page: Page) {
  return page.evaluate(() => window.insitu.flush());
}

/** The events `export()` returns. */
export async function exportedEvents(page: Page) {
  return page.evaluate(async () => (await window.insitu.export()).events);
}

/**
 * Counts the events in the `insitu` IndexedDB database, reading IndexedDB directly (not through
 * the SDK). Returns -1 when the database does not exist: opening it would create it.
 */
export async function idbEventCount(page: Page, dbName = 'insitu'): Promise<number> {
  return page.evaluate(async (name) => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === name)) return -1;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    try {
      if (!db.objectStoreNames.contains('events')) return 0;
      return await new Promise<number>((ok, fail) => {
        const req = db.transaction('events').objectStore('events').count();
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
    } finally {
      db.close();
    }
  }, dbName);
}

/** Names of the IndexedDB databases of the page's origin. */
export async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}
