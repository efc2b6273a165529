// Bundled into one IIFE for the encoder bench page (test/bench/encoder-bench.ts): the SDK's own
// encoder forward pass (`encodeHistory`, what `InsituModel.userVector` runs in the worker).
import { seededRandom } from '@insitu/core';
import { encodeHistory } from '../../../packages/model/src/encoder/forward.ts';
import {
  KINDS,
  weightShapes,
  type EncoderWeights,
} from '../../../packages/model/src/encoder/spec.ts';

/** Median ms of one user vector for a random encoder of this shape and a full window of history. */
function userVectorMs(dims: number, maxLen: number, items: number): number {
  const rnd = seededRandom(dims * 1000 + maxLen);
  const weights: EncoderWeights = {};
  for (const [name, shape] of weightShapes({ dims, maxLen, itemCount: items })) {
    const size = shape.reduce((a, b) => a * b, 1);
    weights[name] = Float32Array.from({ length: size }, () => (rnd() * 2 - 1) * 0.1);
  }
  const table = weights['item']!;
  const history = Array.from({ length: maxLen }, (_, k) => ({
    item: 1 + Math.floor(rnd() * items),
    ts: k,
    kind: KINDS[k % KINDS.length]!,
  }));
  const run = () =>
    encodeHistory(history, weights, dims, maxLen, (row, out) =>
      out.set(table.subarray(row * dims, (row + 1) * dims)),
    );
  for (let i = 0; i < 50; i++) run();
  const ms: number[] = [];
  for (let k = 0; k < 15; k++) {
    const t = performance.now();
    for (let i = 0; i < 20; i++) run();
    ms.push((performance.now() - t) / 20);
  }
  return ms.sort((a, b) => a - b)[7]!;
}

/** The recommend bench's raw kernel: plain-JS dot of items × dims and a top-10, median ms. */
function kernelMs(items: number, dims: number): number {
  const rnd = seededRandom(7);
  const table = Float32Array.from({ length: items * dims }, () => rnd() * 2 - 1);
  const user = table.slice(0, dims);
  const out = new Float32Array(items);
  const run = () => {
    for (let r = 0; r < items; r++) {
      let s = 0;
      for (let c = 0; c < dims; c++) s += user[c]! * table[r * dims + c]!;
      out[r] = s;
    }
    const best: number[] = [];
    for (let i = 0; i < items; i++) {
      const v = out[i]!;
      if (best.length === 10 && v <= out[best[9]!]!) continue;
      let j = Math.min(best.length, 9);
      while (j > 0 && out[best[j - 1]!]! < v) j--;
      best.splice(j, 0, i);
      if (best.length > 10) best.pop();
    }
  };
  for (let i = 0; i < 20; i++) run();
  const ms: number[] = [];
  for (let k = 0; k < 15; k++) {
    const t = performance.now();
    for (let i = 0; i < 10; i++) run();
    ms.push((performance.now() - t) / 10);
  }
  return ms.sort((a, b) => a - b)[7]!;
}

declare global {
  interface Window {
    __encoderBench?: { userVectorMs: typeof userVectorMs; kernelMs: typeof kernelMs };
  }
}

window.__encoderBench = { userVectorMs, kernelMs };
