import { DEFAULT_WEIGHTS } from './types.ts';
import type { ScoreSource } from './types.ts';

/** The blended score of every item and, per item, the source that contributed most (-1: none). */
export interface Blend {
  scores: Float32Array;
  top: Int8Array;
}

/**
 * Min-max normalises each source over the eligible items (so counts, dot products and decayed
 * popularity mix on one scale) and sums them with their weights. Ineligible items get -Infinity.
 */
export function blendSources(sources: readonly ScoreSource[], eligible: Uint8Array): Blend {
  const n = eligible.length;
  const scores = new Float32Array(n);
  const best = new Float32Array(n);
  const top = new Int8Array(n).fill(-1);
  sources.forEach((source, k) => {
    const weight = source.weight ?? DEFAULT_WEIGHTS[source.kind];
    if (!(weight > 0)) return;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = source.scores[i]!;
      if (eligible[i] !== 1 || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    // A flat source says nothing about these items; it must not outweigh the others.
    if (!(max > min)) return;
    for (let i = 0; i < n; i++) {
      const v = source.scores[i]!;
      if (eligible[i] !== 1 || !Number.isFinite(v)) continue;
      const c = (weight * (v - min)) / (max - min);
      scores[i]! += c;
      if (c > best[i]!) {
        best[i] = c;
        top[i] = k;
      }
    }
  });
  for (let i = 0; i < n; i++) if (eligible[i] !== 1) scores[i] = -Infinity;
  return { scores, top };
}

/**
 * Indices of the `k` best eligible items, best first; equal scores keep catalog order, so the
 * result is deterministic (never random). A partial selection: one pass, keeping the best `k`
 * sorted, so the cost is O(n) plus O(k) per item that enters, not a sort of every item.
 */
export function topK(scores: Float32Array, k: number): number[] {
  const out: number[] = [];
  if (k <= 0) return out;
  // out is sorted best first; `floor` is the score an item must beat to enter once it is full.
  let floor = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (!(v > -Infinity)) continue;
    if (out.length === k && !(v > floor)) continue; // ties keep the earlier (lower) index
    let at = out.length;
    while (at > 0 && scores[out[at - 1]!]! < v) at--;
    out.splice(at, 0, i);
    if (out.length > k) out.pop();
    if (out.length === k) floor = scores[out[k - 1]!]!;
  }
  return out;
}
