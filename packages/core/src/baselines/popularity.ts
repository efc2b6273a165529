import type { Scorer } from '../scoring.ts';
import type { TrainingData } from '../eval/training-data.ts';

/** How often each item occurs in the training sequences. */
export function itemCounts(data: TrainingData): Float32Array {
  const counts = new Float32Array(data.itemCount);
  for (const sequence of data.sequences) for (const e of sequence) counts[e.item]! += 1;
  return counts;
}

/** Baseline: every shopper gets the items most often interacted with in training. */
export function fitPopularity(data: TrainingData): Promise<Scorer> {
  const counts = itemCounts(data);
  return Promise.resolve({
    name: 'popularity',
    score: (_history, out) => {
      out.set(counts);
    },
  });
}

/**
 * Adds popularity scaled into [0, epsilon] to `out`: a tie-breaker so items a sparse baseline
 * cannot tell apart (most score 0) are ordered by popularity rather than left tied.
 */
export function popularityBackoff(counts: Float32Array, epsilon: number): Float32Array {
  let max = 0;
  for (const c of counts) max = Math.max(max, c);
  const scaled = new Float32Array(counts.length);
  if (max > 0) for (let i = 0; i < counts.length; i++) scaled[i] = (epsilon * counts[i]!) / max;
  return scaled;
}
