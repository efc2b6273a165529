import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildBenchPage } from './build-page.ts';
import { quantile, round, type BenchContext, type BenchSection } from './bench-types.ts';

const CALLS = 500;

/** p50 / p90 of a sample, in µs for the table. */
const stats = (ms: number[]) => ({
  'p50 µs': round(quantile(ms, 0.5) * 1000),
  'p90 µs': round(quantile(ms, 0.9) * 1000),
});

/** insitu's own calls that do the least work: `stats()` and `recently-viewed`, warm. */
async function insituCalls(page: Page, baseUrl: string): Promise<Record<string, number[]>> {
  await page.goto(`${baseUrl}/bench/blank.html`);
  await page.waitForFunction(() => window.__readyAt !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(async (calls) => {
    const insitu = window.insitu;
    await insitu.track('Product Viewed', { product_id: 'p-1' });
    await insitu.flush();
    const time = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 30; i++) await fn();
      const out: number[] = [];
      for (let i = 0; i < calls; i++) {
        const t = performance.now();
        await fn();
        out.push(performance.now() - t);
      }
      return out;
    };
    return {
      'insitu stats()': await time(() => insitu.stats()),
      "insitu recommend('recently-viewed')": await time(() =>
        insitu.recommend({ strategy: 'recently-viewed', limit: 8 }),
      ),
    };
  }, CALLS);
}

/**
 * What a call costs just for crossing to the worker and back: a no-op through comlink against a
 * hand-written postMessage pair on one worker, and insitu's lightest calls, warm, in one run.
 */
export async function bench(ctx: BenchContext): Promise<BenchSection> {
  const dir = await buildBenchPage(ctx.repoRoot, 'round-trip');
  const page = await ctx.browser.newPage();
  // tsx's keepNames wraps inner functions in `__name(...)`, which the page does not define.
  await page.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
  try {
    const origin = await ctx.serve([dir]);
    await page.goto(`${origin}/index.html?calls=${CALLS}`);
    await page.waitForFunction(() => window.__roundTrip !== undefined, undefined, {
      timeout: 120_000,
    });
    const bare = await page.evaluate(() => window.__roundTrip!);
    if ('error' in bare) throw new Error(bare.error);
    const own = await insituCalls(page, ctx.baseUrl);
    const base = quantile(bare.postMessage, 0.5);
    const rows = Object.entries({
      'postMessage pair (no-op)': bare.postMessage,
      'comlink (no-op)': bare.comlink,
      ...own,
    }).map(([call, ms]) => ({
      call,
      ...stats(ms),
      'p50 vs postMessage': `${round(quantile(ms, 0.5) / base)}×`,
    }));
    return {
      title: 'page → worker → page round trip (warm)',
      rows,
      data: { bare, own },
      notes: [
        `${CALLS * 4} no-op calls per transport, alternating; ${CALLS} of each insitu call. stats() reads the event count from IndexedDB; recently-viewed ranks the cached recent events.`,
      ],
    };
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
