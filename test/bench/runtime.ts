import type { Page } from 'playwright-core';
import type { Insitu } from 'insitu';
import { quantile, round, type BenchContext, type BenchSection } from './bench-types.ts';

declare global {
  interface Window {
    insitu: Insitu;
    /** Set by the bench page: performance.now() just before the snippet ran / when ready() resolved. */
    __snippetAt?: number;
    __readyAt?: number;
  }
}

const TRACK_CALLS = 10_000;
const INGEST_EVENTS = 10_000;

/** Times of one fresh page load, ms after the snippet ran. */
interface ReadyTimes {
  /** The loader (insitu.js) and its chunk fetched: the rest is module start-up + worker. */
  loaderLoaded: number;
  /** `ready()` resolved: worker started, storage open. */
  ready: number;
}

/** Loads the bench page and reads when the loader arrived and when `ready()` resolved. */
async function readyTime(page: Page, baseUrl: string): Promise<ReadyTimes> {
  await page.goto(`${baseUrl}/bench/blank.html`);
  await page.waitForFunction(() => window.__readyAt !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const t0 = window.__snippetAt ?? NaN;
    const loader = performance
      .getEntriesByType('resource')
      .filter((e) => /\/insitu\/(insitu\.js|chunks\/)/.test(e.name))
      .map((e) => (e as PerformanceResourceTiming).responseEnd);
    return { loaderLoaded: Math.max(...loader) - t0, ready: (window.__readyAt ?? NaN) - t0 };
  });
}

async function workerReady(ctx: BenchContext): Promise<BenchSection> {
  const rows: Record<string, string | number>[] = [];
  for (const [storage, runs] of [
    ['in-memory (default context)', 5],
    ['on-disk (persistent context, new profile)', 3],
  ] as const) {
    const times: number[] = [];
    const loader: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = storage.startsWith('on-disk')
        ? await ctx.persistentContext()
        : await ctx.browser.newContext();
      const t = await readyTime(await context.newPage(), ctx.baseUrl);
      times.push(t.ready);
      loader.push(t.loaderLoaded);
      await context.close();
    }
    rows.push({
      storage,
      runs,
      'loader fetched, median ms': round(quantile(loader, 0.5)),
      'ready, median ms': round(quantile(times, 0.5)),
      'ready, max ms': round(Math.max(...times)),
    });
  }
  return {
    title: 'Worker ready time (snippet → ready(): runtime loaded, worker started, IndexedDB open)',
    rows,
  };
}

async function trackCost(ctx: BenchContext): Promise<BenchSection> {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  await readyTime(page, ctx.baseUrl);
  const r = await page.evaluate(async (n) => {
    for (let i = 0; i < 1000; i++)
      void window.insitu.track('Product Viewed', { product_id: `w${i}` });
    await window.insitu.flush();
    const times = new Float64Array(n);
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      void window.insitu.track('Product Viewed', { product_id: `p${i % 360}`, price: 19.99 });
      times[i] = performance.now() - t0;
    }
    const loop = performance.now() - start;
    await window.insitu.flush();
    return { times: Array.from(times), loop, isolated: crossOriginIsolated };
  }, TRACK_CALLS);
  await context.close();
  return {
    title: `track() main-thread cost (${TRACK_CALLS.toLocaleString('en')} calls, after 1,000 warm-up)`,
    rows: [
      {
        'median µs': round(1000 * quantile(r.times, 0.5)),
        'p99 µs': round(1000 * quantile(r.times, 0.99)),
        'max µs': round(1000 * Math.max(...r.times)),
        'mean µs (loop / calls)': round((1000 * r.loop) / TRACK_CALLS),
      },
    ],
    notes: [
      `Timer: performance.now() ${r.isolated ? 'cross-origin isolated (5 µs resolution)' : 'NOT isolated (100 µs resolution)'}; the mean over the whole loop is exact.`,
    ],
  };
}

/** Track N events and wait for flush(): validation + batched IndexedDB writes in the worker. */
async function ingest(ctx: BenchContext): Promise<BenchSection> {
  const rows: Record<string, string | number>[] = [];
  for (const storage of ['on-disk (persistent context)', 'in-memory (default context)']) {
    const context = storage.startsWith('on-disk')
      ? await ctx.persistentContext()
      : await ctx.browser.newContext();
    const page = await context.newPage();
    await readyTime(page, ctx.baseUrl);
    const r = await page.evaluate(async (n) => {
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        void window.insitu.track('Product Viewed', { product_id: `p${i % 360}`, position: i });
      }
      const stats = await window.insitu.flush();
      return { ms: performance.now() - start, stats };
    }, INGEST_EVENTS);
    rows.push({
      storage,
      events: INGEST_EVENTS,
      'stored (stats.total)': r.stats.total,
      seconds: round(r.ms / 1000),
      'events/s': Math.round(INGEST_EVENTS / (r.ms / 1000)),
    });
    await context.close();
  }
  return {
    title: 'IndexedDB ingest throughput (track() × N, then flush(): batched writes in the worker)',
    rows,
  };
}

/** The foundation's figures: worker ready time, track() cost, ingest throughput. */
export async function runtimeBench(ctx: BenchContext): Promise<BenchSection[]> {
  ctx.log('bench: worker ready time');
  const ready = await workerReady(ctx);
  ctx.log('bench: track() cost');
  const track = await trackCost(ctx);
  ctx.log('bench: IndexedDB ingest');
  return [ready, track, await ingest(ctx)];
}
