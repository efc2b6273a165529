import * as tf from '@tensorflow/tfjs-core';
import type { Multiply } from '@insitu/core';
import { setupTraining } from './tf-setup.ts';

/**
 * `a · b` as one tfjs matMul on the training backend (wasm SIMD in Node): the dense EASE solve
 * spends nearly all its n³/2 multiply-adds here, and SIMD runs them an order of magnitude faster
 * than scalar JS. (A transposed operand is ~25× slower on wasm, so callers pass `b` untransposed.)
 */
export const tfMultiply: Multiply = async (a, b, rows, depth, cols) => {
  await setupTraining();
  const product = tf.tidy(() =>
    tf.matMul(tf.tensor2d(a, [rows, depth]), tf.tensor2d(b, [depth, cols])),
  );
  const values = product.dataSync() as Float32Array;
  product.dispose();
  return values;
};
