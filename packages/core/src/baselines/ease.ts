import type { Scorer } from '../scoring.ts';
import type { TrainingData } from '../eval/training-data.ts';
import { expectedMetrics, rankCounts } from '../eval/metrics.ts';
import { seededRandom } from '../eval/random.ts';
import { itemCounts, popularityBackoff } from './popularity.ts';
import { invertSpd } from './spd-inverse.ts';
import type { Multiply } from './spd-inverse.ts';

/** Options of the EASE baseline. */
export interface EaseOptions {
  /** L2 strengths tried on the validation split (default 20, 100, 500). */
  lambdas?: readonly number[];
  /** History recencies tried with each λ (default 0.5, 0.7, 0.85, 1). */
  recencies?: readonly number[];
  /**
   * Largest catalog solved densely (default 16,000): the solve holds an n × n float64 matrix and
   * three float32 ones (20·n² bytes, 5 GB at 16k) and costs n³/2 multiply-adds per λ.
   */
  maxItems?: number;
  /** Validation users scored per candidate (default 3000, sampled with the fit's seed). */
  validationUsers?: number;
  /** A faster `a · b` for the solve (e.g. a SIMD matMul); plain TS by default. */
  multiply?: Multiply;
  /** Called after each λ with its solve time, best validation score and the recency of that score. */
  onLambda?: (lambda: number, seconds: number, score: number, recency: number) => void;
}

/** A scorer the protocol reports as skipped, with the reason, instead of figures. */
export interface SkippedScorer extends Scorer {
  readonly skipped: string;
}

/**
 * Item-item Gram matrix XᵀX of the binary user × item matrix of the training sequences
 * (float32 holds the counts exactly up to 2²⁴), n × n row-major.
 */
export function gramMatrix(data: TrainingData): Float32Array {
  const n = data.itemCount;
  const g = new Float32Array(n * n);
  for (const sequence of data.sequences) {
    const items = [...new Set(sequence.map((e) => e.item))];
    for (const i of items) for (const j of items) g[i * n + j]! += 1;
  }
  return g;
}

/**
 * EASE weights (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019):
 * P = (XᵀX + λI)⁻¹ and B = I − P·diag(1/diag(P)), i.e. B_ij = −P_ij / P_jj off the diagonal and
 * B_ii = 0 — the closed form of the least-squares item-to-item model with a zero diagonal.
 */
export async function easeWeights(
  gram: Float32Array,
  n: number,
  lambda: number,
  multiply?: Multiply,
): Promise<Float32Array> {
  const p = Float64Array.from(gram);
  for (let i = 0; i < n; i++) p[i * n + i]! += lambda;
  await invertSpd(p, n, multiply === undefined ? {} : { multiply });
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -p[i * n + j]! / p[j * n + j]!;
  }
  return b;
}

/** Adds `Σ_k recency^age(k) · B[h_k, :]` (age 0 = the last item) to `out`. */
function scoreInto(
  b: Float32Array,
  n: number,
  history: readonly { item: number }[],
  recency: number,
  out: Float32Array,
): void {
  let w = 1;
  for (let k = history.length - 1; k >= 0 && w > 1e-4; k--, w *= recency) {
    const item = history[k]!.item;
    if (item < 0 || item >= n) continue;
    const row = item * n;
    for (let j = 0; j < n; j++) out[j]! += w * b[row + j]!;
  }
}

/**
 * Baseline EASE + recency: scores `Σ recency^age · B[h, :]` over the history. λ and the recency
 * are chosen on the validation split (`data.validation`: each user's next item after the train
 * part) by HR@10 + NDCG@10 over up to `validationUsers` users; without it the middle λ and 0.7
 * are used. A catalog above `maxItems` returns a `SkippedScorer` rather than an approximation.
 */
export async function fitEase(
  data: TrainingData,
  options: EaseOptions = {},
): Promise<Scorer | SkippedScorer> {
  const n = data.itemCount;
  const maxItems = options.maxItems ?? 16_000;
  if (n > maxItems) {
    const reason = `${n} items is above the dense-solve limit of ${maxItems}`;
    return { name: 'ease', skipped: reason, score: () => undefined } satisfies SkippedScorer;
  }
  const lambdas = options.lambdas ?? [20, 100, 500];
  const recencies = options.recencies ?? [0.5, 0.7, 0.85, 1];
  const gram = gramMatrix(data);
  const backoff = popularityBackoff(itemCounts(data), 1e-6);
  const cases = validationCases(data, options.validationUsers ?? 3000);
  let best = { score: -Infinity, b: null as Float32Array | null, recency: 0.7 };
  const grid = cases.length === 0 ? [lambdas[Math.floor(lambdas.length / 2)]!] : lambdas;
  for (const lambda of grid) {
    const t0 = Date.now();
    const b = await easeWeights(gram, n, lambda, options.multiply);
    const tried =
      cases.length === 0
        ? [{ recency: 0.7, score: 0 }]
        : recencies.map((r) => ({ recency: r, score: validationScore(b, n, cases, r, backoff) }));
    const top = tried.reduce((a, c) => (c.score > a.score ? c : a));
    options.onLambda?.(lambda, (Date.now() - t0) / 1000, top.score, top.recency);
    if (top.score > best.score) best = { score: top.score, b, recency: top.recency };
  }
  const b = best.b!;
  const recency = best.recency;
  return {
    name: 'ease',
    score: (history, out) => {
      out.set(backoff);
      scoreInto(b, n, history, recency, out);
    },
  };
}

interface Case {
  history: TrainingData['sequences'][number];
  target: number;
}

function validationCases(data: TrainingData, maxUsers: number): Case[] {
  const validation = data.validation;
  if (validation === undefined) return [];
  const all: Case[] = [];
  data.sequences.forEach((history, u) => {
    const target = validation[u];
    if (target !== undefined && history.length > 0) all.push({ history, target: target.item });
  });
  const random = seededRandom(data.seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, maxUsers);
}

function validationScore(
  b: Float32Array,
  n: number,
  cases: readonly Case[],
  recency: number,
  backoff: Float32Array,
): number {
  const out = new Float32Array(n);
  const excluded = new Uint8Array(n);
  let sum = 0;
  for (const c of cases) {
    out.set(backoff);
    scoreInto(b, n, c.history, recency, out);
    for (const e of c.history) excluded[e.item] = 1;
    const m = expectedMetrics(rankCounts(out, c.target, excluded));
    for (const e of c.history) excluded[e.item] = 0;
    sum += m.hr10 + m.ndcg10;
  }
  return sum / cases.length;
}
