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

declare global {
  interface Window {
    __encoderBench?: { userVectorMs: typeof userVectorMs };
  }
}

window.__encoderBench = { userVectorMs };
