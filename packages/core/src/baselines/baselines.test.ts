import { describe, expect, it } from 'vitest';
import type { TrainingData } from '../eval/training-data.ts';
import type { HistoryEntry } from '../scoring.ts';
import { cosineCooccurrence, fitItemKnn } from './item-knn.ts';
import { fitMarkov } from './markov.ts';
import { fitPopularity } from './popularity.ts';
import { sparseFromTriples } from './sparse.ts';

const seq = (...items: number[]): HistoryEntry[] =>
  items.map((item, ts) => ({ item, ts, kind: 'view' }));
const data: TrainingData = {
  itemCount: 5,
  itemIds: ['a', 'b', 'c', 'd', 'e'],
  sequences: [seq(0, 1, 2), seq(0, 1, 3), seq(1, 2), seq(4, 0, 3)],
  seed: 1,
};
const scores = async (
  fit: Promise<{ score: (h: HistoryEntry[], o: Float32Array) => unknown }>,
  h: HistoryEntry[],
) => {
  const out = new Float32Array(5);
  await (await fit).score(h, out);
  return [...out];
};
const order = (s: number[]) =>
  s
    .map((v, i) => [v, i] as const)
    .sort((a, b) => b[0] - a[0])
    .map((x) => x[1]);

describe('sparseFromTriples', () => {
  it('sums duplicates and keeps columns sorted', () => {
    const m = sparseFromTriples(3, [2, 0, 2, 2], [1, 2, 0, 1], [1, 1, 2, 3]);
    expect([...m.offsets]).toEqual([0, 1, 1, 3]);
    expect([...m.cols]).toEqual([2, 0, 1]);
    expect([...m.vals]).toEqual([1, 2, 4]);
  });
});

describe('baselines', () => {
  it('popularity ranks by training count', async () => {
    expect(await scores(fitPopularity(data), [])).toEqual([3, 3, 2, 2, 1]);
  });

  it('Markov-1 follows the last item, popularity ordering the rest', async () => {
    const s = await scores(fitMarkov(data), seq(2, 0));
    // 0 → 1 twice, 0 → 3 once; the rest by popularity.
    expect(order(s).slice(0, 2)).toEqual([1, 3]);
    // One more transition, plus the backoff gap: 0.5 × (3 - 2) / 3 (counts over the maximum).
    expect(s[1]! - s[3]!).toBeCloseTo(1 + 0.5 / 3, 5);
  });

  it('item-kNN similarity is the shrunk cosine of co-occurrence', () => {
    const m = cosineCooccurrence(data, 0);
    const row0 = new Map<number, number>();
    for (let e = m.offsets[0]!; e < m.offsets[1]!; e++) row0.set(m.cols[e]!, m.vals[e]!);
    // Item 0: users {1,2,4}; item 1: users {1,2,3}; together in 2 → 2 / 3.
    expect(row0.get(1)).toBeCloseTo(2 / 3, 6);
    expect(row0.get(4)).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(row0.has(0)).toBe(false);
  });

  it('item-kNN weights recent history items more', async () => {
    // History 4 then 2: 2 is recent, so 1 (co-occurs with 2) beats 3 (co-occurs with 4).
    const s = await scores(fitItemKnn(data, { shrink: 0, recency: 0.5 }), seq(4, 2));
    expect(s[1]!).toBeGreaterThan(s[3]!);
    const flipped = await scores(fitItemKnn(data, { shrink: 0, recency: 0.5 }), seq(2, 4));
    expect(flipped[3]!).toBeGreaterThan(flipped[1]!);
  });
});
