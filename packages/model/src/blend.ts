import type { HistoryEntry } from '@insitu/core';
import { addNeighbours } from './neighbours.ts';
import type { NeighbourTable } from './neighbours.ts';

/** How the scorer mixes its signals; chosen at build time on a validation holdout. */
export interface BlendWeights {
  /** Weight of the sequence encoder (or content vectors): `exp((dot - max) / temperature)`. */
  model: number;
  temperature: number;
  /** Weight of co-visitation neighbours, summed over history and scaled to a maximum of 1. */
  covis: number;
  /** The k-th most recent history item counts `recency^k` in the co-visitation sum. */
  recency: number;
  /** Weight of time-decayed popularity (scaled to a maximum of 1). */
  popularity: number;
}

/** Co-visitation signal of a history: recent items' neighbours, scaled so the best item has 1. */
export function covisScores(
  table: NeighbourTable,
  history: readonly HistoryEntry[],
  recency: number,
  out = new Float32Array(table.itemCount),
): Float32Array {
  let w = 1;
  for (let k = history.length - 1; k >= 0 && w > 1e-4; k--) {
    addNeighbours(table, history[k]!.item, w, out);
    w *= recency;
  }
  let max = 0;
  for (let i = 0; i < out.length; i++) max = Math.max(max, out[i]!);
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / max;
  return out;
}

/** Turns raw dot products into (0, 1] relative likelihoods, in place. */
export function softScale(dots: Float32Array, temperature: number): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < dots.length; i++) max = Math.max(max, dots[i]!);
  for (let i = 0; i < dots.length; i++) dots[i] = Math.exp((dots[i]! - max) / temperature);
  return dots;
}

/** The signals of one history, each scaled to [0, 1]. `model` is null for an empty history. */
export interface Components {
  model: Float32Array | null;
  covis: Float32Array;
  popularity: Float32Array;
}

/** The final score: a weighted sum of the components (what ranking sorts by). */
export function blendScores(
  c: Components,
  w: BlendWeights,
  out = new Float32Array(c.popularity.length),
): Float32Array {
  const { covis, popularity, model } = c;
  const [wc, wp, wm] = [w.covis, w.popularity, w.model];
  if (model === null || wm === 0) {
    for (let i = 0; i < out.length; i++) out[i] = wc * covis[i]! + wp * popularity[i]!;
    return out;
  }
  // One pass; the partial sum rounded to float32 as if stored first.
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.fround(wc * covis[i]! + wp * popularity[i]!) + wm * model[i]!;
  }
  return out;
}
