import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@insitu/core';
import { jsScoreEngine } from './score-engine.ts';
import { tfScoreEngine } from './tf-engine.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfjs score engine', () => {
  const random = seededRandom(2);
  const rows = 300;
  const cols = 16;
  const table = Float32Array.from({ length: rows * cols }, () => random() - 0.5);
  const user = Float32Array.from({ length: cols }, () => random() - 0.5);

  it('computes the same dot products as the plain-JS engine', async () => {
    const engine = tfScoreEngine(table, rows, cols);
    const a = await engine.dot(user);
    const b = await jsScoreEngine(table, rows, cols).dot(user);
    for (let i = 0; i < rows; i++) expect(a[i]).toBeCloseTo(b[i]!, 5);
    engine.dispose();
  });

  it('leaves no tensor behind across 100 calls', async () => {
    const engine = tfScoreEngine(table, rows, cols);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) await engine.dot(user);
    expect(tf.memory().numTensors).toBe(before);
    engine.dispose();
    expect(tf.memory().numTensors).toBe(before - 1);
  });
});
