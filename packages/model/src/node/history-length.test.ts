import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@insitu/core';
import { historyLength } from './fit.ts';

const ofLength = (n: number): HistoryEntry[] =>
  Array.from({ length: n }, (_, ts) => ({ item: ts, ts, kind: 'view' }));

describe('historyLength', () => {
  it('keeps 16 for short histories', () => {
    expect(historyLength([3, 5, 6, 9, 14].map(ofLength))).toBe(16);
  });

  it('follows the 90th percentile of long histories, in steps of 8, up to 64', () => {
    const lengths = Array.from({ length: 100 }, (_, i) => 10 + i * 0.3); // p90 ≈ 36.7
    expect(historyLength(lengths.map((n) => ofLength(Math.round(n))))).toBe(40);
    expect(historyLength(Array.from({ length: 10 }, () => ofLength(300)))).toBe(64);
  });
});
