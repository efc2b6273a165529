import type { BlendWeights } from '../blend.ts';
import { covisScores, softScale } from '../blend.ts';
import type { HoldoutFigures } from '../artifact/manifest.ts';
import type { NeighbourTable } from '../neighbours.ts';
import { holdoutFigures, holdoutScore, pairedStandardError } from './holdout.ts';
import type { HoldoutCase } from './holdout.ts';

/** What the tuner may mix, computed on the training part without the holdout items. */
export interface TuneInputs {
  cases: readonly HoldoutCase[];
  itemCount: number;
  neighbours: NeighbourTable;
  /** Raw encoder dot products per case (null entries: no vector), or null without an encoder. */
  modelDots: (Float32Array | null)[] | null;
  /** Popularity per case, as of the case's time, with the chosen half-life. */
  popularity: Float32Array[];
  /** Content neighbours (catalog-text similarity), or null without catalog text. */
  content?: NeighbourTable | null;
  /** Co-visitation beside EASE neighbours, or null when `neighbours` is co-visitation itself. */
  sequence?: NeighbourTable | null;
}

/** The chosen blend and the figures of the blend and of each signal alone. */
export interface TuneResult {
  blend: BlendWeights;
  figures: Record<string, HoldoutFigures>;
}

/**
 * Coordinate search on the holdout over: neighbour recency (the k-th most recent item counts
 * recency^k; 1 sums the whole history, what long taste-driven histories need); encoder weight ×
 * temperature; popularity weight; content-neighbour weight (with catalog text); co-visitation
 * on/off; beside EASE neighbours, sequential co-visitation's weight × its own recency — two
 * passes, each change kept only when HR@10 + NDCG@10 improves, so a signal that does not help
 * ends with weight 0. Then the simplest blend (fewest signals, pure popularity first)
 * within one paired standard error of the best is kept: on a thin holdout a few lucky hits must
 * not buy a mix that generalises worse. The data decides the mix (sequential shops lean on
 * co-visitation, thin ones on popularity).
 */
