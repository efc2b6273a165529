import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@insitu/core';
import { seededRandom } from '@insitu/core';
import { MAX_CASES_PER_USER, splitHoldout } from './holdout.ts';

const user = (u: number, n: number): HistoryEntry[] =>
  Array.from({ length: n }, (_, k) => ({ item: (u * 7 + k) % 50, ts: u * 1000 + k, kind: 'view' }));

/** Each case's history and target, joined back, must be a prefix of its user's sequence. */
function expectPrefixes(sequences: HistoryEntry[][], split: ReturnType<typeof splitHoldout>): void {
  for (const c of split.cases) {
    const owner = sequences.find((s) => s[0]!.ts === c.history[0]!.ts)!;
    expect([...c.history.map((e) => e.item), c.target]).toEqual(
      owner.slice(0, c.history.length + 1).map((e) => e.item),
    );
  }
}

describe('splitHoldout', () => {
  it('takes the last item of maxCases users when there are more users than cases', () => {
    const sequences = Array.from({ length: 300 }, (_, u) => user(u, 40));
    const split = splitHoldout(sequences, 100, seededRandom(1));
    expect(split.cases).toHaveLength(100);
    // Every other held-out user also judges the early stop: half the cases, the same objects.
    expect(split.stop).toHaveLength(50);
    expect(split.stop.every((c) => split.cases.includes(c))).toBe(true);
    expect(split.train.reduce((a, s) => a + s.length, 0)).toBe(300 * 40 - 100);
    expectPrefixes(sequences, split);
  });

  it('takes several last items of long histories when users are fewer than cases', () => {
    const sequences = Array.from({ length: 50 }, (_, u) => user(u, u < 25 ? 40 : 12));
    const split = splitHoldout(sequences, 5000, seededRandom(1));
    // 40 items give MAX_CASES_PER_USER cases; 12 items give one (one per 10 items of history).
    expect(split.cases).toHaveLength(25 * MAX_CASES_PER_USER + 25);
    split.train.forEach((s, u) => expect(s).toHaveLength(u < 25 ? 40 - MAX_CASES_PER_USER : 11));
    expectPrefixes(sequences, split);
    // A user's cases judge the early stop all together or not at all, and about half do.
    const owner = (c: (typeof split.cases)[number]) => c.history[0]!.ts;
    const stopUsers = new Set(split.stop.map(owner));
    for (const c of split.cases) expect(split.stop.includes(c)).toBe(stopUsers.has(owner(c)));
    expect(stopUsers.size).toBe(25);
    // No case's target is in the training part: each is held out from the fit.
    const trainTs = new Set(split.train.flatMap((s) => s.map((e) => e.ts)));
    expect(split.cases.filter((c) => trainTs.has(c.ts))).toEqual([]);
  });
});
