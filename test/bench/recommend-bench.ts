import { rmSync } from 'node:fs';
import { buildBenchPage } from './build-page.ts';
import { round, type BenchContext, type BenchSection } from './bench-types.ts';
import type { RecommendBenchRow } from './recommend/bench-worker.ts';

const SIZES = [1_000, 10_000, 100_000];

const ratio = (ms: number | string, js: number | string) =>
  typeof ms === 'number' && typeof js === 'number' && js > 0 ? `${round(ms / js)}×` : '–';
const show = (ms: number | string) => (typeof ms === 'number' ? round(ms) : ms);

/**
 * Warm scoring of one 64-dim user vector against 1k / 10k / 100k items on each tfjs backend
 * (webgl via OffscreenCanvas, wasm SIMD single-thread, cpu), with the SDK's own wasm SIMD kernel
 * (`simdScoreEngine`, top-10 in JS) and in plain JS, in a module Worker
 * of headless Chromium, in one run: dot products read back (what insitu's blend uses) and
 * matMul + top-10. Ratios are against plain JS at the same size (below 1× = faster than JS).
 */
export async function bench(ctx: BenchContext): Promise<BenchSection> {
  const dir = await buildBenchPage(ctx.repoRoot, 'recommend');
  try {
    const origin = await ctx.serve([dir]);
    const page = await ctx.browser.newPage();
    try {
      await page.goto(`${origin}/index.html?sizes=${SIZES.join(',')}`);
      await page.waitForFunction(() => window.__recommendBench !== undefined, undefined, {
        timeout: 300_000,
      });
      const result = await page.evaluate(() => window.__recommendBench!);
      if (result.error !== undefined || result.rows === undefined) {
        throw new Error(result.error ?? 'no rows');
      }
      const rows = result.rows.map((r: RecommendBenchRow) => {
        const js = result.rows!.find((x) => x.items === r.items && x.backend === 'js')!;
        return {
          items: r.items,
          backend: r.backend,
          'score ms': show(r.scoreMs),
          'score vs JS': ratio(r.scoreMs, js.scoreMs),
          'top-10 ms': show(r.topkMs),
          'top-10 vs JS': ratio(r.topkMs, js.topkMs),
        };
      });
      return {
        title: 'recommend scoring per backend (warm, median ms, 64 dims)',
        rows,
        data: result.rows,
        notes: [
          'score = user·items for every item, read back to JS (insitu blends these with co-visitation and popularity); top-10 = matMul + topk on the backend (JS: dot loop + top-10 loop).',
          'The SDK measures the same engine on the shop’s own item table at start-up and uses the fastest backend (stats().model.timings).',
        ],
      };
    } finally {
      await page.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
