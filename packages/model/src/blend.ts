import type { HistoryEntry } from '@insitu/core';
import { addNeighbours } from './neighbours.ts';
import type { NeighbourTable } from './neighbours.ts';
import type { ScoreEngine } from './score-engine.ts';

/** How the scorer mixes its signals; chosen at build time on a validation holdout. */
export interface BlendWeights {
  /** Weight of the sequence encoder (or content vectors): `exp((dot - max) / temperature)`. */
  model: number;
  temperature: number;
  /** Weight of co-visitation neighbours, summed over history and scaled to a maximum of 1. */
  covis: number;
  /** The k-th most recent history item counts `recency^k` in the co-visitation sum. */
  recency: number;
  /** Weight of time-decayed popularity (scaled to a maximum of 1). */
  popularity: number;
  /**
   * Weight of content neighbours (catalog-text similarity), summed over history like `covis`
   * with the same recency; absent (0) when the build had no catalog text or it did not help.
   */
  content?: number;
  /**
   * Weight of sequential co-visitation ("Y after X") when the neighbour table is EASE's: a
   * second table summed with its own `sequenceRecency`, as what came right before matters for the
   * next item while EASE's taste reads the whole history; absent (0) when it did not help.
   */
  sequence?: number;
  sequenceRecency?: number;
}

/**
 * Recent items' neighbours (co-visitation, EASE or content neighbours) summed into `out`, the
 * k-th most recent weighted `recency^k`.
 */
export function covisSums(
  table: NeighbourTable,
  history: readonly HistoryEntry[],
  recency: number,
  out = new Float32Array(table.itemCount),
  touched?: TouchedRows,
): Float32Array {
  let w = 1;
  for (let k = history.length - 1; k >= 0 && w > 1e-4; k--) {
    addNeighbours(table, history[k]!.item, w, out);
    touched?.add(table, history[k]!.item);
    w *= recency;
  }
  return out;
}

/**
 * The rows neighbour sums have reached (each listed once): `covisSums` given one adds the
 * neighbours of every item it sums, so its sums are 0 at every other row, and `blendScores` needs
 * to read them only there.
 */
export class TouchedRows {
  readonly rows: Int32Array;
  count = 0;
  private readonly seen: Uint8Array;

  constructor(itemCount: number) {
    this.rows = new Int32Array(itemCount);
    this.seen = new Uint8Array(itemCount);
  }

  /** Lists the neighbours of item i not listed yet. */
  add(t: NeighbourTable, i: number): void {
    for (let e = t.offsets[i]!; e < t.offsets[i + 1]!; e++) {
      const j = t.cols[e]!;
      if (this.seen[j] === 0) {
        this.seen[j] = 1;
        this.rows[this.count++] = j;
      }
    }
  }

  clear(): TouchedRows {
    for (let k = 0; k < this.count; k++) this.seen[this.rows[k]!] = 0;
    this.count = 0;
    return this;
  }
}

/**
 * The largest value (NaN if any is NaN; -Infinity when empty). Comparisons rather than Math.max,
 * which is slower here; of 0 and -0 it keeps the first, which no caller can tell apart.
 */
function maxOf(values: Float32Array, from = -Infinity): number {
  let max = from;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x > max) max = x;
    else if (x !== x) return NaN;
  }
  return max;
}

/** `maxOf(values, 0)` of sums that are 0 outside the touched rows. */
function touchedMax(values: Float32Array, touched: TouchedRows | undefined): number {
  if (touched === undefined) return maxOf(values, 0);
  let max = 0;
  for (let k = 0; k < touched.count; k++) {
    const x = values[touched.rows[k]!]!;
    if (x > max) max = x;
    else if (x !== x) return NaN;
  }
  return max;
}

/** One item's soft-scaled model score, in (0, 1]. */
const soft = (dot: number, max: number, temperature: number) => Math.exp((dot - max) / temperature);

