import * as tf from '@tensorflow/tfjs-core';
import type { EncoderConfig } from '../encoder/spec.ts';

/** Trainable encoder weights as tfjs variables, keyed like `weightShapes`. */
export type EncoderVariables = Record<string, tf.Variable>;

/** One padded batch: sequences right-aligned, so the last column is the most recent item. */
export interface SequenceBatch {
  /** [B, L] item index + 1, 0 for padding. */
  items: Int32Array;
  /** [B, L] kind row. */
  kinds: Int32Array;
  /** [B, L] next item + 1 for each position, 0 where there is none (padding or last). */
  targets: Int32Array;
  rows: number;
  len: number;
}

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-6))), g), b);
}

function dense(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  const d = shape[shape.length - 1]!;
  const out = tf.matMul(tf.reshape(x, [-1, d]), w);
  return tf.reshape(out, [...shape.slice(0, -1), w.shape[1]!]);
}

/**
 * The encoder's forward pass over a batch, [B, L, d] hidden states; position p only attends to
 * positions ≤ p. The on-device encoder (`encoder/forward.ts`) computes the last row of this.
 */
export function encodeBatch(
  v: EncoderVariables,
  c: EncoderConfig,
  batch: SequenceBatch,
  dropout: { rate: number; seed: () => number },
): tf.Tensor3D {
  const { rows: B, len: L } = batch;
  const items = tf.tensor2d(batch.items, [B, L], 'int32');
  const kinds = tf.tensor2d(batch.kinds, [B, L], 'int32');
  const posIdx = tf.tensor1d(
    Int32Array.from({ length: L }, (_, i) => L - 1 - i),
    'int32',
  );
  const mask = tf.expandDims(tf.cast(tf.greater(items, 0), 'float32'), -1);
  const drop = (x: tf.Tensor) =>
    dropout.rate > 0 ? tf.dropout(x, dropout.rate, undefined, dropout.seed()) : x;

  let x: tf.Tensor = tf.add(tf.gather(v['item']!, items), tf.gather(v['kind']!, kinds));
  x = tf.mul(tf.add(x, tf.gather(v['pos']!, posIdx)), mask);
  x = drop(x);
  const a = layerNorm(x, v['ln1_g']!, v['ln1_b']!);
  const q = dense(a, v['wq']!);
  const k = dense(a, v['wk']!);
  const val = dense(a, v['wv']!);
  const causal = new Float32Array(L * L);
  for (let i = 0; i < L; i++) for (let j = i + 1; j < L; j++) causal[i * L + j] = -1e9;
  const keyPad = tf.mul(tf.sub(1, tf.reshape(mask, [B, 1, L])), -1e9);
  const logits = tf.add(
    tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(c.dims)), tf.tensor2d(causal, [L, L])),
    keyPad,
  );
  const att = tf.matMul(tf.softmax(logits), val);
  let h: tf.Tensor = tf.add(x, drop(att));
  const b = layerNorm(h, v['ln2_g']!, v['ln2_b']!);
  const f = tf.add(dense(tf.relu(tf.add(dense(b, v['w1']!), v['b1']!)), v['w2']!), v['b2']!);
  h = tf.mul(tf.add(h, drop(f)), mask);
  return layerNorm(h, v['lnf_g']!, v['lnf_b']!) as tf.Tensor3D;
}

/**
 * Sampled-softmax loss of next-item prediction: each position's target against `negatives`
 * shared by the batch, drawn with probability q (popularity-shaped, so the model learns to beat
 * popular items, which is what full ranking needs) and corrected by log q.
 */
export function batchLoss(
  v: EncoderVariables,
  c: EncoderConfig,
  batch: SequenceBatch,
  negatives: Int32Array,
  dropout: { rate: number; seed: () => number },
  logQ: Float32Array,
): tf.Scalar {
  const hidden = tf.reshape(encodeBatch(v, c, batch, dropout), [-1, c.dims]);
  const where: number[] = [];
  const targets: number[] = [];
  batch.targets.forEach((t, i) => {
    if (t > 0) {
      where.push(i);
      targets.push(t);
    }
  });
  const hv = tf.gather(hidden, tf.tensor1d(where, 'int32'));
  const targetQ = tf.tensor2d(
    Float32Array.from(targets, (t) => logQ[t]!),
    [targets.length, 1],
  );
  const negQ = tf.tensor2d(
    Float32Array.from(negatives, (t) => logQ[t]!),
    [1, negatives.length],
  );
  // logQ correction: negatives come from a popularity-shaped distribution, not uniform.
  const pos = tf.sub(
    tf.sum(tf.mul(hv, tf.gather(v['item']!, tf.tensor1d(targets, 'int32'))), -1, true),
    targetQ,
  );
  const neg = tf.sub(
    tf.matMul(hv, tf.gather(v['item']!, tf.tensor1d(negatives, 'int32')), false, true),
    negQ,
  );
  const all = tf.concat([pos, neg], 1);
  return tf.mean(tf.sub(tf.logSumExp(all, 1, true), pos));
}
