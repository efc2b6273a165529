import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@insitu/core';
import { blendScores, covisSums, TouchedRows } from './blend.ts';
import { topKNeighbours } from './neighbours.ts';

const table = (n: number, rows: [number, number, number][]) => {
  const maps = Array.from({ length: n }, () => new Map<number, number>());
  for (const [i, j, s] of rows) maps[i % n]!.set(j % n, s);
  return topKNeighbours(maps, 20);
};

describe('blendScores with the touched rows', () => {
  it('gives the floats of the whole-catalog pass', () => {
    const n = 40;
    const rowsArb = fc.array(
      fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0.01, max: 5, noNaN: true })),
      { maxLength: 120 },
    );
    const f32 = (min: number, max: number) =>
      fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true });
    const weight = fc.oneof(fc.constant(0), f32(0.001, 30), f32(-1, 1));
    fc.assert(
      fc.property(
        rowsArb,
        rowsArb,
        rowsArb,
        fc.array(fc.nat(n - 1), { maxLength: 12 }),
        fc.float32Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true }),
        fc.option(
          fc.float32Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true }),
        ),
        fc.record({
          model: weight,
          covis: weight,
          popularity: weight,
          content: weight,
          sequence: weight,
        }),
        fc.constantFrom(0.3, 0.7, 1),
        (covisRows, contentRows, sequenceRows, items, popularity, model, ws, recency) => {
          const history: HistoryEntry[] = items.map((item, k) => ({ item, ts: k, kind: 'view' }));
          const w = { ...ws, temperature: 1, recency, sequenceRecency: recency };
          const tables = [covisRows, contentRows, sequenceRows].map((r) => table(n, r));
          const touched = new TouchedRows(n);
          // Reused, as the model reuses it: rows of an earlier history must not leak in.
          covisSums(
            tables[0]!,
            [{ item: 0, ts: 0, kind: 'view' }],
            1,
            new Float32Array(n),
            touched,
          );
          touched.clear();
          const sums = tables.map((t) =>
            covisSums(t, history, recency, new Float32Array(n), touched),
          );
          const whole = blendScores(model, sums[0]!, popularity, w, sums[1]!, sums[2]!);
          const sparse = blendScores(
            model,
            sums[0]!,
            popularity,
            w,
            sums[1]!,
            sums[2]!,
            undefined,
            touched,
          );
          expect(Array.from(sparse)).toEqual(Array.from(whole));
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});
