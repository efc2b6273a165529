import type { HistoryEntry } from '@insitu/core';
import { topKNeighbours } from '../neighbours.ts';
import type { NeighbourTable } from '../neighbours.ts';

/** Knobs of the co-visitation rules. */
export interface CovisOptions {
  /** How many later items of a sequence each item links to (default 5). */
  window?: number;
  /** Weight of the d-th later item is `decay^(d-1)` (default 0.5). */
  decay?: number;
  /** Weight of the reverse direction (j before i), relative to forward (default 0.1). */
  backward?: number;
  /** Neighbours kept per item (default COVIS_NEIGHBOURS). */
  k?: number;
}

/** Co-visitation neighbours kept per item. */
export const COVIS_NEIGHBOURS = 20;

/**
 * Sequential co-visitation: item j scores for item i when j follows i closely in someone's
 * history, discounted by distance, normalised by popularity (`/ (n_i^0.5 · n_j^0.25)`) so that
 * very popular items do not win every list. Directional, so "viewed X, then Y" drives the
 * bought-together list and the next-item signal.
 */
export function buildCovisitation(
  sequences: readonly (readonly HistoryEntry[])[],
  itemCount: number,
  o: CovisOptions = {},
): NeighbourTable {
  const window = o.window ?? 5;
  const decay = o.decay ?? 0.5;
  const backward = o.backward ?? 0.1;
  const rows = Array.from({ length: itemCount }, () => new Map<number, number>());
  const count = new Float64Array(itemCount);
  for (const s of sequences) {
    for (let p = 0; p < s.length; p++) {
      const a = s[p]!.item;
      count[a]! += 1;
      for (let q = p + 1; q < Math.min(s.length, p + 1 + window); q++) {
        const b = s[q]!.item;
        if (a === b) continue;
        const w = decay ** (q - p - 1);
        // Events with one timestamp (one basket, one order) have no order: link both ways fully.
        const back = s[q]!.ts === s[p]!.ts ? 1 : backward;
        rows[a]!.set(b, (rows[a]!.get(b) ?? 0) + w);
        rows[b]!.set(a, (rows[b]!.get(a) ?? 0) + back * w);
      }
    }
  }
  rows.forEach((row, i) => {
    const ci = Math.sqrt(count[i]! + 1);
    for (const [j, v] of row) row.set(j, v / (ci * (count[j]! + 1) ** 0.25));
  });
  return topKNeighbours(rows, o.k ?? COVIS_NEIGHBOURS);
}

/**
 * Popularity with exponential time decay towards the latest event, scaled to a maximum of 1.
 * `halfLife` is in the logs' time unit; null counts every event the same.
 */
export function decayedPopularity(
  sequences: readonly (readonly HistoryEntry[])[],
  itemCount: number,
  halfLife: number | null,
): Float32Array {
  let latest = -Infinity;
  for (const s of sequences) for (const e of s) latest = Math.max(latest, e.ts);
  const pop = new Float64Array(itemCount);
  for (const s of sequences) {
    for (const e of s) pop[e.item]! += halfLife === null ? 1 : 0.5 ** ((latest - e.ts) / halfLife);
  }
  let max = 0;
  for (const v of pop) max = Math.max(max, v);
  return Float32Array.from(pop, (v) => (max > 0 ? v / max : 0));
}

/** Time span of the logs (latest − earliest timestamp), 0 when empty. */
export function timeSpan(sequences: readonly (readonly HistoryEntry[])[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of sequences) {
    for (const e of s) {
      lo = Math.min(lo, e.ts);
      hi = Math.max(hi, e.ts);
    }
  }
  return hi > lo ? hi - lo : 0;
}
