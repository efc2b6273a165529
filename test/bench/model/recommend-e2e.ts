import { gzipSync } from 'node:zlib';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insitu } from 'insitu';
import { quantile, round, type BenchContext } from '../bench-types.ts';
import { TEST_FAULTS } from '../../../packages/sdk/src/main/test-faults-key.ts';

declare global {
  interface Window {
    /** The client the model bench page created with `createInsitu` from the built dist. */
    __modelBench?: Insitu;
  }
}

/** Strategies timed, in report order. */
export const STRATEGIES = [
  'for-you',
  'similar-items',
  'bought-together',
  'trending',
  'recently-viewed',
] as const;

/** Raw timings of one strategy, measured in the page. */
export interface StrategyTiming {
  strategy: string;
  ms: number[];
  items: number;
  source: string;
  backend: string;
}

/** The raw kernel timed in the same page and run: plain-JS dot of every item + top-10. */
export interface KernelTiming {
  items: number;
  dims: number;
  /** Median ms per call, in a dedicated module Worker of the same page. */
  ms: number;
}

/** The worker's JS heap from the DevTools protocol (`Runtime.getHeapUsage` after a GC), in MB. */
export interface WorkerMemory {
  usedMB: number;
  totalMB: number;
  /** ArrayBuffer backing stores (the typed arrays: item table, neighbours…), outside the JS heap. */
  backingMB?: number;
  /** Set when the measurement failed. */
  error?: string;
}

/** What the page measured, plus the backend the SDK chose and its start-up timings per backend. */
export interface RecommendE2E {
  strategies: StrategyTiming[];
  model: Record<string, unknown>;
  kernel: KernelTiming;
  memory?: WorkerMemory;
}

/**
 * Source of a Worker timing the raw kernel the way the recommend section does (`jsScoreEngine`'s
 * loop, then insertion into the 10 best), on a random items × dims table: median of warm calls.
 */
export const KERNEL_WORKER = `
self.onmessage = (e) => {
  const { items, dims } = e.data;
  let seed = 7;
  const table = new Float32Array(items * dims);
  for (let i = 0; i < table.length; i++) table[i] = ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1;
  const user = table.slice(0, dims);
  const run = () => {
    const out = new Float32Array(items);
    for (let r = 0; r < items; r++) {
      let s = 0;
      const base = r * dims;
      for (let c = 0; c < dims; c++) s += user[c] * table[base + c];
      out[r] = s;
    }
    const best = [];
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (best.length === 10 && v <= out[best[9]]) continue;
      let j = Math.min(best.length, 9);
      while (j > 0 && out[best[j - 1]] < v) j--;
      best.splice(j, 0, i);
      if (best.length > 10) best.pop();
    }
    return best;
  };
  for (let i = 0; i < 20; i++) run();
  const ms = [];
  const until = performance.now() + 1500;
  while (ms.length < 30 || (performance.now() < until && ms.length < 400)) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  self.postMessage(ms[ms.length >> 1]);
};`;

/** Heap of the SDK's worker through a browser-level CDP session attached to the worker target. */
async function workerMemory(ctx: BenchContext): Promise<WorkerMemory> {
  const cdp = await ctx.browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes('/insitu/'));
    if (target === undefined) throw new Error('no insitu worker target');
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    let id = 0;
    const call = (method: string) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const mine = ++id;
        const onMessage = (event: { sessionId?: string; message: string }) => {
          const reply = JSON.parse(event.message) as {
            id?: number;
            result?: Record<string, number>;
            error?: { message: string };
          };
          if (event.sessionId !== sessionId || reply.id !== mine) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          if (reply.error !== undefined) reject(new Error(reply.error.message));
          else resolve(reply.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: mine, method }),
        });
      });
    await call('HeapProfiler.collectGarbage');
    const heap = await call('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    const mb = (bytes: number | undefined) => Math.round(((bytes ?? 0) / 2 ** 20) * 10) / 10;
    return {
      usedMB: mb(heap['usedSize']),
      totalMB: mb(heap['totalSize']),
      ...(heap['backingStorageSize'] === undefined
        ? {}
        : { backingMB: mb(heap['backingStorageSize']) }),
    };
  } catch (error) {
    return { usedMB: NaN, totalMB: NaN, error: String(error).slice(0, 200) };
  } finally {
    await cdp.detach();
  }
}

/**
 * A site with the built SDK at /insitu/, the shop at /shop/ (catalog.json, model/), and a page
 * that creates the client through the ESM entry, as a shop bundling insitu would;
 * `model.html?config=JSON` adds to the client's config (e.g. `learning`) and `faults` are the
 * client's test faults (`TestFaults`, e.g. forced backends), set as a test entry point does.
 */
