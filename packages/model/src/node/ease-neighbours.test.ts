import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@insitu/core';
import { neighboursOf } from '../neighbours.ts';
import { buildEaseNeighbours } from './ease-neighbours.ts';

const seq = (...items: number[]): HistoryEntry[] =>
  items.map((item, ts) => ({ item, ts, kind: 'view' }));

describe('buildEaseNeighbours', () => {
  it('keeps the positive EASE weights of each row, best first', async () => {
    // Users {0,1}, {1,2}, {0,1,2}; item 3 never seen. With λ = 1, B_01 = B_10 = B_12 = B_21 = 0.5
    // and B_02 = B_20 = 0 (worked by hand in core's ease.test.ts).
    const table = await buildEaseNeighbours([seq(0, 1), seq(1, 2), seq(0, 1, 2)], 4, {
      lambda: 1,
    });
    expect(neighboursOf(table, 0).map(([j]) => j)).toEqual([1]);
    expect(neighboursOf(table, 0)[0]![1]).toBeCloseTo(0.5, 5);
    expect(neighboursOf(table, 1).map(([j]) => j)).toEqual([0, 2]);
    expect(neighboursOf(table, 3)).toEqual([]);
  });

  it('covers only the most frequent items when asked', async () => {
    const table = await buildEaseNeighbours([seq(0, 1), seq(1, 2), seq(0, 1, 2)], 4, {
      lambda: 1,
      maxItems: 2,
    });
    // Items 1 (3 users) and 0 (2 users, before 2 by index) are kept; 2 has no row.
    expect(neighboursOf(table, 2)).toEqual([]);
    expect(neighboursOf(table, 0).map(([j]) => j)).toEqual([1]);
  });
});
