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
      // Chunks of events, each key `[maxTs, minTs, n, firstId]` (worker/store/chunks.ts).
      return await new Promise<number>((ok, fail) => {
        const req = db.transaction('events').objectStore('events').getAllKeys();
        req.onsuccess = () =>
          ok(req.result.reduce<number>((s, k) => s + Number((k as unknown[])[2]), 0));
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

/**
 * Tracks Recommendation Shown four times for the catalog's items `from`…`to - 1`, never engaged
 * with, and returns their titles: the privacy centre lists them first among the skipped items
 * (the page's own widgets add showings of three at most to what they show).
 */
export async function showWithoutEngaging(page: Page, from: number, to: number) {
  return page.evaluate(
    async ([a, b]) => {
      const res = await fetch('/e2e/catalog-relative.json');
      const { items } = (await res.json()) as { items: { id: string; title: string }[] };
      const products = items.slice(a, b).map((i) => ({ product_id: i.id }));
      for (let k = 0; k < 4; k++)
        void window.insitu.track('Recommendation Shown', { strategy: 'for-you', products });
      await window.insitu.flush();
      return items.slice(a, b).map((i) => i.title);
    },
    [from, to] as const,
  );
}

/** What the privacy centre says it learned, and whether its Reset button shows. */
export async function learnedSection(page: Page, selector = '#profile') {
  return page.locator(selector).evaluate((el) => {
    const root = el.shadowRoot!;
    const reset = root.querySelector<HTMLElement>('#reset-learning')!;
    return {
      sentences: [...root.querySelectorAll('#learned-body p')].map((p) => p.textContent ?? ''),
      skipped: [...root.querySelectorAll('#learned-body li')].map((li) =>
        [...li.children].map((c) => c.textContent ?? ''),
      ),
      reset: reset.checkVisibility(),
      canReset:
        typeof (window.insitu as unknown as Record<string, unknown>)['resetLearning'] ===
        'function',
    };
  });
}
