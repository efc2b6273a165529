import { describe, expect, it } from 'vitest';
import {
  addNeighbours,
  neighboursOf,
  topKNeighbours,
  MIN_WEIGHT,
  WEIGHT_STEP,
} from './neighbours.ts';
import { SCALE_STEPS } from './quantize.ts';

describe('topKNeighbours', () => {
  const scores = [1, 0.9, 0.5, 0.26, 0.2, 0.11, 0.05, 0.01];
  const rows = [
    new Map(scores.map((v, j) => [j + 1, 3 * v])),
    new Map([
      [0, 0.3],
      [1, 99], // itself: never a neighbour
      [2, 0.3],
    ]),
    new Map<number, number>(),
  ];
  const table = topKNeighbours(rows, 20);

  it('keeps each row’s best first, its scores within half a step of the true ones', () => {
    const got = neighboursOf(table, 0);
    const kept = scores.filter((v) => v >= MIN_WEIGHT);
    expect(kept.length).toBe(6); // 0.05 and 0.01 of the best are dropped
    expect(got.map(([j]) => j)).toEqual(kept.map((_, k) => k + 1));
    got.forEach(([, s], k) => {
      const ratio = Math.abs(Math.log2(s / (3 * kept[k]!)));
      // Half a weight step, plus the row scale's half step on its own log grid.
      expect(ratio).toBeLessThanOrEqual(WEIGHT_STEP / 2 + 0.5 / SCALE_STEPS + 1e-6);
    });
    // Ties keep the lower index first; an item is not its own neighbour; empty rows stay empty.
    expect(neighboursOf(table, 1).map(([j]) => j)).toEqual([0, 2]);
    expect(neighboursOf(table, 2)).toEqual([]);
  });

  it('keeps only the k best of a row', () => {
    expect(neighboursOf(topKNeighbours(rows, 3), 0).map(([j]) => j)).toEqual([1, 2, 3]);
  });

  it('adds weighted scores exactly as neighboursOf lists them', () => {
    const out = new Float32Array(9);
    addNeighbours(table, 0, 2, out);
    for (const [j, s] of neighboursOf(table, 0)) expect(out[j]).toBeCloseTo(2 * s, 6);
    expect(out[0]).toBe(0);
  });
});
