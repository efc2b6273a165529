/**
 * `a · b` for row-major `a` (rows × depth) and `b` (depth × cols), returned row-major
 * (rows × cols). The inverse spends nearly all its time here, so a caller with a faster engine
 * (e.g. a SIMD matMul in Node) can pass its own; the default is plain TS.
 */
export type Multiply = (
  a: Float32Array,
  b: Float32Array,
  rows: number,
  depth: number,
  cols: number,
) => Float32Array | Promise<Float32Array>;

/** Plain-TS `a · b`: each row of `a` scales rows of `b` into the output row (contiguous axpys). */
export const jsMultiply: Multiply = (a, b, rows, depth, cols) => {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let k = 0; k < depth; k++) {
      const v = a[i * depth + k]!;
      if (v === 0) continue;
      const r = k * cols;
      for (let j = 0; j < cols; j++) out[o + j]! += v * b[r + j]!;
    }
  }
  return out;
};

/** Options of `invertSpd`. */
export interface SpdInverseOptions {
  /** Pivots swept together (default 512): bigger blocks move more work into `multiply`. */
  block?: number;
  /** Rows of one `multiply` call (default 1024), which bounds its temporary memory. */
  tileRows?: number;
  multiply?: Multiply;
}

/** Inverts a small dense symmetric positive-definite matrix (w × w) by Gauss-Jordan, in place. */
function invertSmall(s: Float64Array, w: number): void {
  for (let p = 0; p < w; p++) {
    const pivot = 1 / s[p * w + p]!;
    for (let c = 0; c < w; c++) s[p * w + c]! *= pivot;
    s[p * w + p] = pivot;
    for (let r = 0; r < w; r++) {
      if (r === p) continue;
      const f = s[r * w + p]!;
      if (f === 0) continue;
      s[r * w + p] = 0;
      for (let c = 0; c < w; c++) s[r * w + c]! -= f * s[p * w + c]!;
    }
  }
}

/**
 * Inverts a symmetric positive-definite n × n matrix in place by the blocked sweep operator
 * (Gauss-Jordan without pivoting, which positive definiteness makes safe). Only the lower
 * triangle is read and updated — symmetry halves the n³ work — and the full inverse is mirrored
 * at the end. Sweeping a block K of pivots maps M to
 *   M_KK ← −S, M_iK ← M_iK S, M_ij ← M_ij − M_iK S M_Kj  (S = M_KK⁻¹),
 * and sweeping every pivot leaves −M⁻¹. Float64 storage accumulates the n / block updates; the
 * products run through `multiply` in float32 (~1e-7 relative each), ample for ranking.
 */
export async function invertSpd(
  m: Float64Array,
  n: number,
  options: SpdInverseOptions = {},
): Promise<void> {
  const b = Math.max(1, Math.min(options.block ?? 512, n));
  const tileRows = Math.max(1, options.tileRows ?? 1024);
  const multiply = options.multiply ?? jsMultiply;
  const s = new Float64Array(b * b);
  const s32 = new Float32Array(b * b);
  const c = new Float32Array(n * b); // M_iK for every row i (rows of K stay zero)
  const ct = new Float32Array(b * n); // its transpose, for one tile at a time
  for (let k0 = 0; k0 < n; k0 += b) {
    const k1 = Math.min(n, k0 + b);
    const w = k1 - k0;
    s.fill(0);
    for (let p = 0; p < w; p++) {
      for (let q = 0; q <= p; q++) s[p * w + q] = s[q * w + p] = m[(k0 + p) * n + k0 + q]!;
    }
    invertSmall(s, w);
    s32.fill(0);
    for (let p = 0; p < w; p++) for (let q = 0; q < w; q++) s32[p * b + q] = s[p * w + q]!;
    c.fill(0);
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      // M_iK from the lower triangle: row i for i below K, column i of K's rows above it.
      const row = i * b;
      if (i > k0) for (let q = 0; q < w; q++) c[row + q] = m[i * n + k0 + q]!;
      else for (let q = 0; q < w; q++) c[row + q] = m[(k0 + q) * n + i]!;
    }
    const t = await multiply(c, s32, n, b, b); // T = M_iK · S
    // M_ij −= T_i · C_j over the lower triangle, a tile of rows at a time.
    for (let i0 = 0; i0 < n; i0 += tileRows) {
      const i1 = Math.min(n, i0 + tileRows);
      for (let j = 0; j < i1; j++) for (let q = 0; q < b; q++) ct[q * i1 + j] = c[j * b + q]!;
      const prod = await multiply(
        t.subarray(i0 * b, i1 * b),
        ct.subarray(0, b * i1),
        i1 - i0,
        b,
        i1,
      );
      for (let i = i0; i < i1; i++) {
        if (i >= k0 && i < k1) continue;
        const row = i * n;
        const p = (i - i0) * i1;
        for (let j = 0; j <= i; j++) m[row + j]! -= prod[p + j]!;
      }
    }
    // The swept block's own entries: M_iK ← T_i, M_KK ← −S (overwriting what the update touched).
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k1) continue;
      const row = i * b;
      if (i > k0) for (let q = 0; q < w; q++) m[i * n + k0 + q] = t[row + q]!;
      else for (let q = 0; q < w; q++) m[(k0 + q) * n + i] = t[row + q]!;
    }
    for (let p = 0; p < w; p++) {
      for (let q = 0; q <= p; q++) m[(k0 + p) * n + k0 + q] = -s[p * w + q]!;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) m[j * n + i] = m[i * n + j] = -m[i * n + j]!;
  }
}
