import { seededRandom, type HistoryEntry } from '@insitu/core';
import { describe, expect, it } from 'vitest';
import { encodeHistory } from './forward.ts';
import { KINDS, kindIndex, weightShapes, type EncoderWeights } from './spec.ts';

// The block written out plainly, position by position: a key and a value per position, the
// last position's query against every key, then the feed-forward and the final norm.
function reference(history: HistoryEntry[], w: EncoderWeights, d: number, maxLen: number) {
  const recent = history.slice(-maxLen);
  const n = recent.length;
  const norm = (x: number[], g: Float32Array, b: Float32Array) => {
    const mean = x.reduce((a, v) => a + v, 0) / d;
    const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / d;
    return x.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-6)) * g[i]! + b[i]!);
  };
  const mul = (x: number[], m: Float32Array) =>
    Array.from({ length: d }, (_, j) => x.reduce((a, v, i) => a + v * m[i * d + j]!, 0));
  const xs = recent.map((e, i) =>
    Array.from(
      { length: d },
      (_, j) =>
        w['item']![(e.item + 1) * d + j]! +
        w['kind']![kindIndex(e.kind) * d + j]! +
        w['pos']![(n - 1 - i) * d + j]!,
    ),
  );
  const as = xs.map((x) => norm(x, w['ln1_g']!, w['ln1_b']!));
  const q = mul(as[n - 1]!, w['wq']!);
  const ks = as.map((a) => mul(a, w['wk']!));
  const vs = as.map((a) => mul(a, w['wv']!));
  const s = ks.map((k) => k.reduce((a, v, j) => a + v * q[j]!, 0) / Math.sqrt(d));
  const max = Math.max(...s);
  const e = s.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, v) => a + v, 0);
  const h = xs[n - 1]!.map((v, j) => v + vs.reduce((a, vv, i) => a + (e[i]! / sum) * vv[j]!, 0));
  const b = norm(h, w['ln2_g']!, w['ln2_b']!);
  const hidden = mul(b, w['w1']!).map((v, j) => Math.max(0, v + w['b1']![j]!));
  const f = mul(hidden, w['w2']!).map((v, j) => v + w['b2']![j]!);
  return norm(
    h.map((v, j) => v + f[j]!),
    w['lnf_g']!,
    w['lnf_b']!,
  );
}

describe('encodeHistory', () => {
  it('is the block computed position by position, for every history length up to the window', () => {
    const rnd = seededRandom(5);
    for (const [d, maxLen] of [
      [8, 16],
      [32, 64],
    ] as const) {
      const items = 50;
      const w: EncoderWeights = {};
      for (const [name, shape] of weightShapes({ dims: d, maxLen, itemCount: items })) {
        const size = shape.reduce((a, b) => a * b, 1);
        w[name] = Float32Array.from({ length: size }, () => (rnd() * 2 - 1) * 0.5);
      }
      for (const n of [1, 2, 7, maxLen, maxLen + 5]) {
        const history = Array.from({ length: n }, (_, k) => ({
          item: Math.floor(rnd() * items),
          ts: k,
          kind: KINDS[Math.floor(rnd() * KINDS.length)]!,
        }));
        const got = encodeHistory(history, w, d, maxLen, (row, out) =>
          out.set(w['item']!.subarray(row * d, (row + 1) * d)),
        )!;
        const want = reference(history, w, d, maxLen);
        for (let j = 0; j < d; j++) expect(got[j]).toBeCloseTo(want[j]!, 4);
      }
    }
    expect(encodeHistory([], {}, 8, 16, () => {})).toBeNull();
  });
});
