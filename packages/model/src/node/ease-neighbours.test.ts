import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@insitu/core';
import { easeWeights, seededRandom } from '@insitu/core';
import { covisSums } from '../blend.ts';
import { neighboursOf } from '../neighbours.ts';
import { buildEaseNeighbours, EASE_NEIGHBOURS } from './ease-neighbours.ts';

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

  it('keeps enough neighbours that a long history ranks as dense EASE ranks it', async () => {
    // 400 items in 8 taste groups; 300 users with 50 items each, 80% from their own group. The
    // table (quantised weights) and dense EASE share ~80% of each top 10; with 20 per item, ~66%.
    const random = seededRandom(5);
    const n = 400;
    const users = Array.from({ length: 300 }, () => {
      const group = Math.floor(random() * 8);
      const items = new Set<number>();
      while (items.size < 50) {
        const g = random() < 0.8 ? group : Math.floor(random() * 8);
        items.add(g * 50 + Math.floor(random() ** 2 * 50));
      }
      return seq(...items);
    });
    const gram = new Float32Array(n * n);
    for (const u of users) for (const a of u) for (const b of u) gram[a.item * n + b.item]! += 1;
    const dense = await easeWeights(gram, n, 50);
    const top10 = (scores: Float32Array, history: HistoryEntry[]) => {
      const seen = new Set(history.map((h) => h.item));
      return [...scores.keys()]
        .filter((i) => !seen.has(i))
        .sort((a, b) => scores[b]! - scores[a]! || a - b)
        .slice(0, 10);
    };
    const agreement = async (k: number) => {
      const table = await buildEaseNeighbours(users, n, { lambda: 50, k });
      let same = 0;
      for (const h of users.slice(0, 100)) {
        const exact = new Float32Array(n);
        for (const e of h) for (let j = 0; j < n; j++) exact[j]! += dense[e.item * n + j]!;
        const want = new Set(top10(exact, h));
        same += top10(covisSums(table, h, 1), h).filter((i) => want.has(i)).length;
      }
      return same / 1000;
    };
    const kept = await agreement(EASE_NEIGHBOURS);
    expect(kept).toBeGreaterThan(0.75);
    expect(kept).toBeGreaterThan((await agreement(20)) + 0.1);
  });
});
