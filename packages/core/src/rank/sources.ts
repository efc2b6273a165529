import type { SparseRows } from '../baselines/sparse.ts';
import type { HistoryEntry } from '../scoring.ts';

/** A score per item and, per item, the history item that contributed most (-1: none). */
export interface AttributedScores {
  scores: Float32Array;
  because: Int32Array;
}

/** Options of `covisitScores`. */
export interface CovisitOptions {
  /** Weight of the k-th most recent history item is `recency^k` (default 0.7). */
  recency?: number;
  /** Only the latest this many history items count (default 20). */
  maxHistory?: number;
}

/**
 * Co-visitation source: sums the neighbour rows (e.g. the artifact's co-visitation lists, or a
 * `cosineCooccurrence` matrix) of the recent history items, the latest weighted most, and
 * remembers which history item gave each candidate its largest share — the "X" of
 * "because you viewed X".
 */
export function covisitScores(
  neighbours: SparseRows,
  history: readonly HistoryEntry[],
  options: CovisitOptions = {},
): AttributedScores {
  const scores = new Float32Array(neighbours.size);
  const because = new Int32Array(neighbours.size).fill(-1);
  const best = new Float32Array(neighbours.size);
  const recency = options.recency ?? 0.7;
  const recent = history.slice(-(options.maxHistory ?? 20));
  let w = 1;
  for (let k = recent.length - 1; k >= 0; k--) {
    const from = recent[k]!.item;
    if (from >= 0 && from < neighbours.size) {
      for (let e = neighbours.offsets[from]!; e < neighbours.offsets[from + 1]!; e++) {
        const to = neighbours.cols[e]!;
        const c = w * neighbours.vals[e]!;
        scores[to]! += c;
        if (c > best[to]!) {
          best[to] = c;
          because[to] = from;
        }
      }
    }
    w *= recency;
  }
  return { scores, because };
}

/**
 * Recency source for "recently viewed": each item scores the 1-based position of its latest
 * interaction, so the newest scores highest; items never seen score 0.
 */
export function recencyScores(itemCount: number, history: readonly HistoryEntry[]): Float32Array {
  const scores = new Float32Array(itemCount);
  history.forEach((e, k) => {
    if (e.item >= 0 && e.item < itemCount) scores[e.item] = k + 1;
  });
  return scores;
}