export function writeSite(sdkDist: string, catalogFile: string, artifactDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'insitu-model-bench-'));
  cpSync(sdkDist, join(dir, 'insitu'), { recursive: true });
  mkdirSync(join(dir, 'shop'));
  cpSync(catalogFile, join(dir, 'shop', 'catalog.json'));
  cpSync(artifactDir, join(dir, 'shop', 'model'), { recursive: true });
  const script =
    "import { createInsitu } from '/insitu/index.js';" +
    "const { faults, ...extra } = JSON.parse(new URLSearchParams(location.search).get('config') ?? '{}');" +
    `if (faults) globalThis.${TEST_FAULTS} = faults;` +
    "window.__modelBench = createInsitu({ catalog: '/shop/catalog.json', model: '/shop/model/', dbName: 'model-bench', ...extra });" +
    `delete globalThis.${TEST_FAULTS};`;
  writeFileSync(
    join(dir, 'model.html'),
    `<!doctype html><html><head><meta charset="utf-8"><script type="module">${script}</script></head><body>model bench</body></html>\n`,
  );
  return dir;
}

/**
 * Warm `recommend()` through page → worker → page (the promise the shop's code awaits), per
 * strategy: a shopper with a few views and an add to cart, `warmup` untimed calls, then `calls`
 * timed ones. Waits for the model service to be ready and its measured backend to be in use, so
 * the steady state is timed (the model answers, not the fallback).
 */
