import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mmrSelect } from './mmr.ts';
import type { ItemSimilarity } from './similarity.ts';

/** MMR as defined: every remaining candidate's similarity to each new pick, every round. */
function eager(
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

describe('mmrSelect', () => {
  it('picks what computing every similarity every round picks, ties and NaN included', () => {
    const ITEMS = 80;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(ITEMS - 1), { maxLength: 60 }),
        fc.array(fc.oneof(fc.constantFrom(0, 0.5, 1, 2), fc.float({ noDefaultInfinity: true })), {
          minLength: ITEMS,
          maxLength: ITEMS,
        }),
        fc.array(fc.oneof(fc.constantFrom(0, 0.25, 1), fc.double({ min: 0, max: 1 })), {
          minLength: ITEMS,
          maxLength: ITEMS,
        }),
        fc.integer({ min: 1, max: 15 }),
        fc.oneof(fc.constantFrom(0, 0.3, 1), fc.double({ min: 0, max: 1, noNaN: true })),
        (candidates, scores, vectors, k, diversity) => {
          const relevance = Float32Array.from(scores);
          // Symmetric, from one number per item; sometimes NaN, as NaN embeddings would give.
          const similarity: ItemSimilarity = (a, b) =>
            a === 13 || b === 13 ? NaN : (vectors[a]! * vectors[b]!) ** 0.5;
          let calls = 0;
          const counted: ItemSimilarity = (a, b) => (calls++, similarity(a, b));
          expect(mmrSelect(candidates, relevance, k, diversity, counted)).toEqual(
            eager(candidates, relevance, k, diversity, similarity),
          );
          // Never more work than the eager rounds.
          const m = Math.min(k, candidates.length);
          expect(calls).toBeLessThanOrEqual((m * (2 * candidates.length - m - 1)) / 2);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
