/** A matrix stored as int8 with one float scale per row: value ≈ q × scale. */
export interface QuantizedMatrix {
  rows: number;
  cols: number;
  /** rows × cols, row-major. */
  values: Int8Array;
  /** One per row: the row's max |value| / 127. */
  scales: Float32Array;
}

/**
 * Symmetric per-row int8 quantisation. The error of each entry is at most half a step,
 * i.e. `scale / 2 = max|row| / 254`.
 */
export function quantizeRows(data: Float32Array, rows: number, cols: number): QuantizedMatrix {
  const values = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(data[r * cols + c]!));
    const scale = max === 0 ? 1 : max / 127;
    scales[r] = scale;
    for (let c = 0; c < cols; c++) {
      values[r * cols + c] = Math.max(-127, Math.min(127, Math.round(data[r * cols + c]! / scale)));
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
