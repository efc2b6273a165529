import { DEFAULT_WEIGHTS } from './types.ts';
import type { ScoreSource } from './types.ts';

/** The blended score of every item and, per item, the source that contributed most (-1: none). */
export interface Blend {
  scores: Float32Array;
  top: Int8Array;
  /** Scratch for each item's largest share, reused across calls when given. */
  best?: Float32Array;
}

/** Range of a source over the eligible items with finite scores ([Infinity, -Infinity]: none). */
export function rangeOf(v: Float32Array, eligible: Uint8Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < eligible.length; i++) {
    const x = v[i]!;
    if (eligible[i] !== 1 || !Number.isFinite(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}

/**
 * An item's share of a source: its score min-max normalised over the eligible items, times the
 * weight; exactly 0 at the minimum (no division) and for a score that is not finite.
 */
export function share(x: number, min: number, span: number, weight: number): number {
  return x === min || !Number.isFinite(x) ? 0 : (weight * (x - min)) / span;
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
  for (let k = 0; k < sources.length; k++) {
    const source = sources[k]!;
    const weight = source.weight ?? DEFAULT_WEIGHTS[source.kind];
    if (!(weight > 0)) continue;
    const v = source.scores;
    const [min, max] = rangeOf(v, eligible);
    // A flat source says nothing about these items; it must not outweigh the others.
    if (!(max > min)) continue;
    const span = max - min;
    if (!written) {
      written = true;
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if (eligible[i] !== 1 || !Number.isFinite(x)) {
          scores[i] = eligible[i] === 1 ? 0 : -Infinity;
          top[i] = -1;
          continue;
        }
        const c = share(x, min, span, weight);
        scores[i] = c;
        top[i] = c > 0 ? k : -1;
      }
      continue;
    }
    if (best === undefined) {
      // The first source's shares are its scores (never negative).
      best = out?.best?.length === n ? out.best : new Float32Array(n);
      for (let i = 0; i < n; i++) best[i] = scores[i]! > 0 ? scores[i]! : 0;
    }
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      // At the minimum an item's share is 0, which changes neither its sum nor its top source.
      if (x === min || eligible[i] !== 1 || !Number.isFinite(x)) continue;
      const c = share(x, min, span, weight);
      scores[i]! += c;
      if (c > best[i]!) {
        best[i] = c;
        top[i] = k;
      }
    }
  }
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
  if (k <= 0) return [];
  // best[0..size) holds indices sorted best first; `floor` is the score an item must beat to
  // enter: -Infinity (so ineligible items never do) until it is full, then its last score.
  const best = new Int32Array(k);
  let size = 0;
  let floor = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (!(v > floor)) continue; // ties keep the earlier (lower) index
    let at = size < k ? size++ : k - 1;
    for (; at > 0 && scores[best[at - 1]!]! < v; at--) best[at] = best[at - 1]!;
    best[at] = i;
    if (size === k) floor = scores[best[k - 1]!]!;
  }
  return Array.from(best.subarray(0, size));
}
