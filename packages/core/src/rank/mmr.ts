import type { ItemSimilarity } from './similarity.ts';

/**
 * Maximal marginal relevance: picks `k` of the candidates one at a time, each maximising
 * (1 - diversity) × relevance - diversity × (highest similarity to an item already picked).
 * Relevance is rescaled to [0, 1] over the candidates so `diversity` means the same for every
 * source mix. diversity 0 keeps the relevance order.
 */
export function mmrSelect(
  candidates: readonly number[],
  relevance: Float32Array,
  k: number,
  diversity: number,
  similarity: ItemSimilarity,
): number[] {
  if (diversity <= 0 || candidates.length <= 1) return candidates.slice(0, k);
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of candidates) {
    lo = Math.min(lo, relevance[c]!);
    hi = Math.max(hi, relevance[c]!);
  }
  const rel = (c: number) => (hi > lo ? (relevance[c]! - lo) / (hi - lo) : 1);
  const lambda = 1 - Math.min(1, diversity);
  const maxSim = new Float32Array(candidates.length);
  const taken = new Uint8Array(candidates.length);
  const picked: number[] = [];
  while (picked.length < Math.min(k, candidates.length)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let j = 0; j < candidates.length; j++) {
      if (taken[j] === 1) continue;
      const value = lambda * rel(candidates[j]!) - (1 - lambda) * maxSim[j]!;
      if (value > bestValue) {
        bestValue = value;
        best = j;
      }
    }
    taken[best] = 1;
    const chosen = candidates[best]!;
    picked.push(chosen);
    for (let j = 0; j < candidates.length; j++) {
      if (taken[j] === 1) continue;
      maxSim[j] = Math.max(maxSim[j]!, similarity(chosen, candidates[j]!));
    }
  }
  return picked;
}
