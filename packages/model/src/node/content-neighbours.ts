import { topKNeighbours } from '../neighbours.ts';
import type { NeighbourTable } from '../neighbours.ts';
import { features } from './content-vectors.ts';
import type { ContentItem } from './content-vectors.ts';

/**
 * Content neighbours kept per item: on online-retail's validation split 10 scored as well as 20
 * (HR@10 0.054 vs 0.052 blended with popularity) at half the bytes.
 */
export const CONTENT_NEIGHBOURS = 10;

/** Features shared by more items than this are skipped: they cost df² pairs and say little. */
const MAX_DF = 500;
/** Only an item's heaviest features find its neighbours (long descriptions stay linear). */
const MAX_FEATURES = 32;

/**
 * Item–item content similarity: cosine of TF-IDF feature vectors (title and description terms,
 * category prefixes, brand, tags; `features`), the `k` most similar items per item. Items that
 * share a rare term ("RETROSPOT", a design line) are neighbours even when no log links them.
 * Sparse: only pairs sharing a feature are scored. Null when no two items share a feature.
 */
export function buildContentNeighbours(
  items: readonly ContentItem[],
  itemCount: number,
  k = CONTENT_NEIGHBOURS,
): NeighbourTable | null {
  const feats = Array.from({ length: itemCount }, (_, i) => features(items[i] ?? {}));
  const df = new Map<string, number>();
  for (const f of feats) for (const key of f.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  if (df.size === 0) return null;
  // Each feature becomes a column id; postings list the items with it and their weight.
  const column = new Map<string, number>();
  const postings: { item: number; w: number }[][] = [];
  const rows = feats.map((f, item) => {
    const row: [number, number][] = [];
    let norm = 0;
    for (const [key, tf] of f) {
      const w = tf * Math.log(1 + itemCount / df.get(key)!);
      norm += w * w;
      if (df.get(key)! > MAX_DF) continue;
      let c = column.get(key);
      if (c === undefined) {
        c = postings.length;
        column.set(key, c);
        postings.push([]);
      }
      row.push([c, w]);
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    if (row.length > MAX_FEATURES) {
      row.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      row.length = MAX_FEATURES;
    }
    for (const e of row) {
      e[1] *= inv;
      postings[e[0]]!.push({ item, w: e[1] });
    }
    return row;
  });
  // One dense accumulator, reused: each row keeps only its k best (ties: lower index first).
  const acc = new Float32Array(itemCount);
  const touched: number[] = [];
  const similar = rows.map((row, i) => {
    for (const [c, w] of row) {
      for (const p of postings[c]!) {
        if (p.item === i) continue;
        if (acc[p.item] === 0) touched.push(p.item);
        acc[p.item]! += w * p.w;
      }
    }
    const best = touched
      .map((j): [number, number] => [j, acc[j]!])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k);
    for (const j of touched) acc[j] = 0;
    touched.length = 0;
    return new Map(best);
  });
  const table = topKNeighbours(similar, k);
  return table.cols.length > 0 ? table : null;
}
