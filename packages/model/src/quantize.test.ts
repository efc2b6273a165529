import { describe, expect, it } from 'vitest';
import { seededRandom } from '@insitu/core';
import {
  dequantizeAll,
  dequantizeRow,
  EMBEDDING_LEVELS,
  quantizeRows,
  SCALE_STEPS,
  scaleCode,
  scaleLevel,
} from './quantize.ts';

describe('4-bit row quantisation', () => {
  it('keeps every entry within half a step of its row scale, the scale just above max / 7', () => {
    const random = seededRandom(7);
    const rows = 50;
    const cols = 32;
    const data = Float32Array.from(
      { length: rows * cols },
      (_, i) => (random() - 0.5) * (1 + (i % 7)) * 10 ** -(i % 5),
    );
    const q = quantizeRows(data, rows, cols);
    const back = dequantizeAll(q);
    for (let r = 0; r < rows; r++) {
      let max = 0;
      for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(data[r * cols + c]!));
      const scale = q.scales[r]!;
      expect(scale).toBeGreaterThanOrEqual((max / EMBEDDING_LEVELS) * (1 - 1e-6));
      expect(scale).toBeLessThanOrEqual((max / EMBEDDING_LEVELS) * 2 ** (1 / SCALE_STEPS) + 1e-12);
      for (let c = 0; c < cols; c++) {
        expect(Math.abs(q.values[r * cols + c]!)).toBeLessThanOrEqual(EMBEDDING_LEVELS);
        expect(Math.abs(back[r * cols + c]! - data[r * cols + c]!)).toBeLessThanOrEqual(
          scale / 2 + 1e-7,
        );
      }
    }
    const row = new Float32Array(cols);
    dequantizeRow(q, 3, row);
    expect(Array.from(row)).toEqual(Array.from(back.subarray(3 * cols, 4 * cols)));
  });

  it('bounds the error of a dot product by half a step times the other vector’s L1 norm', () => {
    const random = seededRandom(11);
    const cols = 64;
    const a = Float32Array.from({ length: cols }, () => random() - 0.5);
    const u = Float32Array.from({ length: cols }, () => random() - 0.5);
    const q = quantizeRows(a, 1, cols);
    const back = dequantizeAll(q);
    let exact = 0;
    let approx = 0;
    let l1 = 0;
    for (let c = 0; c < cols; c++) {
      exact += a[c]! * u[c]!;
      approx += back[c]! * u[c]!;
      l1 += Math.abs(u[c]!);
    }
    expect(Math.abs(exact - approx)).toBeLessThanOrEqual((q.scales[0]! / 2) * l1 + 1e-6);
  });

  it('handles all-zero rows and matrices without dividing by zero', () => {
    const q = quantizeRows(Float32Array.from([0, 0, 0, 0, 1, -2, 0, 0]), 2, 4);
    expect(Array.from(dequantizeAll(q)).slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(Array.from(dequantizeAll(quantizeRows(new Float32Array(8), 2, 4)))).toEqual(
      new Array(8).fill(0),
    );
  });

  it('codes a scale as the byte of its level on the log grid', () => {
    const top = 0.75;
    for (const code of [0, 1, 17, 254, 255]) {
      expect(scaleCode(scaleLevel(top, code), top)).toBe(code);
    }
    // `up` never picks a level below the scale; the nearest is within half a step.
    const s = top * 2 ** (-3.3 / SCALE_STEPS);
    expect(scaleLevel(top, scaleCode(s, top, true))).toBeGreaterThanOrEqual(s);
    expect(scaleCode(s, top)).toBe(3);
    expect(scaleCode(0, top)).toBe(255);
    expect(scaleCode(top * 1e-9, top)).toBe(255);
  });
});
