import * as tf from '@tensorflow/tfjs-core';
import type { ScoreEngine } from './score-engine.ts';

/**
 * tfjs kernels the engine runs. A worker that imports tfjs-core plus one backend's `base` build
 * needs only these registered (keeps the tfjs chunk small).
 */
export const TF_KERNELS = ['BatchMatMul', 'Reshape'] as const;

/**
 * Item scoring as one matMul on the current tfjs backend. The item table is uploaded once; each
 * call creates and disposes its own tensors, so `tf.memory().numTensors` stays flat.
 */
export function tfScoreEngine(table: Float32Array, rows: number, cols: number): ScoreEngine {
  const items = tf.tensor2d(table, [rows, cols]);
  return {
    name: tf.getBackend(),
    async dot(user) {
      const scores = tf.tidy(() =>
        tf.reshape(tf.matMul(items, tf.tensor2d(user, [cols, 1])), [rows]),
      );
      try {
        return (await scores.data()) as Float32Array;
      } finally {
        scores.dispose();
      }
    },
    dispose() {
      items.dispose();
    },
  };
}
