/**
 * A sparse square matrix in compressed rows (CSR): row i's entries are
 * `cols[offsets[i]] … cols[offsets[i+1]-1]` with their `vals`. Compact and fast to scan, which is
 * all the baselines need (add a row into a score array).
 */
export interface SparseRows {
  size: number;
  offsets: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/**
 * Builds the matrix from (row, col, weight) triples, summing duplicates. Two passes of counting
 * sort, then a dense accumulator per row merges repeated columns in O(entries).
 */
export function sparseFromTriples(
  size: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  weights?: ArrayLike<number>,
): SparseRows {
  const n = rows.length;
  const start = new Int32Array(size + 1);
  for (let e = 0; e < n; e++) start[rows[e]! + 1]!++;
  for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
  const byRowCol = new Int32Array(n);
  const byRowVal = new Float32Array(n);
  const fill = start.slice(0, size);
  for (let e = 0; e < n; e++) {
    const at = fill[rows[e]!]!++;
    byRowCol[at] = cols[e]!;
    byRowVal[at] = weights === undefined ? 1 : weights[e]!;
  }
  const acc = new Float32Array(size);
  const mark = new Int32Array(size).fill(-1);
  const offsets = new Int32Array(size + 1);
  const outCols: number[] = [];
  const outVals: number[] = [];
  const touched: number[] = [];
  for (let i = 0; i < size; i++) {
    touched.length = 0;
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      const c = byRowCol[e]!;
      if (mark[c] !== i) {
        mark[c] = i;
        acc[c] = 0;
        touched.push(c);
      }
      acc[c]! += byRowVal[e]!;
    }
    touched.sort((a, b) => a - b);
    for (const c of touched) {
      outCols.push(c);
      outVals.push(acc[c]!);
    }
    offsets[i + 1] = outCols.length;
  }
  return { size, offsets, cols: Int32Array.from(outCols), vals: Float32Array.from(outVals) };
}

/** Adds `weight ×` row `row` of the matrix into `out`. */
export function addRow(m: SparseRows, row: number, weight: number, out: Float32Array): void {
  if (row < 0 || row >= m.size) return;
  for (let e = m.offsets[row]!; e < m.offsets[row + 1]!; e++) {
    out[m.cols[e]!]! += weight * m.vals[e]!;
  }
}
