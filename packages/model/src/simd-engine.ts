import type { ScoreEngine } from './score-engine.ts';
import { SIMD_DOT_WASM } from './simd-dot-wasm.ts';

interface SimdDot {
  memory: WebAssembly.Memory;
  dot(table: number, rows: number, stride: number, user: number, out: number): void;
  soft(at: number, n: number, temperature: number): void;
}

const PAGE = 65536;

/**
 * Dot products over a row-major rows × cols table with a 629-byte wasm SIMD kernel
 * (`simd-dot.wat`: four float32 lanes per instruction), the table copied into its memory once,
 * rows padded with zeros to a multiple of 4, and their `softScale` in the same memory (`softDot`).
 * It sums and exponentiates in float32 where `dotRows` and `softScale` work in float64, so scores
 * differ from plain JS in the last bits, as the tfjs backends' do. Rejects where WebAssembly does
 * not compile, e.g. under a Content-Security-Policy without 'wasm-unsafe-eval'.
 */
export async function simdScoreEngine(
  table: Float32Array,
  rows: number,
  cols: number,
): Promise<ScoreEngine> {
  const stride = Math.max(4, Math.ceil(cols / 4) * 4);
  const bytes = Uint8Array.from(atob(SIMD_DOT_WASM), (c) => c.charCodeAt(0));
  const { instance } = await WebAssembly.instantiate(bytes);
  const kernel = instance.exports as unknown as SimdDot;
  const user = rows * stride * 4;
  const out = user + stride * 4;
  // The scores are padded to a multiple of 4, which `soft` reads whole.
  const padded = Math.ceil(rows / 4) * 4;
  const pages = Math.ceil((out + padded * 4) / PAGE) - kernel.memory.buffer.byteLength / PAGE;
  if (pages > 0) kernel.memory.grow(pages);
  // The memory never grows again, so this view stays valid.
  const heap = new Float32Array(kernel.memory.buffer);
  if (stride === cols) heap.set(table.subarray(0, rows * cols));
  else
    for (let r = 0; r < rows; r++) heap.set(table.subarray(r * cols, (r + 1) * cols), r * stride);
  /** The dot products of `u` with every row, left at `out` in the kernel's memory. */
  const dots = (u: Float32Array) => {
    heap.set(u.subarray(0, cols), user / 4);
    kernel.dot(0, rows, stride, user, out);
  };
  return {
    name: 'simd',
    dot(u) {
      dots(u);
      return heap.slice(out / 4, out / 4 + rows);
    },
    softDot(u, temperature) {
      dots(u);
      heap.fill(-Infinity, out / 4 + rows, out / 4 + padded);
      kernel.soft(out, rows, temperature);
      return heap.slice(out / 4, out / 4 + rows);
    },
    dispose() {},
  };
}
