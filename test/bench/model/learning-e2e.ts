import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { quantile, round, type BenchContext } from '../bench-types.ts';
import { writeSite } from './recommend-e2e.ts';

/** What the page saw of one backend training the personal head. */
export interface LearningRun {
  items: number;
  /** The backend forced with `TestFaults.backends` (scorer and training), or `auto`: the SDK's choice. */
  backend: string;
  /** `stats().model.backend` and `stats().learning.backend` once trained. */
  scorer: string;
  trainedOn: string;
  /** `stats().learning.timings`: warm ms per step per backend, measured when the scorer is JS. */
  timings: Record<string, number | string> | undefined;
  examples: number;
  /** `stats().learning.stepMs` after the first round and after the second. */
  stepMs: [number, number];
  /** `stats().model.numTensors` after the first round and after the second (quiet). */
  tensors: [number, number];
  /** The second round's wall time, nothing else asked of the worker (≈, see `roundMs`). */
  quietRoundMs: number;
  /** Wall time of each round while `recommend()` was called without pause. */
  roundsMs: number[];
  /** Timed `recommend(for-you)` calls: with no round under way, and while one ran. */
  idleMs: number[];
  trainingMs: number[];
}

/** Waits after the trigger before a round starts (the learner's quiet time, IDLE_MS). */
const QUIET_MS = 400;

/**
 * One backend end to end in Chromium: a client from the built dist with `learning: { personal:
 * true }` and `faults: { backends: [backend] }` (none for `auto`), a shopper who views `viewed` (a for-you list
 * shown after every fourth view), then a second round on three more showings (tensors flat?),
 * then rounds triggered one after another while `recommend(for-you)` is called back to back,
 * beside blocks of the same calls with no round under way. A round's wall time is read as
 * `lastTrainedAt − (trigger stored + 400 ms quiet)`: within a timer's lateness.
 */
