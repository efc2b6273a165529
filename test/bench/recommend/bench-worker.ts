// Runs in a module Worker of the recommend bench page: times warm scoring of one user vector
// against N × 64 item tables on each tfjs backend (the SDK's own kernel set and setup), with the
// SDK's own wasm SIMD kernel and in plain JS, for N = 1k, 10k, 100k.
import { matMul, reshape, tensor2d, tidy, topk } from '@tensorflow/tfjs-core';
import { jsScoreEngine, simdScoreEngine } from '@insitu/model';
import { tfScoreEngine } from '@insitu/model/tf';
import { TF_BACKENDS, useBackend } from '../../../packages/sdk/src/worker/model/tf-backends.ts';
import { medianMs } from '../../../packages/sdk/src/worker/model/timing.ts';

const DIMS = 64;
const K = 10;

/** One measurement: ms per warm call (median), or why the backend could not run. */
export interface RecommendBenchRow {
  items: number;
  backend: string;
  /** Dot products of every item, read back (what insitu's blend needs). */
  scoreMs: number | string;
  /** matMul + top-10 on the backend (JS: dot loop + top-10 loop), read back. */
  topkMs: number | string;
}

function table(n: number): Float32Array {
  let s = 7;
  const t = new Float32Array(n * DIMS);
  for (let i = 0; i < t.length; i++) t[i] = ((s = (s * 48271) % 2147483647) / 2147483647) * 2 - 1;
  return t;
}

/** A row's cells for a backend that could not run. */
const unavailable = (e: unknown) => `unavailable: ${e instanceof Error ? e.message : String(e)}`;

/** Plain-JS top-k: insertion into a sorted list of the k best. */
function jsTopK(scores: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (best.length === k && v <= scores[best[k - 1]!]!) continue;
    let j = Math.min(best.length, k - 1);
    while (j > 0 && scores[best[j - 1]!]! < v) j--;
    best.splice(j, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

async function run(sizes: number[]): Promise<RecommendBenchRow[]> {
  const rows: RecommendBenchRow[] = [];
  for (const n of sizes) {
    const t = table(n);
    const user = t.slice(0, DIMS);
    const js = jsScoreEngine(t, n, DIMS);
    const budget = { budgetMs: 300 };
    rows.push({
      items: n,
      backend: 'js',
      scoreMs: await medianMs(() => js.dot(user), budget),
      topkMs: await medianMs(() => jsTopK(js.dot(user) as Float32Array, K), budget),
    });
    try {
      const simd = await simdScoreEngine(t, n, DIMS);
      rows.push({
        items: n,
        backend: 'insitu SIMD kernel',
        scoreMs: await medianMs(() => simd.dot(user), budget),
        topkMs: await medianMs(async () => jsTopK(await simd.dot(user), K), budget),
      });
    } catch (e) {
      const why = unavailable(e);
      rows.push({ items: n, backend: 'insitu SIMD kernel', scoreMs: why, topkMs: why });
    }
    for (const backend of TF_BACKENDS) {
      try {
        await useBackend(backend);
        const engine = tfScoreEngine(t, n, DIMS);
        const items = tensor2d(t, [n, DIMS]);
        const scoreMs = await medianMs(() => engine.dot(user), budget);
        const topkMs = await medianMs(async () => {
          const { values, indices } = tidy(() =>
            topk(reshape(matMul(items, tensor2d(user, [DIMS, 1])), [n]), K),
          );
          await Promise.all([values.data(), indices.data()]);
          values.dispose();
          indices.dispose();
        }, budget);
        engine.dispose();
        items.dispose();
        rows.push({ items: n, backend, scoreMs, topkMs });
      } catch (e) {
        const why = unavailable(e);
        rows.push({ items: n, backend, scoreMs: why, topkMs: why });
      }
    }
  }
  return rows;
}

self.onmessage = (e: MessageEvent<{ sizes: number[] }>) => {
  run(e.data.sizes).then(
    (rows) => self.postMessage({ rows }),
    (error: unknown) => self.postMessage({ error: String(error) }),
  );
};
