import type { Page } from 'playwright-core';
import type { Insitu } from 'insitu';
import { quantile, round, type BenchContext, type BenchSection } from './bench-types.ts';
import { ingestBench } from './ingest.ts';
import { trackCompare } from './track-compare.ts';

declare global {
  interface Window {
    insitu: Insitu;
    /** Set by the bench page: performance.now() just before the snippet ran / when ready() resolved. */
    __snippetAt?: number;
    __readyAt?: number;
  }
}

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

/**
 * The foundation's figures: worker ready time (`ready`), track() cost beside two analytics
 * libraries (`track`), ingest throughput below and at the retention cap (`ingest`); `only`
 * (from BENCH_ONLY) picks some of them.
 */
export async function runtimeBench(
  ctx: BenchContext,
  only: (key: string) => boolean,
): Promise<BenchSection[]> {
  const out: BenchSection[] = [];
  if (only('ready')) {
    ctx.log('bench: worker ready time');
    out.push(await workerReady(ctx));
  }
  if (only('track')) {
    ctx.log('bench: track() cost, three libraries');
    out.push(await trackCompare(ctx));
  }
  if (only('ingest')) {
    ctx.log('bench: IndexedDB ingest');
    out.push(await ingestBench(ctx, (page) => readyTime(page, ctx.baseUrl)));
  }
  return out;
}