export async function learningE2E(
  ctx: BenchContext,
  shop: { catalogFile: string; artifactDir: string; items: number },
  backend: string,
  viewed: string[],
  options: { idleCalls?: number; minCalls?: number; maxRounds?: number } = {},
): Promise<LearningRun> {
  const site = writeSite(
    join(ctx.repoRoot, 'packages', 'sdk', 'dist'),
    shop.catalogFile,
    shop.artifactDir,
  );
  const context = await ctx.browser.newContext();
  try {
    const origin = await ctx.serve([site]);
    const page = await context.newPage();
    // tsx's keepNames wraps inner functions in `__name(...)`, which the page does not define.
    await page.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
    const config = {
      learning: { personal: true },
      ...(backend === 'auto' ? {} : { faults: { backends: [backend] } }),
    };
    await page.goto(`${origin}/model.html?config=${encodeURIComponent(JSON.stringify(config))}`);
    await page.waitForFunction(() => window.__modelBench !== undefined);
    const args = {
      viewed,
      quietMs: QUIET_MS,
      idleCalls: options.idleCalls ?? 20,
      minCalls: options.minCalls ?? 100,
      maxRounds: options.maxRounds ?? 15,
    };
    const run = await page.evaluate(async ({ viewed, quietMs, idleCalls, minCalls, maxRounds }) => {
      const insitu = window.__modelBench!;
      type Stats = Awaited<ReturnType<typeof insitu.stats>>;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const until = async (what: string, done: (s: Stats) => boolean): Promise<Stats> => {
        const deadline = performance.now() + 300_000;
        for (;;) {
          const s = await insitu.stats();
          if (done(s)) return s;
          if (performance.now() > deadline) {
            throw new Error(`${what}: ${JSON.stringify({ model: s.model, learning: s.learning })}`);
          }
          await sleep(50);
        }
      };
      const trainedAt = (s: Stats) => s.learning?.lastTrainedAt ?? 0;
      /** The first round ending after `after`; then no other for a while (none pending). */
      const settle = async (after: number) => {
        const first = await until('no round', (s) => trainedAt(s) > after);
        let last = first;
        for (;;) {
          await sleep(1000 + 2 * (trainedAt(last) - after));
          const s = await insitu.stats();
          if (trainedAt(s) === trainedAt(last)) return { end: trainedAt(first), stats: s };
          last = s;
        }
      };
      const forYou = { strategy: 'for-you', limit: 10 } as const;
      const shown = (ids: string[]) =>
        insitu.track('Recommendation Shown', {
          strategy: 'for-you',
          products: ids.map((product_id) => ({ product_id })),
        });
      const forYouIds = async () => (await insitu.recommend(forYou)).items.map((x) => x.item.id);
      /** Three for-you lists shown back to back (three new showings: a round 400 ms later). */
      const trigger = async () => {
        const lists = [await forYouIds(), await forYouIds(), await forYouIds()];
        for (const ids of lists) await shown(ids);
        await insitu.flush();
        return Date.now();
      };

      await insitu.ready();
      await insitu.recommend(forYou); // a model strategy loads the whole model
      await until(
        'model',
        (s) =>
          s.model?.state === 'failed' ||
          (s.model?.state === 'ready' && s.model.timingsFrom !== undefined),
      );
      for (let i = 0; i < viewed.length; i++) {
        await insitu.track('Product Viewed', { product_id: viewed[i]! });
        if (i % 4 === 3) await shown(await forYouIds());
      }
      await insitu.flush();
      const first = (await settle(Date.now())).stats;
      const triggered = await trigger();
      const second = await settle(triggered);

      const idleMs: number[] = [];
      const trainingMs: number[] = [];
      const roundsMs: number[] = [];
      const timed = async () => {
        const at = Date.now();
        const t = performance.now();
        await insitu.recommend(forYou);
        return { at, ms: performance.now() - t };
      };
      let last = trainedAt(second.stats);
      for (let r = 0; r < maxRounds && trainingMs.length < minCalls; r++) {
        // The same call pattern in both: a timed recommend, then an untimed stats().
        for (let i = 0; i < idleCalls; i++) {
          idleMs.push((await timed()).ms);
          await insitu.stats();
        }
        const start = (await trigger()) + quietMs;
        const calls: { at: number; ms: number }[] = [];
        const deadline = performance.now() + 300_000;
        for (;;) {
          calls.push(await timed());
          const now = trainedAt(await insitu.stats());
          if (now !== last) {
            last = now;
            break;
          }
          if (performance.now() > deadline) throw new Error('no round after the trigger');
        }
        trainingMs.push(...calls.filter((c) => c.at >= start && c.at <= last).map((c) => c.ms));
        roundsMs.push(last - start);
      }
      const after = await insitu.stats();
      return {
        scorer: String(after.model?.backend),
        trainedOn: String(after.learning?.backend),
        timings: after.learning?.timings,
        examples: second.stats.learning?.examples ?? 0,
        stepMs: [first.learning?.stepMs ?? NaN, second.stats.learning?.stepMs ?? NaN] as [
          number,
          number,
        ],
        tensors: [first.model?.numTensors ?? -1, second.stats.model?.numTensors ?? -1] as [
          number,
          number,
        ],
        quietRoundMs: second.end - triggered - quietMs,
        roundsMs,
        idleMs,
        trainingMs,
      };
    }, args);
    return { items: shop.items, backend, ...run };
  } finally {
    await context.close();
    rmSync(site, { recursive: true, force: true });
  }
}

const ms = (xs: readonly number[], q: number) => round(quantile(xs, q));
const times = (a: number, b: number) => (b > 0 ? `${round(a / b)}×` : '–');

/** One report row per run. */
export function learningRow(r: LearningRun): Record<string, string | number> {
  const [i50, t50] = [quantile(r.idleMs, 0.5), quantile(r.trainingMs, 0.5)];
  const [i95, t95] = [quantile(r.idleMs, 0.95), quantile(r.trainingMs, 0.95)];
  return {
    items: r.items.toLocaleString('en'),
    backend:
      r.backend === 'auto'
        ? `auto: scorer ${r.scorer}, training ${r.trainedOn}`
        : r.trainedOn === r.backend && r.scorer === r.backend
          ? r.backend
          : `${r.backend} (scorer ${r.scorer}, training ${r.trainedOn})`,
    examples: r.examples,
    'step ms': `${r.stepMs[0]} / ${r.stepMs[1]}`,
    'round ms quiet': round(r.quietRoundMs),
    'round ms, recommending': ms(r.roundsMs, 0.5),
    // stats().model.numTensors counts tfjs tensors only once the scorer runs on tfjs.
    'numTensors r1 → r2': r.scorer === 'js' ? '– (JS scorer)' : `${r.tensors[0]} → ${r.tensors[1]}`,
    'for-you p50 idle / training': `${ms(r.idleMs, 0.5)} / ${ms(r.trainingMs, 0.5)}`,
    'p50 ratio': times(t50, i50),
    'p95 idle / training': `${ms(r.idleMs, 0.95)} / ${ms(r.trainingMs, 0.95)}`,
    'p95 ratio': times(t95, i95),
    'calls idle / training': `${r.idleMs.length} / ${r.trainingMs.length}`,
  };
}
