import type { BlendWeights } from '../blend.ts';
import { covisScores, softScale } from '../blend.ts';
import type { HoldoutFigures } from '../artifact/manifest.ts';
import type { NeighbourTable } from '../neighbours.ts';
import { holdoutFigures } from './holdout.ts';
import type { HoldoutCase } from './holdout.ts';

/** What the tuner may mix, computed on the training part without the holdout items. */
export interface TuneInputs {
  cases: readonly HoldoutCase[];
  itemCount: number;
  neighbours: NeighbourTable;
  /** Raw encoder dot products per case (null entries: no vector), or null without an encoder. */
  modelDots: (Float32Array | null)[] | null;
  /** Popularity variants by half-life (null = no decay). */
  popularity: { halfLife: number | null; values: Float32Array }[];
}

/** The chosen blend, its half-life, and the figures of the blend and of each signal alone. */
export interface TuneResult {
  blend: BlendWeights;
  halfLife: number | null;
  figures: Record<string, HoldoutFigures>;
}

const better = (a: HoldoutFigures, b: HoldoutFigures) => a.ndcg10 + a.hr10 > b.ndcg10 + b.hr10 + 1e-9;

/**
 * Coordinate search on the holdout: first the co-visitation recency, then the encoder's weight
 * and temperature, then popularity weight and half-life, finally whether co-visitation stays.
 * Each step keeps a change only when HR@10 + NDCG@10 improves, so a useless signal gets weight 0.
 */
export function tuneBlend(t: TuneInputs): TuneResult {
  const n = t.itemCount;
  const out = new Float32Array(n);
  const covisFor = new Map<number, Float32Array[]>();
  const covis = (recency: number) => {
    let v = covisFor.get(recency);
    if (v === undefined) {
      covisFor.clear();
      v = t.cases.map((c) => covisScores(t.neighbours, c.history, recency));
      covisFor.set(recency, v);
    }
    return v;
  };
  let scaled: { temperature: number; values: (Float32Array | null)[] } | null = null;
  const model = (temperature: number) => {
    if (t.modelDots === null) return null;
    if (scaled?.temperature !== temperature) {
      scaled = { temperature, values: t.modelDots.map((d) => (d === null ? null : softScale(Float32Array.from(d), temperature))) };
    }
    return scaled.values;
  };
  let pop = t.popularity[0]!;
  const figures = (w: BlendWeights) => {
    const cv = covis(w.recency);
    const md = w.model === 0 ? null : model(w.temperature);
    return holdoutFigures(
      t.cases,
      (i) => {
        const c = cv[i]!;
        const m = md?.[i] ?? null;
        const p = pop.values;
        for (let j = 0; j < n; j++) out[j] = w.covis * c[j]! + w.popularity * p[j]! + (m === null ? 0 : w.model * m[j]!);
        return out;
      },
      n,
    );
  };
  let best: BlendWeights = { model: 0, temperature: 1, covis: 1, recency: 0.7, popularity: 0 };
  let bestFig = figures(best);
  const tryBlend = (w: BlendWeights) => {
    const f = figures(w);
    if (better(f, bestFig)) {
      best = w;
      bestFig = f;
    }
  };
  for (const recency of [0.5, 0.85]) tryBlend({ ...best, recency });
  const result: Record<string, HoldoutFigures> = { covis: bestFig };
  if (t.modelDots !== null) {
    const base = best;
    for (const temperature of [0.5, 1, 2]) {
      for (const weight of [0.1, 0.3, 1, 3]) tryBlend({ ...base, temperature, model: weight });
    }
    result['encoder'] = figures({ ...best, model: 1, covis: 0, popularity: 0 });
  }
  const base = best;
  for (const variant of t.popularity) {
    const keep = pop;
    pop = variant;
    const before = bestFig;
    for (const weight of [0.01, 0.03, 0.1, 0.3, 1, 3]) tryBlend({ ...base, popularity: weight });
    if (bestFig === before) pop = keep;
  }
  result['popularity'] = figures({ ...best, model: 0, covis: 0, popularity: 1 });
  if (best.popularity > 0 || best.model > 0) tryBlend({ ...best, covis: 0 });
  result['blend'] = bestFig;
  return { blend: best, halfLife: pop.halfLife, figures: result };
}
