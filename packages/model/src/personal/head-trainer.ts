import * as tf from '@tensorflow/tfjs-core';
import type { HeadBatch, HeadOptions } from './head.ts';

/**
 * tfjs kernels one training step runs: a worker that registers kernels one by one (to keep its
 * tfjs chunk small) registers these on each backend it trains on.
 */
export const TRAIN_KERNELS = [
  'BatchMatMul',
  'Reshape',
  'Multiply',
  'Add',
  'Sub',
  'Max',
  'Exp',
  'Sum',
  'RealDiv',
  'Log',
] as const;

/**
 * Trains personal offsets on the current tfjs backend, one gradient step per `step()` call, so a
 * caller can yield between steps (a worker answers a `recommend()` in between). Each step is
 * softmax cross-entropy over each example's candidates, logits `base + offset · item`,
 * plus `l2 · |offset|²`; its gradient is written out (a handful of kernels, no autodiff). Every
 * tensor of a step is released; `dispose()` frees the rest, so `tf.memory().numTensors` is flat.
 */
export class HeadTrainer {
  readonly backend: string;
  private readonly vectors: tf.Tensor3D;
  private readonly base: tf.Tensor3D;
  private readonly positive: tf.Tensor3D;
  private readonly weights: tf.Tensor3D;
  private offset: tf.Tensor3D;

  constructor(
    private readonly batch: HeadBatch,
    initial: Float32Array,
    private readonly options: Pick<HeadOptions, 'rate' | 'l2'>,
  ) {
    const { heads: b, examples: e, candidates: c, dims: d } = batch;
    this.backend = tf.getBackend();
    this.vectors = tf.tensor3d(batch.vectors, [b, e * c, d]);
    this.base = tf.tensor3d(batch.base, [b, e, c]);
    const onehot = new Float32Array(b * e * c);
    for (let i = 0; i < b * e; i++) onehot[i * c] = 1;
    this.positive = tf.tensor3d(onehot, [b, e, c]);
    this.weights = tf.tensor3d(batch.weights, [b, e, 1]);
    this.offset = tf.tensor3d(initial, [b, d, 1]);
  }

  /** One gradient step on every head; resolves with the mean loss per head before the step. */
  async step(): Promise<number> {
    const { heads: b, examples: e, candidates: c } = this.batch;
    const [next, loss] = tf.tidy(() => {
      const dots = tf.reshape(tf.matMul(this.vectors, this.offset), [b, e, c]);
      const z = tf.add(this.base, dots);
      const top = tf.max(z, -1, true);
      const ez = tf.exp(tf.sub(z, top));
      const sum = tf.sum(ez, -1, true);
      const p = tf.div(ez, sum);
      const nll = tf.sub(tf.add(tf.log(sum), top), tf.sum(tf.mul(z, this.positive), -1, true));
      const loss = tf.sum(tf.mul(nll, this.weights));
      const g = tf.reshape(tf.mul(tf.sub(p, this.positive), this.weights), [b, e * c, 1]);
      const grad = tf.add(
        tf.matMul(this.vectors, g, true, false),
        tf.mul(this.offset, 2 * this.options.l2),
      );
      return [tf.sub(this.offset, tf.mul(grad, this.options.rate)), loss];
    });
    this.offset.dispose();
    this.offset = next as tf.Tensor3D;
    try {
      return ((await loss.data())[0] ?? 0) / b;
    } finally {
      loss.dispose();
    }
  }

  /** The offsets now, head after head (`heads × dims`). */
  async offsets(): Promise<Float32Array> {
    return Float32Array.from(await this.offset.data());
  }

  dispose(): void {
    for (const t of [this.vectors, this.base, this.positive, this.weights, this.offset]) {
      t.dispose();
    }
  }
}
