import { rangeOf, share } from './blend.ts';
import { DEFAULT_WEIGHTS, type ScoreSource, type SourceOrder } from './types.ts';

/**
 * A source's items by score, best first, ties in catalog order, then the items without a finite
 * score in catalog order: what a fixed source (the artifact's popularity) keeps beside its scores,
 * computed once, so `rankItems` can walk it instead of scoring the whole catalog.
 */
export function sourceOrder(scores: Float32Array): SourceOrder {
  const finite: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < scores.length; i++) (Number.isFinite(scores[i]) ? finite : rest).push(i);
  finite.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return { scores, order: Int32Array.from([...finite, ...rest]), finite: finite.length };
}

/** What `rankItems` does to every blended score: the cold-start boost, then rotation. */
export interface Adjust {
  boost?: { mask: Uint8Array; by: number };
  rotation?: Float32Array;
}

/**
 * The `k` best items of a lone source (indices best first), as `blendSources`, `Adjust` and
 * `topK` give them; undefined where the shortcut does not apply, so the caller blends as usual.
 */
type LoneTopK = (
  source: ScoreSource,
  eligible: Uint8Array,
  k: number,
  out: { scores: Float32Array; top: Int8Array },
  adjust: Adjust,
) => number[] | undefined;

/** Items of one part of the order that pass `wanted`, read lazily, best first. */
interface Stream {
  at: number;
  end: number;
  /** Score of the head before rotation (an upper bound for the rest), -Infinity when done. */
  bound: number;
  wanted: (i: number) => boolean;
}

/**
 * What `blendSources`, the cold-start `boost` and `rotation` of `rankItems` followed by `topK(k)`
 * give for a lone source with its order, the same floats in the same order, without scoring the
 * whole catalog: walks the order best first and stops once no later item can enter (rotation only
 * lowers a score). Writes `scores` and `top` of the returned items only. Undefined where the walk
 * does not apply (the order is for other scores, or the source is flat or weightless): the caller
 * blends as usual.
 */
export const orderedTopK: LoneTopK = (source, eligible, k, out, { boost, rotation }) => {
  const v = source.scores;
  const weight = source.weight ?? DEFAULT_WEIGHTS[source.kind];
  const ranked = source.ranked;
  if (ranked === undefined || ranked.scores !== v || !(weight > 0)) return undefined;
  const { order, finite } = ranked;
  if (order.length !== eligible.length) return undefined;
  let first = 0;
  while (first < finite && eligible[order[first]!] !== 1) first++;
  let last = finite - 1;
  while (last >= first && eligible[order[last]!] !== 1) last--;
  if (first > last) {
    // No eligible item has a finite score: the source is flat, unless nothing is eligible.
    for (let i = finite; i < order.length; i++) if (eligible[order[i]!] === 1) return undefined;
    return [];
  }
  const [max, min] = [v[order[first]!]!, v[order[last]!]!];
  if (!(max > min)) return undefined;
  const span = max - min;
  // Each item's score as `rankItems` rounds it into its Float32Array, step by step.
  const unrotated = (i: number) => {
    const s = Math.fround(share(v[i]!, min, span, weight));
    return boost !== undefined && boost.mask[i] === 1 ? Math.fround(s + boost.by) : s;
  };
  const inBoost = (i: number) => boost === undefined || boost.mask[i] === 1;
  const outOfBoost = (i: number) => boost !== undefined && boost.mask[i] !== 1;
  const streams: Stream[] = [];
  for (const wanted of boost === undefined ? [inBoost] : [inBoost, outOfBoost]) {
    streams.push({ at: first, end: last + 1, bound: 0, wanted });
    streams.push({ at: finite, end: order.length, bound: 0, wanted });
  }
  const advance = (s: Stream) => {
    while (s.at < s.end && !(eligible[order[s.at]!] === 1 && s.wanted(order[s.at]!))) s.at++;
    s.bound = s.at < s.end ? unrotated(order[s.at]!) : -Infinity;
  };
  streams.forEach(advance);
  // best[0..size) sorted best first (equal scores: lower index first), as `topK` orders.
  const best: number[] = [];
  const score = new Map<number, number>();
  const worse = (a: number, b: number) =>
    score.get(a)! < score.get(b)! || (score.get(a) === score.get(b) && a > b);
  for (;;) {
    let s = streams[0]!;
    for (const t of streams) if (t.bound > s.bound) s = t;
    if (s.bound === -Infinity) break;
    // A later item scores at most its bound: once that is below the k-th score, none can enter.
    if (best.length === k && s.bound < score.get(best[k - 1]!)!) break;
    const i = order[s.at]!;
    const value = rotation === undefined ? s.bound : Math.fround(s.bound * rotation[i]!);
    score.set(i, value);
    s.at++;
    advance(s);
    // As in `topK`: a NaN never enters, however few items there are.
    if (!(value > -Infinity) || (best.length === k && !worse(best[k - 1]!, i))) continue;
    let at = best.length < k ? best.length : k - 1;
    best[at] = i;
    for (; at > 0 && worse(best[at - 1]!, i); at--) best[at] = best[at - 1]!;
    best[at] = i;
  }
  for (const i of best) {
    out.scores[i] = score.get(i)!;
    out.top[i] = share(v[i]!, min, span, weight) > 0 ? 0 : -1;
  }
  return best;
};

/**
 * The same for a lone source without an order: one pass for its range, one that scores each
 * eligible item as `blendSources`, the boost and rotation would (each step rounded to float32)
 * and keeps the best `k` as `topK` does, instead of a pass per step. Writes `scores` of the items
 * that entered and `top` of the returned ones. Undefined for a flat or weightless source.
 */
export const loneTopK: LoneTopK = (source, eligible, k, out, { boost, rotation }) => {
  const v = source.scores;
  const weight = source.weight ?? DEFAULT_WEIGHTS[source.kind];
  if (!(weight > 0) || k <= 0) return undefined;
  const [min, max] = rangeOf(v, eligible);
  if (!(max > min)) return undefined;
  const span = max - min;
  const { scores, top } = out;
  const best = new Int32Array(k);
  let size = 0;
  let floor = -Infinity;
  // Once the pool is full, an item with x - min below `cut` cannot score above its floor
  // (rotation only lowers a score; the margin covers float64 rounding): most of the catalog is
  // then skipped before the division. Not with a boost, which lifts some items further.
  let cut = -Infinity;
  for (let i = 0; i < eligible.length; i++) {
    if (eligible[i] !== 1 || v[i]! - min < cut) continue;
    let s = Math.fround(share(v[i]!, min, span, weight));
    if (boost !== undefined && boost.mask[i] === 1) s = Math.fround(s + boost.by);
    if (rotation !== undefined) s = Math.fround(s * rotation[i]!);
    if (!(s > floor)) continue; // ties keep the earlier (lower) index, NaN never enters
    scores[i] = s;
    let at = size < k ? size++ : k - 1;
    for (; at > 0 && scores[best[at - 1]!]! < s; at--) best[at] = best[at - 1]!;
    best[at] = i;
    if (size === k) {
      floor = scores[best[k - 1]!]!;
      if (boost === undefined && floor >= 0) cut = ((floor * span) / weight) * (1 - 1e-12);
    }
  }
  const pool = Array.from(best.subarray(0, size));
  for (const i of pool) top[i] = share(v[i]!, min, span, weight) > 0 ? 0 : -1;
  return pool;
};
