import { describe, expect, it } from 'vitest';
import { seededRandom } from '@insitu/core';
import { dequantizeAll, dequantizeRow, quantizeRows } from './quantize.ts';

describe('int8 row quantisation', () => {
  it('keeps every entry within half a step of its row scale', () => {
    const random = seededRandom(7);
    const rows = 50;
    const cols = 32;
    const data = Float32Array.from(
      { length: rows * cols },
      (_, i) => (random() - 0.5) * (1 + (i % 7)),
    );
    const q = quantizeRows(data, rows, cols);
    const back = dequantizeAll(q);
    for (let r = 0; r < rows; r++) {
      let max = 0;
      for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(data[r * cols + c]!));
      for (let c = 0; c < cols; c++) {
        expect(Math.abs(back[r * cols + c]! - data[r * cols + c]!)).toBeLessThanOrEqual(
          max / 254 + 1e-7,
        );
      }
    }
    const row = new Float32Array(cols);
    dequantizeRow(q, 3, row);
    expect(Array.from(row)).toEqual(Array.from(back.subarray(3 * cols, 4 * cols)));
  });

  it('bounds the error of a dot product by the vector norms', () => {
    const random = seededRandom(11);
    const cols = 64;
    const a = Float32Array.from({ length: cols }, () => random() - 0.5);
    const u = Float32Array.from({ length: cols }, () => random() - 0.5);
    const back = dequantizeAll(quantizeRows(a, 1, cols));
    let exact = 0;
    let approx = 0;
    let maxA = 0;
    let l1 = 0;
    for (let c = 0; c < cols; c++) {
      exact += a[c]! * u[c]!;
      approx += back[c]! * u[c]!;
      maxA = Math.max(maxA, Math.abs(a[c]!));
      l1 += Math.abs(u[c]!);
    }
    expect(Math.abs(exact - approx)).toBeLessThanOrEqual((maxA / 254) * l1 + 1e-6);
  });

  it('handles all-zero rows without dividing by zero', () => {
    const q = quantizeRows(new Float32Array(8), 2, 4);
    expect(Array.from(dequantizeAll(q))).toEqual(new Array(8).fill(0));
  });
});
