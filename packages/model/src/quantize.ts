/** A matrix stored as 4-bit integers (−7…7) with one scale per row: value ≈ q × scale. */
export interface QuantizedMatrix {
  rows: number;
  cols: number;
  /** rows × cols, row-major, each within ±EMBEDDING_LEVELS. */
  values: Int8Array;
  /** One per row, on the log grid of `scaleLevel`: at least the row's max |value| / 7. */
  scales: Float32Array;
}

/** Largest |q| of a quantised value: 4 bits, symmetric. */
export const EMBEDDING_LEVELS = 7;

/** Scale codes per octave: the artifact stores a scale as one byte below the file's largest. */
export const SCALE_STEPS = 16;

/** The scale of byte `code` under the largest scale `top`: `top × 2^(−code / SCALE_STEPS)`. */
export const scaleLevel = (top: number, code: number): number =>
  Math.fround(top * 2 ** (-code / SCALE_STEPS));

/**
 * The byte code of `scale` ≤ `top`: the nearest level, or with `up` the nearest level not below
 * it. Scales below the last level (and 0) get the last code, 255.
 */
export function scaleCode(scale: number, top: number, up = false): number {
  if (!(scale > 0 && top > 0)) return 255;
  const c = SCALE_STEPS * Math.log2(top / scale);
  return Math.max(0, Math.min(255, up ? Math.floor(c + 1e-6) : Math.round(c)));
}

/**
 * Symmetric per-row 4-bit quantisation. Each row's scale is the smallest level of `scaleLevel` not
 * below `max|row| / 7`, so an entry's error is at most half a step, i.e. `scale / 2`.
 */
export function quantizeRows(data: Float32Array, rows: number, cols: number): QuantizedMatrix {
  const values = new Int8Array(rows * cols);
  const maxima = Float64Array.from({ length: rows }, (_, r) => {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(data[r * cols + c]!));
    return max / EMBEDDING_LEVELS;
  });
  const top = Math.fround(maxima.reduce((a, v) => Math.max(a, v), 0));
  const scales = Float32Array.from(maxima, (s) => scaleLevel(top, scaleCode(s, top, true)));
  for (let r = 0; r < rows; r++) {
    const scale = scales[r]!;
    for (let c = 0; c < cols; c++) {
      const q = scale > 0 ? Math.round(data[r * cols + c]! / scale) : 0;
      values[r * cols + c] = Math.max(-EMBEDDING_LEVELS, Math.min(EMBEDDING_LEVELS, q));
    }
  }
  return { rows, cols, values, scales };
}

/** Reads one row back as floats into `out`. */
export function dequantizeRow(m: QuantizedMatrix, row: number, out: Float32Array): void {
  const scale = m.scales[row]!;
  const base = row * m.cols;
  for (let c = 0; c < m.cols; c++) out[c] = m.values[base + c]! * scale;
}

/** The whole matrix as floats (rows × cols). */
export function dequantizeAll(m: QuantizedMatrix): Float32Array {
  const out = new Float32Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    const scale = m.scales[r]!;
    for (let c = 0; c < m.cols; c++) out[r * m.cols + c] = m.values[r * m.cols + c]! * scale;
  }
  return out;
}
