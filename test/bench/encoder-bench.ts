import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleIife, round, type BenchContext, type BenchSection } from './bench-types.ts';
import type {} from './encoder/encoder-page.ts'; // window.__encoderBench
import { KERNEL_WORKER } from './model/recommend-e2e.ts';

/** History windows `insitu build` may choose (`historyLength`: 16…64), at the shipped width. */
const SHAPES = [
  { dims: 32, maxLen: 16 },
  { dims: 32, maxLen: 32 },
  { dims: 32, maxLen: 64 },
  { dims: 64, maxLen: 64 },
] as const;
const ITEMS = 10_000;

/**
 * The user-vector cost of the encoder shapes the build can choose: `encodeHistory` (the worker's
 * `userVector`) on a full window of history, beside the recommend bench's raw kernel (10k × 32
 * dot + top-10, its own Worker source) in the same page, so a longer window's cost reads as a
 * share of for-you's floor.
 */
export async function bench(ctx: BenchContext): Promise<BenchSection> {
  const bundle = await bundleIife(
    join(ctx.repoRoot, 'test', 'bench', 'encoder', 'encoder-page.ts'),
    'encoder',
  );
  const page = await ctx.browser.newPage();
  try {
    await page.goto(`${ctx.baseUrl}/bench/blank.html`);
    await page.addScriptTag({ path: bundle.file });
    const measured = await page.evaluate(
      async ({ shapes, items, kernelSource }) => {
        const b = window.__encoderBench!;
        const rows = shapes.map((s) => ({ ...s, ms: b.userVectorMs(s.dims, s.maxLen, items) }));
        const url = URL.createObjectURL(new Blob([kernelSource], { type: 'text/javascript' }));
        const worker = new Worker(url);
        const kernel = await new Promise<number>((resolve) => {
          worker.onmessage = (e: MessageEvent<number>) => resolve(e.data);
          worker.postMessage({ items, dims: 32 });
        });
        worker.terminate();
        URL.revokeObjectURL(url);
        return { kernel, rows };
      },
      { shapes: SHAPES.map((s) => ({ ...s })), items: ITEMS, kernelSource: KERNEL_WORKER },
    );
    return {
      title: 'user vector: the encoder forward pass per history window (one page)',
      rows: measured.rows.map((r) => ({
        dims: r.dims,
        'history window (maxLen)': r.maxLen,
        'median µs': round(r.ms * 1000),
        'vs 10k × 32 kernel': `${round(r.ms / measured.kernel)}×`,
      })),
      notes: [
        `encodeHistory (what the worker's userVector runs) on a full window of history, random weights; ` +
          `median of 15 batches of 20 calls. Kernel: the recommend bench's plain-JS ${ITEMS.toLocaleString('en')} × 32 dot + top-10 in a Worker of the same page, ${round(measured.kernel * 1000)} µs. ` +
          'insitu build picks the window from the shop’s history lengths (historyLength: the 90th percentile, 16…64) and ships 32 dims.',
      ],
      data: measured,
    };
  } finally {
    await page.close();
    rmSync(bundle.dir, { recursive: true, force: true });
  }
}
