import type { ItemSimilarity } from './similarity.ts';

/**
 * Maximal marginal relevance: picks `k` of the candidates one at a time, each maximising
 * (1 - diversity) × relevance - diversity × (highest similarity to an item already picked).
 * Relevance is rescaled to [0, 1] over the candidates so `diversity` means the same for every
 * source mix. diversity 0 keeps the relevance order. Ties go to the earlier candidate.
 *
 * Lazily: a candidate's value only falls as items are picked, so its last value bounds it, and a
 * candidate whose bound cannot beat the best of the round is passed over without computing its
 * similarity to the newer picks. The picks are those of computing every similarity each round
 * (the stored highest similarity is a float32 of the same maximum either way).
 */
export function mmrSelect(
  candidates: readonly number[],
  relevance: Float32Array,
  k: number,
  diversity: number,
  similarity: ItemSimilarity,
): number[] {
  if (diversity <= 0 || candidates.length <= 1) return candidates.slice(0, k);
  const n = candidates.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of candidates) {
    lo = Math.min(lo, relevance[c]!);
    hi = Math.max(hi, relevance[c]!);
  }
  const lambda = 1 - Math.min(1, diversity);
  const rel = new Float64Array(n);
  const maxSim = new Float32Array(n);
  /** How many of the picks each candidate's `maxSim` has seen; -1: picked. */
  const seen = new Int32Array(n);
  /** Each candidate's value as of the picks it has seen: an upper bound of its value now. */
  const bound = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    rel[j] = hi > lo ? (relevance[candidates[j]!]! - lo) / (hi - lo) : 1;
    bound[j] = lambda * rel[j]!;
  }
  const picked: number[] = [];
  while (picked.length < Math.min(k, n)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let j = 0; j < n; j++) {
      // A later candidate needs a strictly higher value to win.
      if (seen[j] === -1 || !(bound[j]! > bestValue)) continue;
      let s = maxSim[j]!;
      for (let p = seen[j]!; p < picked.length; p++)
        s = Math.max(s, similarity(picked[p]!, candidates[j]!));
      maxSim[j] = s;
      seen[j] = picked.length;
      const value = lambda * rel[j]! - (1 - lambda) * maxSim[j]!;
      bound[j] = value;
      if (value > bestValue) {
        bestValue = value;
        best = j;
      }
    }
    seen[best] = -1;
    picked.push(candidates[best]!);
  }
  return picked;
}
