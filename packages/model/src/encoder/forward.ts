import type { HistoryEntry } from '@insitu/core';
import { kindIndex } from './spec.ts';
import type { EncoderWeights } from './spec.ts';

/** Reads row `row` of the item table (index + 1; row 0 is padding) into `out`. */
export type ItemRowReader = (row: number, out: Float32Array) => void;

function layerNorm(x: Float32Array, g: Float32Array, b: Float32Array): Float32Array {
  const d = x.length;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += x[i]!;
  mean /= d;
  let variance = 0;
  for (let i = 0; i < d; i++) variance += (x[i]! - mean) ** 2;
  const inv = 1 / Math.sqrt(variance / d + 1e-6);
  const out = new Float32Array(d);
  for (let i = 0; i < d; i++) out[i] = (x[i]! - mean) * inv * g[i]! + b[i]!;
  return out;
}

/** `x · W` (+ bias) for a row-major din × dout `W`. */
function dense(x: ArrayLike<number>, w: Float32Array, bias?: Float32Array): Float32Array {
  const din = x.length;
  const dout = w.length / din;
  const out = new Float64Array(dout);
  if (bias !== undefined) out.set(bias);
  for (let i = 0; i < din; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const base = i * dout;
    for (let j = 0; j < dout; j++) out[j]! += xi * w[base + j]!;
  }
  return Float32Array.from(out);
}

/** `W · y` for a row-major din × dout `W`: one value per input row. */
function denseT(w: Float32Array, y: Float32Array): Float64Array {
  const dout = y.length;
  const out = new Float64Array(w.length / dout);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    const base = i * dout;
    for (let j = 0; j < dout; j++) s += w[base + j]! * y[j]!;
    out[i] = s;
  }
  return out;
}

/**
 * The shopper's vector: the encoder's output at the most recent position, in plain JS (the
 * attention runs over at most `maxLen` items, so tfjs would only add dispatch overhead). It is
 * the last row of the training graph's output. Only that row is needed, so the attention is
 * regrouped: the last query against every key, `q · (a_i Wk) = a_i · (Wk q)`, and the values as
 * `Σ p_i (a_i Wv) = (Σ p_i a_i) Wv`, three d × d products in all instead of two per position.
 * Returns null for an empty history.
 */
export function encodeHistory(
  history: readonly HistoryEntry[],
  w: EncoderWeights,
  dims: number,
  maxLen: number,
  itemRow: ItemRowReader,
): Float32Array | null {
  const recent = history.slice(-maxLen);
  const n = recent.length;
  if (n === 0) return null;
  const get = (name: string) => w[name]!;
  const pos = get('pos');
  const kind = get('kind');
  const [g1, b1] = [get('ln1_g'), get('ln1_b')];
  const as: Float32Array[] = [];
  const row = new Float32Array(dims);
  const x = new Float32Array(dims);
  for (let i = 0; i < n; i++) {
    const e = recent[i]!;
    itemRow(e.item + 1, row);
    const p = (n - 1 - i) * dims;
    const k = kindIndex(e.kind) * dims;
    for (let j = 0; j < dims; j++) x[j] = row[j]! + kind[k + j]! + pos[p + j]!;
    as.push(layerNorm(x, g1, b1));
  }
  // x holds the latest position's input: the residual stream the block adds to.
  const q = dense(as[n - 1]!, get('wq'));
  const r = denseT(get('wk'), q);
  const scores = new Float64Array(n);
  let max = -Infinity;
  const scale = 1 / Math.sqrt(dims);
  for (let i = 0; i < n; i++) {
    const a = as[i]!;
    let s = 0;
    for (let j = 0; j < dims; j++) s += a[j]! * r[j]!;
    scores[i] = s * scale;
    max = Math.max(max, scores[i]!);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += scores[i] = Math.exp(scores[i]! - max);
  const mixed = new Float64Array(dims);
  for (let i = 0; i < n; i++) {
    const a = as[i]!;
    const p = scores[i]! / sum;
    for (let j = 0; j < dims; j++) mixed[j]! += p * a[j]!;
  }
  const v = dense(mixed, get('wv'));
  const h = new Float32Array(dims);
  for (let j = 0; j < dims; j++) h[j] = x[j]! + v[j]!;
  const b = layerNorm(h, get('ln2_g'), get('ln2_b'));
  const hidden = dense(b, get('w1'), get('b1'));
  for (let j = 0; j < dims; j++) hidden[j] = Math.max(0, hidden[j]!);
  const f = dense(hidden, get('w2'), get('b2'));
  for (let j = 0; j < dims; j++) h[j]! += f[j]!;
  return layerNorm(h, get('lnf_g'), get('lnf_b'));
}
