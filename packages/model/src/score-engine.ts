/**
 * Computes the dot product of a user vector with every item vector. The default runs in plain JS;
 * `tf-engine.ts` runs it as one tfjs matMul (WebGL/wasm) for large catalogs.
 */
export interface ScoreEngine {
  /** Name shown in results, e.g. 'js', 'webgl', 'wasm'. */
  readonly name: string;
  /** A new array per call, which the caller owns: the build keeps one per holdout case. */
  dot(user: Float32Array): Float32Array | Promise<Float32Array>;
  /**
   * `softScale(dot(user), temperature)` in one call, for an engine that computes it where the
   * dot products are (the wasm SIMD kernel); without it, callers scale `dot`'s result in JS.
   */
  softDot?(user: Float32Array, temperature: number): Float32Array | Promise<Float32Array>;
  dispose(): void;
}

/**
 * `user` · each row of a row-major rows × cols table, into `out`: the plain-JS engine's loop, and
 * the build's early stop scores the encoder's float table with it too.
 */
export function dotRows(
  table: Float32Array,
  rows: number,
  cols: number,
  user: Float32Array,
  out = new Float32Array(rows),
): Float32Array {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * cols;
    for (let c = 0; c < cols; c++) s += user[c]! * table[base + c]!;
    out[r] = s;
  }
  return out;
}

/** Plain-JS dot products over a row-major rows × cols table (`dotRows`). */
export function jsScoreEngine(table: Float32Array, rows: number, cols: number): ScoreEngine {
  return {
    name: 'js',
    dot: (user) => dotRows(table, rows, cols, user),
    dispose() {},
  };
}
