import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { round, type BenchContext, type BenchSection } from './bench-types.ts';
import {
  datasetCatalog,
  runInsituBuild,
  writeGeneratedShop,
  type ArtifactFile,
  type BuildRun,
} from './model/build-artifact.ts';
import {
  e2eRows,
  fastestKernel,
  firstPageBytes,
  recommendE2E,
  type RecommendE2E,
} from './model/recommend-e2e.ts';

const ITEMS = 10_000;
/** The large shop `recommend()` is also timed on (built with one epoch: only its shapes matter here). */
const LARGE_ITEMS = 100_000;
/** Enough logs for a full sequence model and dense co-visitation, within ~2–3 min of build. */
const SHOPPERS = 500;
const DAYS = 90;

const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
const load = () => `1-min load average ${loadavg()[0]?.toFixed(1) ?? '?'}`;

function fileRows(files: ArtifactFile[], run: BuildRun): Record<string, string | number>[] {
  return [
    ...files.map((f) => ({ file: f.file, KB: kb(f.bytes), 'gzip KB': kb(f.gzipBytes) })),
    { file: '**total**', KB: kb(run.bytes), 'gzip KB': kb(run.gzipBytes) },
  ];
}

/** Part 1: a generated 10k-item shop with simulated logs, built by the real CLI. */
async function artifact10k(ctx: BenchContext, dir: string) {
  const { catalogFile, events, interactions, shoppers } = writeGeneratedShop(dir, ITEMS, {
    shoppers: SHOPPERS,
    days: DAYS,
  });
  ctx.log(`model bench: insitu build, ${ITEMS} items, ${interactions} interactions…`);
  const loadBefore = load();
  const out = join(dir, 'model');
  const run = await runInsituBuild(ctx.repoRoot, { catalog: catalogFile, events, out });
  // The budget `node scripts/check-size.mjs --artifact DIR` checks.
  const { artifactLimit } = JSON.parse(
    readFileSync(join(ctx.repoRoot, 'packages', 'model', 'package.json'), 'utf8'),
  ) as { artifactLimit: { gzipPer10kItems: number } };
  const budget = (artifactLimit.gzipPer10kItems * Math.max(ITEMS, 10_000)) / 10_000;
  const within = run.gzipBytes <= budget ? 'within' : 'OVER';
  const section: BenchSection = {
    title: `model artifact, ${ITEMS.toLocaleString('en')} items (insitu build)`,
    rows: fileRows(run.files, run),
    data: { ...run, shoppers: SHOPPERS, interactions },
    notes: [
      `Budget ≤ ${kb(budget)} KB gzipped: ${kb(run.gzipBytes)} KB, ${within} budget (gzip -9 per file, summed).`,
      `Build wall time ${round(run.wallSeconds)} s (child process of the real CLI: start-up, parsing, training, writing); ` +
        `training ${JSON.stringify(run.training)}. Logs: ${SHOPPERS} simulated shoppers over ${DAYS} days, ` +
        `${interactions} log rows (a small shop's logs; default epochs; training counts each user's distinct items). Before the build: ${loadBefore}.`,
    ],
  };
  // A real shopper's first products, so the encoder and co-visitation see a plausible history.
  const ids = (shoppers[0]?.events ?? []).map((e) => e.properties['product_id']);
  const viewed = [...new Set(ids.filter((id): id is string => typeof id === 'string'))].slice(0, 5);
  return { section, catalogFile, out, viewed: viewed.length > 0 ? viewed : ['p0001', 'p0002'] };
}

/** Part 2: only with BENCH_DATASET=DIR (holding interactions.csv); the bench never needs it. */
async function datasetBuild(ctx: BenchContext, dir: string): Promise<BenchSection> {
  const env = process.env['BENCH_DATASET'];
  const title = 'insitu build on a real dataset (BENCH_DATASET)';
  if (env === undefined || env === '') {
    return { title, rows: [], notes: ['Skipped: set BENCH_DATASET=DIR (with interactions.csv).'] };
  }
  const data = resolve(env);
  if (!existsSync(join(data, 'interactions.csv'))) {
    return { title, rows: [], notes: [`Skipped: ${data}/interactions.csv does not exist.`] };
  }
  const catalog = join(dir, 'dataset-catalog.json');
  const items = await datasetCatalog(data, catalog);
  ctx.log(`model bench: insitu build on ${data} (${items} items)…`);
  const loadBefore = load();
  const run = await runInsituBuild(ctx.repoRoot, {
    catalog,
    events: join(data, 'interactions.csv'),
    out: join(dir, 'dataset-model'),
  });
  return {
    title: `${title}: ${data}`,
    rows: [
      {
        items,
        'wall s': round(run.wallSeconds),
        'artifact KB': kb(run.bytes),
        'gzip KB': kb(run.gzipBytes),
        users: String(run.training['users'] ?? '–'),
        'distinct user-items': String(run.training['interactions'] ?? '–'),
        epochs: String(run.training['epochs'] ?? '–'),
      },
    ],
    data: run,
    notes: [
      `Catalog: items.csv where present, else the ids of interactions.csv. Budget: within 10 minutes on 2 cores. Before: ${loadBefore}; after: ${load()}.`,
    ],
  };
}