/** Neighbour signal of a history: `covisSums` scaled so the best item has 1. */
export function covisScores(
  table: NeighbourTable,
  history: readonly HistoryEntry[],
  recency: number,
  out = new Float32Array(table.itemCount),
): Float32Array {
  covisSums(table, history, recency, out);
  const max = maxOf(out, 0);
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / max;
  return out;
}

/** Turns raw dot products into (0, 1] relative likelihoods, in place. */
export function softScale(dots: Float32Array, temperature: number): Float32Array {
  const max = maxOf(dots);
  for (let i = 0; i < dots.length; i++) dots[i] = soft(dots[i]!, max, temperature);
  return dots;
}

/** `softScale` of the engine's dot products, by the engine itself where it can (`softDot`). */
export async function softDots(
  engine: ScoreEngine,
  user: Float32Array,
  temperature: number,
): Promise<Float32Array> {
  if (engine.softDot !== undefined) return engine.softDot(user, temperature);
  return softScale(await engine.dot(user), temperature);
}

/** The signals of one history, each scaled to [0, 1]. `model` is null for an empty history. */
export interface Components {
  model: Float32Array | null;
  covis: Float32Array;
  popularity: Float32Array;
  /** Content-neighbour signal, or null when the blend does not use it. */
  content: Float32Array | null;
  /** Sequential co-visitation beside EASE, or null when the blend does not use it. */
  sequence: Float32Array | null;
}

/**
 * The final score (what ranking sorts by) from the signals in one pass: the weighted sum of the
 * model's `softScale`d dot products (`softDots`; null: none), `covisScores` of the co-visitation,
 * content and sequence sums (`covisSums`; content or sequence null: not used) and popularity,
 * each rounded to float32 where those functions store it and summed in the order of the
 * components, so the floats are theirs.
 */
export function blendScores(
  model: Float32Array | null,
  covis: Float32Array,
  popularity: Float32Array,
  w: BlendWeights,
  content: Float32Array | null = null,
  sequence: Float32Array | null = null,
  out = new Float32Array(popularity.length),
  touched?: TouchedRows,
): Float32Array {
  const [wc, wp] = [w.covis, w.popularity];
  const wm = model === null ? 0 : w.model;
  const wt = content === null ? 0 : (w.content ?? 0);
  const ws = sequence === null ? 0 : (w.sequence ?? 0);
  const cmax = touchedMax(covis, touched);
  const tmax = wt === 0 ? 0 : touchedMax(content!, touched);
  const smax = ws === 0 ? 0 : touchedMax(sequence!, touched);
  const at = (i: number): number => {
    const x = covis[i]!;
    // Most items have no neighbour sum: 0 scales to 0 and adds nothing, so no division for them.
    const c = x === 0 ? 0 : cmax > 0 ? Math.fround(x / cmax) : x;
    let v = Math.fround(wc * c + wp * popularity[i]!);
    if (wm !== 0) v = Math.fround(v + wm * model![i]!);
    if (wt !== 0 && content![i] !== 0) {
      v += wt * (tmax > 0 ? Math.fround(content![i]! / tmax) : content![i]!);
    }
    if (ws !== 0 && sequence![i] !== 0) {
      v += ws * (smax > 0 ? Math.fround(sequence![i]! / smax) : sequence![i]!);
    }
    return v;
  };
  if (touched === undefined) {
    for (let i = 0; i < out.length; i++) out[i] = at(i);
    return out;
  }
  // `at` of an item with no neighbour sums: the same floats without reading the sums.
  const c0 = wc * 0;
  for (let i = 0; i < out.length; i++) {
    const v = Math.fround(c0 + wp * popularity[i]!);
    out[i] = wm !== 0 ? Math.fround(v + wm * model![i]!) : v;
  }
  for (let k = 0; k < touched.count; k++) out[touched.rows[k]!] = at(touched.rows[k]!);
  return out;
}
