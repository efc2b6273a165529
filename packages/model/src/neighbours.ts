/**
 * Top-K neighbour lists per item in compressed-row form. Scores are relative: each row's best
 * neighbour has `rowScale[i]`, the others `rowScale[i] × q / 255` with q a byte.
 */
export interface NeighbourTable {
  itemCount: number;
  /** itemCount + 1 offsets into `cols`. */
  offsets: Uint32Array;
  cols: Uint32Array;
  /** Quantised scores, one byte per entry. */
  q: Uint8Array;
  rowScale: Float32Array;
}

/** Keeps the `k` best entries of each sparse row (ties: lower item index first) and quantises them. */
export function topKNeighbours(rows: readonly Map<number, number>[], k: number): NeighbourTable {
  const n = rows.length;
  const offsets = new Uint32Array(n + 1);
  const cols: number[] = [];
  const q: number[] = [];
  const rowScale = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const best = [...rows[i]!.entries()]
      .filter(([j, v]) => j !== i && v > 0)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k);
    const max = best[0]?.[1] ?? 0;
    rowScale[i] = max;
    for (const [j, v] of best) {
      cols.push(j);
      q.push(max === 0 ? 0 : Math.round((255 * v) / max));
    }
    offsets[i + 1] = cols.length;
  }
  return { itemCount: n, offsets, cols: Uint32Array.from(cols), q: Uint8Array.from(q), rowScale };
}

/** Adds `weight × score(i, j)` to `out[j]` for each neighbour j of item i. */
export function addNeighbours(
  t: NeighbourTable,
  i: number,
  weight: number,
  out: Float32Array,
): void {
  const scale = (weight * t.rowScale[i]!) / 255;
  for (let e = t.offsets[i]!; e < t.offsets[i + 1]!; e++) out[t.cols[e]!]! += scale * t.q[e]!;
}

/** The neighbours of item i, best first (ties: lower index first), as [index, score] pairs. */
export function neighboursOf(t: NeighbourTable, i: number): [number, number][] {
  const out: [number, number][] = [];
  for (let e = t.offsets[i]!; e < t.offsets[i + 1]!; e++) {
    out.push([t.cols[e]!, (t.rowScale[i]! * t.q[e]!) / 255]);
  }
  return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}
