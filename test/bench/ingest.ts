import type { Page } from 'playwright-core';
import { round, type BenchContext, type BenchSection } from './bench-types.ts';

const EVENTS = 10_000;
/** The SDK's default retention cap (config `maxEvents`). */
const MAX_EVENTS = 10_000;

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
 * IndexedDB ingest on disk (persistent context) and in Chromium's in-memory IndexedDB (default
 * context): 10k events into an empty store (below the cap), then 10k more into the same store,
 * which now holds `maxEvents`, so retention removes as many as arrive (at the cap).
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
    for (const phase of ['below the cap (empty store)', 'at the cap (store full)']) {
      const r = await ingestRun(page, EVENTS, phase.startsWith('below') ? 0 : EVENTS);
      rows.push({
        storage,
        phase,
        events: EVENTS,
        'stored after flush (stats.total)': r.total,
        seconds: round(r.ms / 1000),
        'events/s': Math.round(EVENTS / (r.ms / 1000)),
      });
    }
    await context.close();
  }
  return {
    title: `IndexedDB ingest throughput (track() × ${EVENTS.toLocaleString('en')}, then flush(); maxEvents ${MAX_EVENTS.toLocaleString('en')})`,
    rows,
  };
}
