import { describe, expect, it } from 'vitest';
import { expectedMetrics, MetricsSum, rankCounts } from './metrics.ts';
import { sampleNegatives, seededRandom } from './random.ts';

describe('expectedMetrics', () => {
  it('scores a clear first place as a hit with full gain', () => {
    expect(expectedMetrics({ higher: 0, ties: 0 })).toEqual({ hr10: 1, ndcg10: 1, mrr10: 1 });
  });

  it('uses the rank below the items that beat the target', () => {
    const m = expectedMetrics({ higher: 2, ties: 0 });
    expect(m.hr10).toBe(1);
    expect(m.ndcg10).toBeCloseTo(0.5, 12); // 1 / log2(3 + 1)
    expect(m.mrr10).toBeCloseTo(1 / 3, 12);
  });

  it('averages over the positions a tie can put the target in', () => {
    const m = expectedMetrics({ higher: 0, ties: 1 }); // positions 1 and 2
    expect(m.hr10).toBe(1);
    expect(m.ndcg10).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 12);
    expect(m.mrr10).toBeCloseTo(0.75, 12);
  });

  it('counts only the tied positions inside the cutoff', () => {
    const m = expectedMetrics({ higher: 8, ties: 3 }); // positions 9, 10, 11, 12
    expect(m.hr10).toBeCloseTo(0.5, 12);
    expect(m.ndcg10).toBeCloseTo((1 / Math.log2(10) + 1 / Math.log2(11)) / 4, 12);
    expect(m.mrr10).toBeCloseTo((1 / 9 + 1 / 10) / 4, 12);
  });

  it('gives nothing beyond the cutoff', () => {
    expect(expectedMetrics({ higher: 10, ties: 5 })).toEqual({ hr10: 0, ndcg10: 0, mrr10: 0 });
  });
});

describe('rankCounts', () => {
  const scores = Float32Array.from([0.5, 0.9, 0.5, 0.5, 0.1, NaN]);

  it('skips excluded items and counts NaN as lowest', () => {
    const excluded = Uint8Array.from([0, 0, 1, 0, 0, 0]);
    expect(rankCounts(scores, 0, excluded)).toEqual({ higher: 1, ties: 1 });
  });

  it('ranks a NaN target below everything but other NaNs', () => {
    const excluded = new Uint8Array(6);
    expect(rankCounts(scores, 5, excluded)).toEqual({ higher: 5, ties: 0 });
  });

  it('compares only against the given candidates', () => {
    expect(rankCounts(scores, 0, new Uint8Array(6), [3, 4])).toEqual({ higher: 0, ties: 1 });
  });
});

describe('sampleNegatives', () => {
  it('draws distinct unseen items, the same ones for the same seed', () => {
    const excluded = new Uint8Array(1000);
    for (let i = 0; i < 500; i++) excluded[i] = 1;
    const a = sampleNegatives(seededRandom(7), 1000, 100, excluded, 600, 499);
    const b = sampleNegatives(seededRandom(7), 1000, 100, excluded, 600, 499);
    expect([...a]).toEqual([...b]);
    expect(new Set(a).size).toBe(100);
    for (const i of a) expect(i >= 500 && i !== 600).toBe(true);
  });

  it('returns every eligible item when there are too few', () => {
    const excluded = Uint8Array.from([1, 0, 0, 1, 0]);
    const all = sampleNegatives(seededRandom(1), 5, 100, excluded, 2, 2);
    expect([...all].sort()).toEqual([1, 4]);
  });
});

describe('MetricsSum.halfWidths', () => {
  it('is 1.96 · sample sd / √n over users', () => {
    const sum = new MetricsSum();
    // HR@10 of four users: 1, 0, 0, 0 → mean 0.25, sample variance 0.25, sd 0.5.
    for (const hr10 of [1, 0, 0, 0]) sum.add({ hr10, ndcg10: hr10 / 2, mrr10: 0 });
    expect(sum.halfWidths().hr10).toBeCloseTo((1.96 * 0.5) / 2, 12);
    expect(sum.halfWidths().ndcg10).toBeCloseTo((1.96 * 0.25) / 2, 12);
  });

  it('is zero for fewer than two users', () => {
    const sum = new MetricsSum();
    sum.add({ hr10: 1, ndcg10: 1, mrr10: 1 });
    expect(sum.halfWidths()).toEqual({ hr10: 0, ndcg10: 0 });
  });
});