/** The report of one `recommendE2E` run: per strategy p50 against the same page's raw kernel. */
function e2eSectionOf(e2e: RecommendE2E, items: number, viewed: number, what: string) {
  const m = e2e.model;
  const memory = e2e.memory;
  const fastest = fastestKernel(e2e);
  const section: BenchSection = {
    title: `recommend() end to end, warm (${items.toLocaleString('en')}-item ${what})`,
    rows: e2eRows(e2e),
    data: e2e,
    notes: [
      'Main-thread promise round trip of `insitu.recommend({ strategy, limit: 10 })` (client from the built dist via createInsitu → comlink → module Worker → ranking → back), ' +
        `after ${viewed} Product Viewed + 1 Product Added; 10 warm-up calls, then 50 timed; similar-items and bought-together anchor on the first viewed item. The rows above ask again with the same history (the worker keeps the last history's scores); \`for-you after a view\` tracks a Product Viewed and flushes before each timed call, so it is scored afresh; \`2,000 events stored\` does the same after 2,000 more events (views of 300 items, every fourth a Recommendation Shown of 8), the shopper-state window a loyal shopper fills.`,
      `vs JS kernel = median ÷ the raw kernel timed in a Worker of the same page right after: plain-JS dot of ${e2e.kernel.items.toLocaleString('en')} × ${e2e.kernel.dims} (the artifact's dims) + top-10, ${round(e2e.kernel.ms)} ms median. ` +
        `vs fastest kernel: the lower of that and the SDK's own start-up dot timings per backend: ${fastest.what}, ${round(fastest.ms)} ms.`,
      memory === undefined
        ? 'Worker memory not measured.'
        : memory.error !== undefined
          ? `Worker memory: failed (${memory.error}).`
          : `Worker memory (CDP Runtime.getHeapUsage on the worker target after HeapProfiler.collectGarbage): JS heap ${memory.usedMB} MB used of ${memory.totalMB} MB` +
            (memory.backingMB === undefined
              ? '.'
              : `, ArrayBuffer backing stores ${memory.backingMB} MB.`),
      `SDK backend choice (stats().model): backend ${String(m['backend'])}, state ${String(m['state'])}, ` +
        `start-up timings ${JSON.stringify(m['timings'] ?? {})} (${String(m['timingsFrom'] ?? '')}). ${load()} after.`,
    ],
  };
  return section;
}

/** `recommend()` on a 100k-item shop the real CLI built (one epoch), with the worker's memory. */
async function largeShop(ctx: BenchContext, dir: string): Promise<BenchSection> {
  const large = join(dir, 'large');
  mkdirSync(large);
  const { catalogFile, events, shoppers } = writeGeneratedShop(large, LARGE_ITEMS, {
    shoppers: SHOPPERS,
    days: DAYS,
  });
  ctx.log(`model bench: insitu build, ${LARGE_ITEMS} items, 1 epoch…`);
  const out = join(large, 'model');
  const run = await runInsituBuild(ctx.repoRoot, { catalog: catalogFile, events, out, epochs: 1 });
  const ids = (shoppers[0]?.events ?? []).map((e) => e.properties['product_id']);
  const viewed = [...new Set(ids.filter((id): id is string => typeof id === 'string'))].slice(0, 5);
  ctx.log(`model bench: recommend() end to end, ${LARGE_ITEMS} items…`);
  const e2e = await recommendE2E(ctx, catalogFile, out, viewed, { memory: true });
  const section = e2eSectionOf(e2e, LARGE_ITEMS, viewed.length, 'shop');
  section.notes!.push(
    `Artifact: insitu build --epochs 1, ${round(run.wallSeconds)} s, ${kb(run.gzipBytes)} KB gzip.`,
  );
  return section;
}

/**
 * The model's budgets (issue 4, item 7): artifact size for a 10k-item shop, `insitu build` wall
 * time (generated shop; a real dataset with BENCH_DATASET), and warm `recommend()` latency per
 * strategy through the real page → worker path in headless Chromium. Reported, not asserted.
 */
export async function bench(ctx: BenchContext): Promise<BenchSection[]> {
  const dir = mkdtempSync(join(tmpdir(), 'insitu-model-bench-'));
  try {
    const shop = await artifact10k(ctx, dir);
    ctx.log('model bench: recommend() end to end in Chromium…');
    const e2e = await recommendE2E(ctx, shop.catalogFile, shop.out, shop.viewed, { memory: true });
    const e2eSection = e2eSectionOf(e2e, ITEMS, shop.viewed.length, 'artifact above');
    const large = await largeShop(ctx, dir);
    ctx.log('model bench: what a new visitor downloads…');
    const bytes = await firstPageBytes(ctx, shop.catalogFile, shop.out);
    const total = (list: { file: string; gzip: number }[]) =>
      list.filter((f) => !f.file.endsWith('catalog.json')).reduce((s, f) => s + f.gzip, 0);
    const kb = (b: number) => Math.round(b / 102.4) / 10;
    const catalog = bytes.firstPage.find((f) => f.file.endsWith('catalog.json'))?.gzip ?? 0;
    const bytesSection: BenchSection = {
      title: `what a new visitor downloads from insitu (${ITEMS.toLocaleString('en')}-item shop, gzip KB)`,
      rows: [
        {
          page: 'first page: only trending asked (within 2 s)',
          'insitu KB (catalog aside)': kb(total(bytes.firstPage)),
          'catalog KB': kb(catalog),
          files: bytes.firstPage.length,
        },
        {
          page: 'after the first event (whole model in use)',
          'insitu KB (catalog aside)': kb(total(bytes.afterFirstEvent)),
          'catalog KB': kb(catalog),
          files: bytes.afterFirstEvent.length,
        },
      ],
      data: bytes,
      notes: [
        'Every request of the page and its worker, bodies gzipped here (-6). The first page loads the runtime, the worker, the model code chunk, manifest.json and popularity.bin; embeddings, neighbours, the encoder and tfjs follow the first event (or 5 s of idleness).',
      ],
    };
    return [shop.section, e2eSection, large, bytesSection, await datasetBuild(ctx, dir)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
