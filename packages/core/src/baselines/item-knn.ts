import type { Scorer } from '../scoring.ts';
import type { TrainingData } from '../eval/training-data.ts';
import { itemCounts, popularityBackoff } from './popularity.ts';
import { addRow, sparseFromTriples } from './sparse.ts';
import type { SparseRows } from './sparse.ts';

/** Options of the item-kNN baseline. */
export interface ItemKnnOptions {
  /** Weight of the k-th most recent history item is `recency^k` (default 0.7). */
  recency?: number;
  /** Popularity added as a tie-breaker, at most this much (default 1e-4, below any real similarity sum). */
  backoff?: number;
  /**
   * Added to the cosine's denominator (default 20): pairs seen together once among rare items
   * otherwise look as similar as well-supported pairs, which drowns the signal on sparse logs.
   */
  shrink?: number;
  /** Exponent of the row item's count in the denominator; 0.5 is the symmetric cosine (default). */
  alpha?: number;
}

/**
 * Cosine similarity between items from co-occurrence in the training sequences, shrunk towards 0
 * for little-supported pairs: sim(i, j) = users with both / (n_i^alpha × n_j^(1-alpha) + shrink),
 * i ≠ j, where n_i counts the users with i (alpha 0.5, shrink 0: the plain cosine).
 */
export function cosineCooccurrence(data: TrainingData, shrink = 0, alpha = 0.5): SparseRows {
  const rows: number[] = [];
  const cols: number[] = [];
  for (const sequence of data.sequences) {
    const items = [...new Set(sequence.map((e) => e.item))];
    for (const i of items) {
      for (const j of items) {
        if (i === j) continue;
        rows.push(i);
        cols.push(j);
      }
    }
  }
  const m = sparseFromTriples(data.itemCount, rows, cols);
  const users = new Float32Array(data.itemCount);
  for (const sequence of data.sequences)
    for (const i of new Set(sequence.map((e) => e.item))) users[i]! += 1;
  for (let i = 0; i < m.size; i++) {
    for (let e = m.offsets[i]!; e < m.offsets[i + 1]!; e++) {
      m.vals[e] = m.vals[e]! / (users[i]! ** alpha * users[m.cols[e]!]! ** (1 - alpha) + shrink);
    }
  }
  return m;
}

/**
 * Baseline item-kNN: sums the cosine neighbours of every history item, the recent ones weighted
 * more (`recency^age`, age 0 = the last item).
 */
export function fitItemKnn(data: TrainingData, options: ItemKnnOptions = {}): Promise<Scorer> {
  const recency = options.recency ?? 0.7;
  const sim = cosineCooccurrence(data, options.shrink ?? 20, options.alpha ?? 0.5);
  const backoff = popularityBackoff(itemCounts(data), options.backoff ?? 1e-4);
  return Promise.resolve({
    name: 'itemknn',
    score: (history, out) => {
      out.set(backoff);
      let w = 1;
      for (let k = history.length - 1; k >= 0; k--) {
        addRow(sim, history[k]!.item, w, out);
        w *= recency;
      }
    },
  });
}
