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
 * Per source one pass for its range and one that writes (the first source's also marks the
 * ineligible items), into `out` when given: buffers reused across calls.
 */
export function blendSources(
  sources: readonly ScoreSource[],
  eligible: Uint8Array,
  out?: Blend,
): Blend {
  const n = eligible.length;
  const scores = out?.scores ?? new Float32Array(n);
  const top = out?.top ?? new Int8Array(n);
  /** Each item's largest share so far, once a second source adds to the first. */
  let best: Float32Array | undefined;
  let written = false;
  sources.forEach((source, k) => {
    const weight = source.weight ?? DEFAULT_WEIGHTS[source.kind];
    if (!(weight > 0)) return;
    const v = source.scores;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (eligible[i] !== 1 || !Number.isFinite(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    // A flat source says nothing about these items; it must not outweigh the others.
    if (!(max > min)) return;
    if (!written) {
      written = true;
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if (eligible[i] !== 1 || !Number.isFinite(x)) {
          scores[i] = eligible[i] === 1 ? 0 : -Infinity;
          top[i] = -1;
          continue;
        }
        const c = (weight * (x - min)) / (max - min);
        scores[i] = c;
        top[i] = c > 0 ? k : -1;
      }
      return;
    }
    if (best === undefined) {
      // The first source's shares are its scores (never negative).
      best = new Float32Array(n);
      for (let i = 0; i < n; i++) if (scores[i]! > 0) best[i] = scores[i]!;
    }
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (eligible[i] !== 1 || !Number.isFinite(x)) continue;
      const c = (weight * (x - min)) / (max - min);
      scores[i]! += c;
      if (c > best[i]!) {
        best[i] = c;
        top[i] = k;
      }
    }
  });
  if (!written) {
    for (let i = 0; i < n; i++) {
      scores[i] = eligible[i] === 1 ? 0 : -Infinity;
      top[i] = -1;
    }
  }
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
  // out is sorted best first; `floor` is the score an item must beat to enter: -Infinity (so
  // ineligible items never do) until out is full, then its last score.
  let floor = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (!(v > floor)) continue; // ties keep the earlier (lower) index
    let at = out.length;
    while (at > 0 && scores[out[at - 1]!]! < v) at--;
    out.splice(at, 0, i);
    if (out.length > k) out.pop();
    if (out.length === k) floor = scores[out[k - 1]!]!;
  }
  return out;
}
