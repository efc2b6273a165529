import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../scoring.ts';
import { leaveOneOut } from './split.ts';

const e = (item: number, ts: number): HistoryEntry => ({ item, ts, kind: 'view' });

describe('leaveOneOut', () => {
  it('sorts stably, keeps first occurrences and holds out the last two', () => {
    // Items 5 and 6 share ts 3: file order (5 before 6) must decide. Item 1 repeats at ts 9.
    const split = leaveOneOut([[e(1, 1), e(5, 3), e(6, 3), e(2, 0), e(1, 9), e(7, 10)]], 8);
    expect(split.train[0]!.map((x) => x.item)).toEqual([2, 1, 5]);
    expect(split.valid[0]!.item).toBe(6);
    expect(split.test[0]!.item).toBe(7);
  });

  it('drops users with fewer than three distinct items', () => {
    const split = leaveOneOut(
      [
        [e(1, 1), e(1, 2), e(2, 3)],
        [e(1, 1), e(2, 2), e(3, 3)],
      ],
      4,
    );
    expect(split.users).toEqual([1]);
    expect(split.train).toEqual([[e(1, 1)]]);
  });
});
