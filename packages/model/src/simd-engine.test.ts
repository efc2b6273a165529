import { describe, expect, it } from 'vitest';
import { seededRandom } from '@insitu/core';
import { compileSimdDot } from '../../../scripts/build-simd-dot.mjs';
import { softScale } from './blend.ts';
import { jsScoreEngine } from './score-engine.ts';
import { SIMD_DOT_WASM } from './simd-dot-wasm.ts';
import { simdScoreEngine } from './simd-engine.ts';

describe('wasm SIMD score engine', () => {
  it('ships the bytes its .wat source compiles to', async () => {
    expect((await compileSimdDot()).toString('base64')).toBe(SIMD_DOT_WASM);
  });

  for (const [rows, cols] of [
    [0, 8],
    [1, 1],
    [7, 3],
    [5, 4],
    [300, 32],
    [257, 33],
    [1000, 64],
  ] as const) {
    it(`computes plain JS's dot products, ${rows} × ${cols}`, async () => {
      const random = seededRandom(rows * 100 + cols);
      const table = Float32Array.from({ length: rows * cols }, () => random() * 4 - 2);
      const engine = await simdScoreEngine(table, rows, cols);
      const js = jsScoreEngine(table, rows, cols);
      for (let k = 0; k < 3; k++) {
        const user = Float32Array.from({ length: cols }, () => random() * 4 - 2);
        const got = await engine.dot(user);
        const want = await js.dot(user);
        expect(got).toHaveLength(rows);
        // float32 sums against float64 ones: a few ulps of the terms' magnitude.
        for (let r = 0; r < rows; r++)
          expect(Math.abs(got[r]! - want[r]!)).toBeLessThan(1e-5 * cols);
      }
    });
  }

  for (const [rows, temperature] of [
    [1, 1],
    [7, 0.05],
    [1001, 2],
  ] as const) {
    it(`soft-scales the dot products as softScale does, ${rows} rows, temperature ${temperature}`, async () => {
      const cols = 8;
      const random = seededRandom(rows + 7);
      const table = Float32Array.from({ length: rows * cols }, () => random() * 4 - 2);
      const engine = await simdScoreEngine(table, rows, cols);
      const user = Float32Array.from({ length: cols }, () => random() * 4 - 2);
      const got = await engine.softDot!(user, temperature);
      const want = softScale(await engine.dot(user), temperature);
      expect(got).toHaveLength(rows);
      expect(Math.max(...got)).toBe(1);
      for (let r = 0; r < rows; r++) {
        // float32 exp against float64: a few ulps, plus the float32 rounding of its argument
        // (x = ln want), which grows with |x|; 0 only where float32 has no normal number.
        if (want[r]! < 1.2e-38) expect(got[r]!).toBeLessThan(1.2e-38);
        else {
          const bound = 3e-6 + 2.4e-7 * Math.abs(Math.log(want[r]!));
          expect(Math.abs(got[r]! / want[r]! - 1)).toBeLessThan(bound);
        }
      }
    });
  }

  it('soft-scales to NaN when a dot product is NaN, as softScale does', async () => {
    const engine = await simdScoreEngine(Float32Array.of(1, 2, NaN, 4, 5), 5, 1);
    expect([...(await engine.softDot!(Float32Array.of(1), 1))].every(Number.isNaN)).toBe(true);
  });

  it('hands out a new array per call, and the table is its own copy', async () => {
    const table = Float32Array.from({ length: 40 }, (_, i) => i);
    const engine = await simdScoreEngine(table, 10, 4);
    const one = Float32Array.of(1, 0, 0, 0);
    const a = await engine.dot(one);
    table.fill(0);
    const b = await engine.dot(Float32Array.of(0, 1, 0, 0));
    expect(a).not.toBe(b);
    expect([...a]).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36]);
    expect([...b]).toEqual([1, 5, 9, 13, 17, 21, 25, 29, 33, 37]);
  });
});
