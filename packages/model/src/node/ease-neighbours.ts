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
  /** Neighbours kept per item (default 20, as co-visitation). */
  k?: number;
}

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
  const k = o.k ?? 20;
  const rows = Array.from({ length: itemCount }, () => new Map<number, number>());
  for (let r = 0; r < n; r++) {
    const top: [number, number][] = [];
    for (let c = 0; c < n; c++) {
      const v = b[r * n + c]!;
      if (v <= 0 || (top.length === k && v <= top[k - 1]![1])) continue;
      top.push([c, v]);
      top.sort((x, y) => y[1] - x[1]);
      if (top.length > k) top.pop();
    }
    for (const [c, v] of top) rows[kept[r]!]!.set(kept[c]!, v);
  }
  return topKNeighbours(rows, k);
}
