import { describe, expect, it } from 'vitest';
import { neighboursOf, topKNeighbours } from '../neighbours.ts';
import { trimNeighbours } from './artifact-budget.ts';
import { buildContentNeighbours } from './content-neighbours.ts';

describe('buildContentNeighbours', () => {
  it('links items that share rare title terms, the rarer and more shared the closer', () => {
    const table = buildContentNeighbours(
      [
        { title: 'JUMBO BAG RED RETROSPOT' },
        { title: 'LUNCH BAG RED RETROSPOT' },
        { title: 'RED RETROSPOT CAKE CASES' },
        { title: 'WHITE HANGING HEART T-LIGHT HOLDER' },
        { title: 'JUMBO BAG PINK POLKADOT' },
        {},
      ],
      6,
    )!;
    const of0 = neighboursOf(table, 0).map(([j]) => j);
    expect(of0[0]).toBe(1); // shares "bag red retrospot"
    expect(of0).toContain(2);
    expect(of0).toContain(4);
    expect(of0).not.toContain(3);
    expect(neighboursOf(table, 3)).toEqual([]);
    expect(neighboursOf(table, 5)).toEqual([]);
  });

  it('is null for a catalog without text or categories', () => {
    expect(buildContentNeighbours([{}, {}], 2)).toBeNull();
    expect(buildContentNeighbours([], 3)).toBeNull();
  });
});

describe('trimNeighbours', () => {
  it('keeps each row’s best k entries with their scores', () => {
    const rows = [
      new Map([
        [1, 1],
        [2, 0.5],
        [3, 0.25],
      ]),
      new Map([[0, 1]]),
      new Map(),
      new Map(),
    ];
    const table = topKNeighbours(rows, 20);
    const trimmed = trimNeighbours(table, 2);
    expect(neighboursOf(trimmed, 0)).toEqual(neighboursOf(table, 0).slice(0, 2));
    expect(neighboursOf(trimmed, 1)).toEqual(neighboursOf(table, 1));
    expect(neighboursOf(trimmed, 2)).toEqual([]);
    expect(trimmed.cols.length).toBe(3);
  });
});
