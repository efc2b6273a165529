import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatedShopper } from '../personas/index.ts';
import { round, type BenchContext, type BenchSection } from './bench-types.ts';
import { runInsituBuild, writeGeneratedShop } from './model/build-artifact.ts';
import { learningE2E, learningRow, type LearningRun } from './model/learning-e2e.ts';

/** Shop sizes; `BENCH_LEARNING_ITEMS=10000` runs only some. */
const SIZES = (process.env['BENCH_LEARNING_ITEMS'] ?? '10000,100000').split(',').map(Number);
/** Forced with `TestFaults.backends`, then `auto`: what a shop gets (no faults). */
const BACKENDS = ['webgl', 'wasm', 'cpu', 'auto'];
const SHOPPERS = 500;
const DAYS = 90;
const VIEWS = 20;
/** Encoder epochs of the builds: what is timed here depends on the artifact's shapes only. */
const EPOCHS = 1;

const load = () => loadavg()[0]?.toFixed(1) ?? '?';

/** The first `n` distinct products of the simulated shopper who saw the most. */
function historyOf(shoppers: readonly SimulatedShopper[], n: number): string[] {
  const ids = shoppers.map((s) => [
    ...new Set(
      s.events
        .map((e) => e.properties['product_id'])
        .filter((id): id is string => typeof id === 'string'),
    ),
  ]);
  return ids.reduce((a, b) => (b.length > a.length ? b : a), []).slice(0, n);
}

/**
 * On-device learning (the personal head) per tfjs backend and shop size, end to end in Chromium
 * against artifacts the real CLI built: step and round time, tensors flat across rounds, and
 * `recommend(for-you)` latency while a round runs beside the same calls with none running.
 */
export async function bench(ctx: BenchContext): Promise<BenchSection> {
  const rows: Record<string, string | number>[] = [];
  const runs: LearningRun[] = [];
  const notes: string[] = [];
  for (const items of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'insitu-learning-bench-'));
    try {
      const shop = writeGeneratedShop(dir, items, { shoppers: SHOPPERS, days: DAYS });
      ctx.log(`learning bench: insitu build, ${items} items, ${EPOCHS} epoch…`);
      const loadBefore = load();
      const out = join(dir, 'model');
      const run = await runInsituBuild(ctx.repoRoot, {
        catalog: shop.catalogFile,
        events: shop.events,
        out,
        epochs: EPOCHS,
      });
      notes.push(
        `${items.toLocaleString('en')} items: insitu build ${round(run.wallSeconds)} s wall (--epochs ${EPOCHS}, ` +
          `${shop.interactions} log rows, 1-min load ${loadBefore} before), artifact ${Math.round(run.gzipBytes / 1024)} KB gzip.`,
      );
      const viewed = historyOf(shop.shoppers, VIEWS);
      for (const backend of BACKENDS) {
        ctx.log(`learning bench: ${items} items on ${backend}…`);
        try {
          const r = await learningE2E(
            ctx,
            { catalogFile: shop.catalogFile, artifactDir: out, items },
            backend,
            viewed,
          );
          runs.push(r);
          rows.push(learningRow(r));
          if (r.timings !== undefined) {
            notes.push(
              `${items.toLocaleString('en')} items, auto: step ms measured per backend ${JSON.stringify(r.timings)}.`,
            );
          }
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          notes.push(`${items} items, ${backend}: failed: ${why.slice(0, 400)}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    title: 'learning on the device: the personal head per backend (end to end, built dist)',
    rows,
    data: runs,
    notes: [
      `Per backend a new client (\`learning: { personal: true }\`, \`faults: { backends: [b] }\`: scorer and training on b), a shopper with ${VIEWS} Product Viewed (a for-you list shown after every 4th), first round; then 3 for-you showings → second round (step ms first / second round; numTensors after each must be equal).`,
      '`auto`: no faults, what a shop gets: the scorer on plain JS when it scores the table within 1 ms, training then on the backend it measured fastest (timings below); else training on the scorer’s backend.',
      'A step’s batch is examples × (positive + up to 24 negatives) × 32 dims whatever the shop’s size; the rest of a round is laying the batch out (one scoring of the whole catalog per example, on the scorer) and a macrotask between steps.',
      'round ms quiet = second round, nothing else asked; round ms, recommending = median over the rounds timed below. Both read as lastTrainedAt − (trigger stored + 400 ms quiet), so they include the timer’s lateness under load.',
      'for-you latency: main-thread promise round trip of recommend({ strategy: "for-you", limit: 10 }), called back to back (each followed by an untimed stats()) during rounds triggered by 3 showings each, until lastTrainedAt changes; "idle" = blocks of 20 of the same calls between rounds, none running. Calls issued from 400 ms after the trigger until the round ended count as "training".',
      ...notes,
      `1-min load average at the end: ${load()} (2 cores shared with other jobs: compare ratios within this run).`,
    ],
  };
}
