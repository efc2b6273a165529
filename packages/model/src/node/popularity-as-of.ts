import type { HistoryEntry } from '@insitu/core';

/**
 * Popularity as it was at each case's time: events up to that moment, decayed towards it, scaled
 * to a maximum of 1. Tuning the half-life on these (rather than on popularity as of the end of
 * the logs) asks the question the device asks: what is popular right now?
 */
export function popularityAsOf(
  sequences: readonly (readonly HistoryEntry[])[],
  itemCount: number,
  halfLife: number | null,
  times: readonly number[],
): Float32Array[] {
  const events = sequences.flat().sort((a, b) => a.ts - b.ts);
  const order = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0]);
  const counts = new Float64Array(itemCount);
  const out: Float32Array[] = new Array<Float32Array>(times.length);
  let ref = order[0]?.[0] ?? 0;
  let next = 0;
  for (const [t, i] of order) {
    if (halfLife !== null && t > ref) {
      const f = 0.5 ** ((t - ref) / halfLife);
      for (let j = 0; j < itemCount; j++) counts[j] = counts[j]! * f;
    }
    ref = t;
    for (; next < events.length && events[next]!.ts <= t; next++) {
      const e = events[next]!;
      counts[e.item]! += halfLife === null ? 1 : 0.5 ** ((t - e.ts) / halfLife);
    }
    let max = 0;
    for (let j = 0; j < itemCount; j++) max = Math.max(max, counts[j]!);
    out[i] = Float32Array.from(counts, (v) => (max > 0 ? v / max : 0));
  }
  return out;
}
