import { describe, expect, it } from 'vitest';
import type { TrainingData } from '../eval/training-data.ts';
import type { HistoryEntry } from '../scoring.ts';
import { easeWeights, fitEase, gramMatrix } from './ease.ts';
import { invertSpd, jsMultiply } from './spd-inverse.ts';

const seq = (...items: number[]): HistoryEntry[] =>
  items.map((item, ts) => ({ item, ts, kind: 'view' }));

// Three users over three items: {0, 1}, {1, 2}, {0, 1, 2}.
const data: TrainingData = {
  itemCount: 3,
  itemIds: ['a', 'b', 'c'],
  sequences: [seq(0, 1), seq(1, 2), seq(0, 1, 2)],
  seed: 1,
};

describe('invertSpd', () => {
  it('inverts a random SPD matrix across several blocks, in plain TS', async () => {
    const n = 37;
    const a = new Float64Array(n * n);
    let s = 7;
    const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i] = random() < 0.3 ? 1 : 0;
    for (let i = 0; i < n; i++) a[i * n + i] = 5 + random();
    const m = Float64Array.from(a);
    await invertSpd(m, n, { block: 8, tileRows: 10, multiply: jsMultiply });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let v = 0;
        for (let k = 0; k < n; k++) v += a[i * n + k]! * m[k * n + j]!;
        expect(v).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
  });
});

describe('EASE', () => {
  it('counts co-occurrences in the Gram matrix', () => {
    expect([...gramMatrix(data)]).toEqual([2, 2, 1, 2, 3, 2, 1, 2, 2]);
  });

  it('matches the closed form worked by hand for λ = 1', async () => {
    // G + I = [[3,2,1],[2,4,2],[1,2,3]], det 16; its inverse P is adj / 16:
    // P = [[8,-4,0],[-4,8,-4],[0,-4,8]] / 16, so diag(P) = 0.5 and
    // B_ij = -P_ij / P_jj: B_01 = B_10 = B_12 = B_21 = 0.5, B_02 = B_20 = 0, B_ii = 0.
    const b = await easeWeights(gramMatrix(data), 3, 1);
    const expected = [0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0];
    [...b].forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('scores the recency-weighted rows of B and chooses λ on the validation items', async () => {
    const lambdas: number[] = [];
    const scorer = await fitEase(
      { ...data, validation: seq(2, 0, 1) },
      { lambdas: [1, 10], recencies: [0.5], onLambda: (l) => lambdas.push(l) },
    );
    expect(lambdas).toEqual([1, 10]);
    const out = new Float32Array(3);
    await scorer.score(seq(0), out);
    // From item 0 alone: B_01 > 0 = B_02 (plus a popularity tie-breaker below 1e-6).
    expect(out[1]!).toBeGreaterThan(out[2]! + 0.01);
  });

  it('reports a catalog above the dense limit as skipped', async () => {
    const scorer = await fitEase(data, { maxItems: 2 });
    expect((scorer as { skipped?: string }).skipped).toMatch(/3 items/);
  });
});
