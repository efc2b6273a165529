import { gzipSync } from 'node:zlib';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** What the page measured, plus the backend the SDK chose and its start-up timings per backend. */
export interface RecommendE2E {
  strategies: StrategyTiming[];
  model: Record<string, unknown>;
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
  options: { calls?: number; warmup?: number } = {},
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
    };
    return await page.evaluate(async ({ viewed, strategies, calls, warmup }) => {
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
      const model = (await insitu.stats()).model ?? { state: 'absent' };
      return {
        strategies: out,
        model: JSON.parse(JSON.stringify(model)) as Record<string, unknown>,
      };
    }, args);
  } finally {
    await context.close();
    rmSync(site, { recursive: true, force: true });
  }
}

/** The report rows: median and p95 per strategy. */
export function e2eRows(result: RecommendE2E): Record<string, string | number>[] {
  return result.strategies.map((s) => ({
    strategy: s.strategy,
    calls: s.ms.length,
    'median ms': round(quantile(s.ms, 0.5)),
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
