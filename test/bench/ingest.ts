import type { Page } from 'playwright-core';
import { round, type BenchContext, type BenchSection } from './bench-types.ts';

const EVENTS = 10_000;
/** The SDK's default retention cap (config `maxEvents`). */
const MAX_EVENTS = 10_000;
/** Events per transaction, as insitu's ingest writes them. */
const BATCH = 1000;

/** Tracks `n` events and waits for flush(): validation, batched writes and retention in the worker. */
function ingestRun(page: Page, n: number, offset: number) {
  return page.evaluate(
    async ({ n, offset }) => {
      const start = performance.now();
      for (let i = offset; i < offset + n; i++) {
        void window.insitu.track('Product Viewed', { product_id: `p${i % 360}`, position: i });
      }
      const stats = await window.insitu.flush();
      const ms = performance.now() - start;
      return { ms, total: stats.total, storage: stats.storage };
    },
    { n, offset },
  );
}

/**
 * The floor for insitu's figure, run in a bare worker of the same page: the same events as insitu
 * stores them, written straight to IndexedDB, `batch` per relaxed transaction, one transaction
 * after another; at the cap each one also deletes as many of the oldest. `chunks`: insitu's
 * layout since schema 5, a batch as one record under a `[maxTs, minTs, n, firstId]` key (at the
 * cap: the oldest record deleted); otherwise schema 4's, a record per event keyed by `[ts, id]`
 * (at the cap: one key range). No validation, profile, messages or acknowledgements. Runs in the
 * worker from its source text, so it may use nothing outside.
 */
async function rawPut({ n, batch, chunks }: { n: number; batch: number; chunks: boolean }) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(`insitu-bench-raw-${chunks ? 'chunks' : 'events'}`, 1);
    req.onupgradeneeded = () =>
      chunks
        ? req.result.createObjectStore('events')
        : req.result.createObjectStore('events', { keyPath: ['ts', 'id'] });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const page = `-${'0123456789abcdef'.repeat(2)}-`;
  const t0 = Date.now();
  const write = (from: number, trim: boolean) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction('events', 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore('events');
      const records = [];
      for (let i = from; i < from + batch; i++) {
        const ts = t0 + i / 250;
        const id =
          Math.round(ts * 1000)
            .toString(36)
            .padStart(11, '0') +
          page +
          i.toString(36);
        const product = `p${i % 360}`;
        const props = { product_id: product, position: i };
        records.push({ id, name: 'Product Viewed', props, ts, items: [product] });
      }
      if (chunks) {
        const [first, last] = [records[0]!, records.at(-1)!];
        store.put(records, [last.ts, first.ts, records.length, first.id]);
        if (trim) {
          const oldest = store.openKeyCursor();
          oldest.onsuccess = () => oldest.result && store.delete(oldest.result.key);
        }
      } else for (const r of records) store.put(r);
      if (trim && !chunks) {
        // The key of the batch-th oldest event, then one ranged delete up to it (as insitu does).
        let stepped = batch === 1;
        const oldest = store.openKeyCursor();
        oldest.onsuccess = () => {
          const cursor = oldest.result;
          if (!cursor) return;
          if (stepped) store.delete(IDBKeyRange.upperBound(cursor.key));
          else cursor.advance(batch - 1);
          stepped = true;
        };
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  const times: number[] = [];
  for (const trim of [false, true]) {
    const start = performance.now();
    for (let i = 0; i < n; i += batch) await write((trim ? n : 0) + i, trim);
    times.push(performance.now() - start);
  }
  db.close();
  return { below: times[0]!, cap: times[1]! };
}

/** Runs `rawPut` in a worker made from its source (tsx's `__name` wrappers shimmed). */
function rawRun(page: Page, chunks: boolean): Promise<{ below: number; cap: number }> {
  const source = `const __name = (f) => f; const run = ${rawPut.toString()};
    onmessage = (e) => run(e.data).then((r) => postMessage(r), (err) => postMessage({ error: String(err) }));`;
  return page.evaluate(
    ({ source, n, batch, chunks }) =>
      new Promise((resolve, reject) => {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url);
        worker.onmessage = (e: MessageEvent<{ below: number; cap: number; error?: string }>) => {
          worker.terminate();
          if (e.data.error) reject(new Error(e.data.error));
          else resolve(e.data);
        };
        worker.postMessage({ n, batch, chunks });
      }),
    { source, n: EVENTS, batch: BATCH, chunks },
  );
}

/**
 * IndexedDB ingest on disk (persistent context) and in Chromium's in-memory IndexedDB (default
 * context): 10k events into an empty store (below the cap), then 10k more into the same store,
 * which now holds `maxEvents`, so retention removes as many as arrive (at the cap). Then the same
 * two phases of bare IndexedDB writes (`rawPut`) in the same page, and insitu as a ratio to them.
 */
export async function ingestBench(
  ctx: BenchContext,
  load: (page: Page) => Promise<unknown>,
): Promise<BenchSection> {
  const rows: Record<string, string | number>[] = [];
  for (const storage of ['on disk (persistent context)', 'in memory (default context)']) {
    const context = storage.startsWith('on disk')
      ? await ctx.persistentContext()
      : await ctx.browser.newContext();
    const page = await context.newPage();
    await load(page);
    const runs = [];
    for (const offset of [0, EVENTS]) runs.push(await ingestRun(page, EVENTS, offset));
    const raw = await rawRun(page, true);
    const perEvent = await rawRun(page, false);
    for (const [i, phase] of ['below the cap (empty store)', 'at the cap (store full)'].entries()) {
      const r = runs[i]!;
      const rawMs = i === 0 ? raw.below : raw.cap;
      const perEventMs = i === 0 ? perEvent.below : perEvent.cap;
      rows.push({
        storage,
        phase,
        events: EVENTS,
        'stored after flush (stats.total)': r.total,
        seconds: round(r.ms / 1000),
        'events/s': Math.round(EVENTS / (r.ms / 1000)),
        'bare chunk writes, events/s': Math.round(EVENTS / (rawMs / 1000)),
        'insitu / bare chunks': `${round(rawMs / r.ms)}×`,
        'bare per-event writes (schema 4), events/s': Math.round(EVENTS / (perEventMs / 1000)),
        'insitu / bare per-event': `${round(perEventMs / r.ms)}×`,
      });
    }
    await context.close();
  }
  return {
    title: `IndexedDB ingest throughput (track() × ${EVENTS.toLocaleString('en')}, then flush(); maxEvents ${MAX_EVENTS.toLocaleString('en')})`,
    rows,
    notes: [
      `Bare IndexedDB writes: the same events written by a plain worker in the same page, ${BATCH.toLocaleString('en')} per relaxed transaction, at the cap deleting as many of the oldest in the same transaction; no validation, profile or messages. Chunks: insitu's layout (a batch as one record); per-event: a record per event keyed by [ts, id], the layout before schema 5. insitu / bare is insitu's throughput as a share of it.`,
    ],
  };
}