export async function recommendE2E(
  ctx: BenchContext,
  catalogFile: string,
  artifactDir: string,
  viewed: string[],
  options: { calls?: number; warmup?: number; memory?: boolean } = {},
): Promise<RecommendE2E> {
  const site = writeSite(join(ctx.repoRoot, 'packages', 'sdk', 'dist'), catalogFile, artifactDir);
  const context = await ctx.browser.newContext();
  try {
    const origin = await ctx.serve([site]);
    const page = await context.newPage();
    await page.goto(`${origin}/model.html`);
    await page.waitForFunction(() => window.__modelBench !== undefined);
    const args = {
      viewed,
      strategies: [...STRATEGIES],
      calls: options.calls ?? 50,
      warmup: options.warmup ?? 10,
      kernelSource: KERNEL_WORKER,
      shape: JSON.parse(readFileSync(join(artifactDir, 'manifest.json'), 'utf8')) as {
        itemCount: number;
        dims: number;
      },
    };
    const measured = await page.evaluate(
      async ({ viewed, strategies, calls, warmup, kernelSource, shape }) => {
        const insitu = window.__modelBench!;
        await insitu.ready();
        for (const id of viewed) await insitu.track('Product Viewed', { product_id: id });
        await insitu.track('Product Added', { product_id: viewed.at(-1)!, quantity: 1 });
        await insitu.flush();
        const deadline = performance.now() + 120_000;
        for (;;) {
          const s = await insitu.stats();
          // Steady state: the model answers and the backend it measured fastest is in use.
          const settled = s.model?.state === 'failed' || s.model?.timingsFrom !== undefined;
          if (s.stored >= viewed.length + 1 && s.model?.state === 'ready' && settled) break;
          if (s.model?.state === 'failed') break;
          if (performance.now() > deadline) throw new Error(`not ready: ${JSON.stringify(s)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const out = [];
        for (const strategy of strategies) {
          const request = { strategy, limit: 10, itemId: viewed[0]! } as Parameters<
            typeof insitu.recommend
          >[0];
          let last = await insitu.recommend(request);
          for (let i = 1; i < warmup; i++) last = await insitu.recommend(request);
          const ms: number[] = [];
          for (let i = 0; i < calls; i++) {
            const t = performance.now();
            last = await insitu.recommend(request);
            ms.push(performance.now() - t);
          }
          out.push({
            strategy,
            ms,
            items: last.items.length,
            source: last.source,
            backend: last.backend ?? '–',
          });
        }
        // for-you right after a new view: the worker's last scores are for another history, so
        // every timed call scores afresh (the rows above ask again with the same history).
        const afterViews = async (strategy: string) => {
          const ms: number[] = [];
          let last = await insitu.recommend({ strategy: 'for-you', limit: 10 });
          for (let i = 0; i < calls; i++) {
            await insitu.track('Product Viewed', { product_id: viewed[i % viewed.length]! });
            await insitu.flush();
            const t = performance.now();
            last = await insitu.recommend({ strategy: 'for-you', limit: 10 });
            ms.push(performance.now() - t);
          }
          const { source, backend } = last;
          out.push({ strategy, ms, items: last.items.length, source, backend: backend ?? '–' });
        };
        await afterViews('for-you after a view');
        // The same for a loyal shopper: 2,000 events stored (views of 300 items, a fourth of
        // them a Recommendation Shown of 8), the window the strategies read.
        const { items: catalogItems } = (await (await fetch('/shop/catalog.json')).json()) as {
          items: { id: string }[];
        };
        const ids = catalogItems.slice(0, 300).map((item) => item.id);
        for (let i = 0; i < 2000; i++) {
          if (i % 4 === 3) {
            const products = ids
              .slice(i % 290, (i % 290) + 8)
              .map((product_id) => ({ product_id }));
            void insitu.track('Recommendation Shown', { products });
          } else void insitu.track('Product Viewed', { product_id: ids[i % ids.length]! });
        }
        await insitu.flush();
        await afterViews('for-you after a view, 2,000 events stored');
        const model = (await insitu.stats()).model ?? { state: 'absent' };
        // The raw kernel at the model's size, in this page, right after the strategies.
        const { itemCount: items, dims } = shape;
        const url = URL.createObjectURL(new Blob([kernelSource], { type: 'text/javascript' }));
        const worker = new Worker(url);
        const kernelMs = await new Promise<number>((resolve) => {
          worker.onmessage = (e: MessageEvent<number>) => resolve(e.data);
          worker.postMessage({ items, dims });
        });
        worker.terminate();
        URL.revokeObjectURL(url);
        return {
          strategies: out,
          model: JSON.parse(JSON.stringify(model)) as Record<string, unknown>,
          kernel: { items, dims, ms: kernelMs },
        };
      },
      args,
    );
    return {
      ...measured,
      ...(options.memory === true ? { memory: await workerMemory(ctx) } : {}),
    };
  } finally {
    await context.close();
    rmSync(site, { recursive: true, force: true });
  }
}

/**
 * The fastest kernel of the run: the plain-JS dot + top-10 timed in the page, or a backend's dot of
 * the shop's own table as the SDK timed it at start-up (`stats().model.timings`), if faster.
 */
export function fastestKernel(result: RecommendE2E): { ms: number; what: string } {
  let best = { ms: result.kernel.ms, what: 'js dot + top-10' };
  const timings = (result.model['timings'] ?? {}) as Record<string, unknown>;
  for (const [backend, ms] of Object.entries(timings)) {
    if (typeof ms === 'number' && ms < best.ms)
      best = { ms, what: `${backend} dot (SDK start-up)` };
  }
  return best;
}

/** The report rows: median and p95 per strategy, the median against the same run's kernels. */
export function e2eRows(result: RecommendE2E): Record<string, string | number>[] {
  const fastest = fastestKernel(result);
  return result.strategies.map((s) => ({
    strategy: s.strategy,
    calls: s.ms.length,
    'median ms': round(quantile(s.ms, 0.5)),
    'vs JS kernel': `${round(quantile(s.ms, 0.5) / result.kernel.ms)}×`,
    'vs fastest kernel': `${round(quantile(s.ms, 0.5) / fastest.ms)}×`,
    'p95 ms': round(quantile(s.ms, 0.95)),
    items: s.items,
    source: s.source,
    backend: s.backend,
  }));
}

/** What one page fetched, by file, with gzip sizes (bodies re-compressed here, as a server would). */
export interface FirstPageBytes {
  /** A new visitor who only asks for trending, within 2 s (before the model's idle load). */
  firstPage: { file: string; gzip: number }[];
  /** The same visitor after one Product Viewed, once the whole model is in use. */
  afterFirstEvent: { file: string; gzip: number }[];
}

/**
 * Bytes a new visitor's first page downloads from insitu (10k-item shop): the page's and the
 * worker's requests as Playwright sees them, each body gzipped; the catalog is listed apart.
 */
export async function firstPageBytes(
  ctx: BenchContext,
  catalogFile: string,
  artifactDir: string,
): Promise<FirstPageBytes> {
  const site = writeSite(join(ctx.repoRoot, 'packages', 'sdk', 'dist'), catalogFile, artifactDir);
  const context = await ctx.browser.newContext();
  const seen: { file: string; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    const file = new URL(response.url()).pathname;
    if (file === '/model.html') return;
    pending.push(
      response
        .body()
        .then((body) => void seen.push({ file, gzip: gzipSync(body).length }))
        .catch(() => undefined),
    );
  });
  try {
    const origin = await ctx.serve([site]);
    const page = await context.newPage();
    await page.goto(`${origin}/model.html`);
    await page.waitForFunction(() => window.__modelBench !== undefined);
    await page.evaluate(async () => {
      const insitu = window.__modelBench!;
      await insitu.ready();
      await insitu.recommend({ strategy: 'trending', limit: 10 });
      await new Promise((r) => setTimeout(r, 2000));
    });
    await Promise.all(pending);
    const firstPage = [...seen];
    await page.evaluate(async () => {
      const insitu = window.__modelBench!;
      await insitu.track('Product Viewed', { product_id: 'none' });
      for (let i = 0; i < 600; i++) {
        const m = (await insitu.stats()).model;
        if (m?.timingsFrom !== undefined || m?.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    await Promise.all(pending);
    return { firstPage, afterFirstEvent: [...seen] };
  } finally {
    await context.close();
    rmSync(site, { recursive: true, force: true });
  }
}
