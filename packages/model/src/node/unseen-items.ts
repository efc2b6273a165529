import type { HistoryEntry } from '@insitu/core';
import { contentVectors, type ContentItem } from './content-vectors.ts';

/** How many seen neighbours in content space an unseen item's vector is averaged from. */
const NEIGHBOURS = 10;
/** Width of the content vectors used only to find those neighbours. */
const CONTENT_DIMS = 64;
/** Bound on unseen × candidates comparisons, so a mostly-new catalog stays a few seconds. */
const MAX_PAIRS = 5e7;

/**
 * Items the training logs never show keep the encoder's random initial vectors, which would make
 * "similar items" for a new product noise. Each such item gets the similarity-weighted mean of
 * the trained vectors of its nearest seen items in content space (title, categories, brand, tags),
 * or a zero vector when nothing in the catalog resembles it (zero scores tie, and ties keep the
 * catalog's order). Items without any catalog content are left as trained. Returns the count set.
 */
export function fillUnseenFromContent(
  table: Float32Array,
  dims: number,
  sequences: readonly (readonly HistoryEntry[])[],
  content: readonly ContentItem[],
  seed: number,
): number {
  const n = table.length / dims;
  if (content.length < n) return 0;
  const seen = new Uint8Array(n);
  for (const s of sequences) for (const e of s) if (e.item >= 0 && e.item < n) seen[e.item] = 1;
  const described = (i: number) => {
    const c = content[i]!;
    return Boolean(c.title || c.description || c.brand || c.categories?.length || c.tags?.length);
  };
  const unseen: number[] = [];
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!described(i)) continue;
    (seen[i] ? candidates : unseen).push(i);
  }
  if (unseen.length === 0) return 0;
  const stride = Math.max(1, Math.ceil((unseen.length * candidates.length) / MAX_PAIRS));
  const pool = candidates.filter((_, k) => k % stride === 0);
  const cv = contentVectors(content.slice(0, n), CONTENT_DIMS, seed);
  const cos = (a: number, b: number) => {
    let s = 0;
    for (let j = 0; j < CONTENT_DIMS; j++)
      s += cv[a * CONTENT_DIMS + j]! * cv[b * CONTENT_DIMS + j]!;
    return s;
  };
  for (const u of unseen) {
    const best = pool
      .map((s) => [s, cos(u, s)] as const)
      .filter(([, sim]) => sim > 0)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, NEIGHBOURS);
    const row = table.subarray(u * dims, (u + 1) * dims);
    row.fill(0);
    const total = best.reduce((sum, [, sim]) => sum + sim, 0);
    for (const [s, sim] of best) {
      for (let j = 0; j < dims; j++) row[j]! += (sim / total) * table[s * dims + j]!;
    }
  }
  return unseen.length;
}
