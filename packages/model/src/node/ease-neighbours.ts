import type { HistoryEntry } from '@insitu/core';
import { easeWeights } from '@insitu/core';
import { topKNeighbours } from '../neighbours.ts';
import type { NeighbourTable } from '../neighbours.ts';
import { tfMultiply } from './tf-multiply.ts';

/** Knobs of the EASE neighbour table. */
export interface EaseNeighbourOptions {
  lambda: number;
  /**
   * Most frequent items the dense solve covers (default: every item the logs show); items beyond
   * keep no EASE neighbours and are not recommended by this signal.
   */
  maxItems?: number;
  /** Neighbours kept per item (default EASE_NEIGHBOURS). */
  k?: number;
}

/**
 * EASE neighbours kept per item before the artifact budget trims them. A long history sums many
 * rows, and their small weights add up: on the long-history proxy (median 67 items, 1682 items)
 * the table scored HR@10 0.178 with 20 per item, 0.192 with 50 and 0.200 with 100, dense EASE's
 * own 0.201 (validation, λ 500).
 */
export const EASE_NEIGHBOURS = 100;

/**
 * EASE (Steck, WWW 2019) as a neighbour table in the co-visitation format: the k largest positive
 * weights B[i, j] of each item's row, over the shop's most frequent items. The device then scores
 * `Σ recency^age · B[h, :]` through the same sparse path as co-visitation, so the artifact keeps
 * its size and the scorer its code.
 */
export async function buildEaseNeighbours(
  sequences: readonly (readonly HistoryEntry[])[],
  itemCount: number,
  o: EaseNeighbourOptions,
): Promise<NeighbourTable> {
  const counts = new Float64Array(itemCount);
  for (const s of sequences) for (const e of new Set(s.map((x) => x.item))) counts[e]! += 1;
  const kept = Array.from({ length: itemCount }, (_, i) => i)
    .filter((i) => counts[i]! > 0)
    .sort((a, b) => counts[b]! - counts[a]! || a - b)
    .slice(0, o.maxItems ?? itemCount);
  const n = kept.length;
  const local = new Int32Array(itemCount).fill(-1);
  kept.forEach((item, r) => (local[item] = r));
  const gram = new Float32Array(n * n);
  for (const s of sequences) {
    const rows = [...new Set(s.map((x) => local[x.item]!))].filter((r) => r >= 0);
    for (const a of rows) for (const b of rows) gram[a * n + b]! += 1;
  }
  const b = await easeWeights(gram, n, o.lambda, tfMultiply);
  const k = o.k ?? EASE_NEIGHBOURS;
  const rows = Array.from({ length: itemCount }, () => new Map<number, number>());
  for (let r = 0; r < n; r++) {
    const positive: [number, number][] = [];
    for (let c = 0; c < n; c++) if (b[r * n + c]! > 0) positive.push([c, b[r * n + c]!]);
    // Stable: equal weights keep the lower column first.
    positive.sort((x, y) => y[1] - x[1]);
    for (const [c, v] of positive.slice(0, k)) rows[kept[r]!]!.set(kept[c]!, v);
  }
  return topKNeighbours(rows, k);
}