export function tuneBlend(t: TuneInputs): TuneResult {
  const n = t.itemCount;
  const out = new Float32Array(n);
  const neighbourSignal = (table: NeighbourTable) => {
    const cache = new Map<number, Float32Array[]>();
    return (recency: number) => {
      let v = cache.get(recency);
      if (v === undefined) {
        v = t.cases.map((c) => covisScores(table, c.history, recency));
        cache.set(recency, v);
      }
      return v;
    };
  };
  const covis = neighbourSignal(t.neighbours);
  const contentTable = t.content ?? null;
  const content = contentTable === null ? null : neighbourSignal(contentTable);
  const sequenceTable = t.sequence ?? null;
  const sequence = sequenceTable === null ? null : neighbourSignal(sequenceTable);
  const modelCache = new Map<number, (Float32Array | null)[]>();
  const model = (temperature: number) => {
    let v = modelCache.get(temperature);
    if (v === undefined && t.modelDots !== null) {
      v = t.modelDots.map((d) =>
        d === null ? null : softScale(Float32Array.from(d), temperature),
      );
      modelCache.set(temperature, v);
    }
    return v ?? null;
  };
  const figures = (w: BlendWeights, perCase?: Float64Array) => {
    const cv = w.covis === 0 ? null : covis(w.recency);
    const md = w.model === 0 ? null : model(w.temperature);
    const wc = w.content ?? 0;
    const ct = wc === 0 || content === null ? null : content(w.recency);
    const ws = w.sequence ?? 0;
    const sq = ws === 0 || sequence === null ? null : sequence(w.sequenceRecency ?? 1);
    return holdoutFigures(
      t.cases,
      (i) => {
        const c = cv?.[i];
        const m = md?.[i];
        const ci = ct?.[i];
        const si = sq?.[i];
        const p = t.popularity[i]!;
        for (let j = 0; j < n; j++) {
          out[j] =
            (c ? w.covis * c[j]! : 0) +
            w.popularity * p[j]! +
            (m ? w.model * m[j]! : 0) +
            (ci ? wc * ci[j]! : 0) +
            (si ? ws * si[j]! : 0);
        }
        return out;
      },
      n,
      perCase,
    );
  };
  let best: BlendWeights = {
    model: 0,
    temperature: 1,
    covis: 1,
    recency: 0.7,
    popularity: 0,
    content: 0,
  };
  let bestFig = figures(best);
  const consider = (candidates: BlendWeights[]) => {
    for (const p of candidates) {
      const f = figures(p);
      if (holdoutScore(f) > holdoutScore(bestFig) + 1e-9) [best, bestFig] = [p, f];
    }
  };
  // Large popularity weights turn the other signals into tie-breakers among equally popular items.
  const weights = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
  for (let pass = 0; pass < 2; pass++) {
    if (best.covis > 0 || (best.content ?? 0) > 0) {
      consider([0.5, 0.7, 0.85, 0.95, 1].map((recency) => ({ ...best, recency })));
    }
    if (t.modelDots !== null) {
      const base = best;
      consider(
        [0.5, 1, 2].flatMap((temperature) =>
          [0, ...weights].map((m) => ({ ...base, temperature, model: m })),
        ),
      );
    }
    const base = best;
    consider([0, ...weights].map((p) => ({ ...base, popularity: p })));
    if (content !== null) {
      const withPop = best;
      consider([0, ...weights].map((c) => ({ ...withPop, content: c })));
    }
    consider([0, 1].map((c) => ({ ...best, covis: c })));
    if (sequence !== null) {
      const base = best;
      consider(
        [0.3, 0.5, 0.7].flatMap((sequenceRecency) =>
          [0, 0.1, 0.2, 0.3, 0.5, 1].map((s) => ({ ...base, sequence: s, sequenceRecency })),
        ),
      );
    }
  }
  best = simplestWithinNoise(best, t.cases.length, figures);
  if ((best.sequence ?? 0) === 0) {
    best = { ...best };
    delete best.sequence;
    delete best.sequenceRecency;
  }
  bestFig = figures(best);
  const alone = (w: Partial<BlendWeights>): HoldoutFigures =>
    figures({ ...best, model: 0, covis: 0, popularity: 0, content: 0, sequence: 0, ...w });
  const result: Record<string, HoldoutFigures> = {
    blend: bestFig,
    covis: alone({ covis: 1 }),
    popularity: alone({ popularity: 1 }),
  };
  if (t.modelDots !== null) result['encoder'] = alone({ model: 1 });
  if (content !== null) result['content'] = alone({ content: 1 });
  if (sequence !== null) result['sequence'] = alone({ sequence: 1 });
  return { blend: best, figures: result };
}

const signals = (w: BlendWeights) =>
  (w.model > 0 ? 1 : 0) +
  (w.covis > 0 ? 1 : 0) +
  (w.popularity > 0 ? 1 : 0) +
  ((w.content ?? 0) > 0 ? 1 : 0) +
  ((w.sequence ?? 0) > 0 ? 1 : 0);

const mean = (x: Float64Array) => x.reduce((a, v) => a + v, 0) / Math.max(1, x.length);

/** The one-standard-error rule over the best blend and the blends that drop some of its signals. */
function simplestWithinNoise(
  best: BlendWeights,
  cases: number,
  figures: (w: BlendWeights, perCase: Float64Array) => HoldoutFigures,
): BlendWeights {
  const bestCases = new Float64Array(cases);
  figures(best, bestCases);
  const candidates: BlendWeights[] = [
    { ...best, model: 0, covis: 0, popularity: 1, content: 0, sequence: 0 },
    { ...best, model: 0, covis: best.covis || 1, popularity: 0, content: 0, sequence: 0 },
    { ...best, model: 0 },
    { ...best, covis: 0 },
    { ...best, popularity: 0 },
    { ...best, content: 0 },
    { ...best, sequence: 0 },
  ].filter((w) => signals(w) > 0 && signals(w) < signals(best));
  candidates.sort((a, b) => signals(a) - signals(b));
  let chosen: BlendWeights | null = null;
  let chosenMean = -Infinity;
  for (const w of candidates) {
    if (chosen !== null && signals(w) > signals(chosen)) break;
    const c = new Float64Array(cases);
    figures(w, c);
    const gap = mean(bestCases) - mean(c);
    if (gap <= pairedStandardError(bestCases, c) && mean(c) > chosenMean) {
      chosen = w;
      chosenMean = mean(c);
    }
  }
  return chosen ?? best;
}
