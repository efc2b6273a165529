import { describe, expect, it } from 'vitest';
import type { HistoryEntry, Scorer } from '../scoring.ts';
import { evaluateScorer } from './evaluate.ts';
import { leaveOneOut } from './split.ts';
import type { BatchScorer } from './training-data.ts';

const seq = (...items: number[]): HistoryEntry[] =>
  items.map((item, ts) => ({ item, ts, kind: 'view' }));
// User A: train [4], valid 3, test 2. User B: train [0, 1], valid 2, test 3.
const split = leaveOneOut([seq(4, 3, 2), seq(0, 1, 2, 3)], 5);
const fixed = [5, 4, 3, 2, 1];
const byIndex: Scorer = { name: 'fixed', score: (_h, out) => out.set(fixed) };

describe('evaluateScorer', () => {
  it('ranks against unseen items only, history including the validation item', async () => {
    const seen: number[][] = [];
    const scorer: Scorer = {
      name: 'spy',
      score: (h, out) => {
        seen.push(h.map((x) => x.item));
        out.set(fixed);
      },
    };
    const r = await evaluateScorer(split, scorer);
    expect(seen).toEqual([
      [4, 3],
      [0, 1, 2],
    ]);
    // A: candidates 0, 1, 2 → target 2 third. B: candidates 3, 4 → target 3 first.
    expect(r.full.hr10).toBeCloseTo(1, 12);
    expect(r.full.ndcg10).toBeCloseTo((0.5 + 1) / 2, 12);
    expect(r.full.mrr10).toBeCloseTo((1 / 3 + 1) / 2, 12);
    expect(r.sampled).toEqual(r.full); // fewer than 100 unseen items: all are the negatives
  });

  it('puts tied targets at their expected rank', async () => {
    const zero: Scorer = { name: 'zero', score: () => undefined };
    const r = await evaluateScorer(split, zero);
    // A: 3 candidates tied → positions 1..3; B: 2 tied → positions 1..2.
    const a = (1 + 1 / Math.log2(3) + 0.5) / 3;
    const b = (1 + 1 / Math.log2(3)) / 2;
    expect(r.full.ndcg10).toBeCloseTo((a + b) / 2, 12);
    expect(r.full.mrr10).toBeCloseTo(((1 + 1 / 2 + 1 / 3) / 3 + 0.75) / 2, 12);
  });

  it('scores the validation item from train only when asked', async () => {
    const r = await evaluateScorer(split, byIndex, { target: 'valid' });
    // A: history [4], target 3 behind 0, 1, 2 → 4th. B: history [0, 1], target 2 first.
    expect(r.full.ndcg10).toBeCloseTo((1 / Math.log2(5) + 1) / 2, 12);
    expect(r.full.mrr10).toBeCloseTo((0.25 + 1) / 2, 12);
  });

  it('gives a batch scorer the same result as one history at a time', async () => {
    const batch: BatchScorer = {
      name: 'batch',
      score: () => {
        throw new Error('score() must not be called when scoreBatch exists');
      },
      scoreBatch: (histories, out) => {
        histories.forEach((_h, b) => out.set(fixed, b * 5));
      },
    };
    expect(await evaluateScorer(split, batch, { batchSize: 1 })).toEqual(
      await evaluateScorer(split, byIndex),
    );
  });

  it('samples negatives: a target beaten by half the catalog still hits often', async () => {
    const n = 2000;
    const users = Array.from({ length: 50 }, (_, u) => seq(u, u + 1000, n - 1 - u));
    const big = leaveOneOut(users, n);
    const descending: Scorer = {
      name: 'desc',
      score: (_h, out) => out.forEach((_v, i, a) => (a[i] = n - i)),
    };
    const r = await evaluateScorer(big, descending, { seed: 3 });
    expect(r.full.hr10).toBe(0);
    // Targets are the lowest-scored items: they beat none of the sampled negatives.
    expect(r.sampled.hr10).toBe(0);
    const ascending: Scorer = {
      name: 'asc',
      score: (_h, out) => out.forEach((_v, i, a) => (a[i] = i)),
    };
    const up = await evaluateScorer(big, ascending, { seed: 3 });
    expect(up.sampled.hr10).toBe(1);
    expect(up.full.hr10).toBeGreaterThan(0);
  });
});
