import { InsituError } from '@insitu/core';
import type { NeighbourTable } from '../neighbours.ts';
import type { QuantizedMatrix } from '../quantize.ts';

/** Binary layout of `embeddings.bin`: float32 scales[rows], then int8 values[rows × cols]. */
export function encodeEmbeddings(m: QuantizedMatrix): Uint8Array {
  const out = new Uint8Array(m.rows * 4 + m.values.length);
  out.set(new Uint8Array(m.scales.buffer, m.scales.byteOffset, m.rows * 4), 0);
  out.set(new Uint8Array(m.values.buffer, m.values.byteOffset, m.values.length), m.rows * 4);
  return out;
}

const mismatch = (file: string, what: string) =>
  new InsituError(
    'artifact_mismatch',
    `${file}: ${what}; rebuild the model with \`insitu build\`.`,
    {
      field: file,
    },
  );

/** Copies bytes to a fresh, aligned buffer (fetched buffers may be shared or unaligned). */
const aligned = (bytes: Uint8Array, start: number, length: number): ArrayBuffer =>
  bytes.slice(start, start + length).buffer;

/** Reads `embeddings.bin`. */
export function decodeEmbeddings(bytes: Uint8Array, rows: number, cols: number): QuantizedMatrix {
  if (bytes.length !== rows * 4 + rows * cols) {
    throw mismatch(
      'embeddings.bin',
      `expected ${rows * 4 + rows * cols} bytes, got ${bytes.length}`,
    );
  }
  return {
    rows,
    cols,
    scales: new Float32Array(aligned(bytes, 0, rows * 4)),
    values: new Int8Array(aligned(bytes, rows * 4, rows * cols)),
  };
}

/** Bytes per neighbour index: 2 while every row fits in 16 bits, else 4. */
export const indexBytes = (itemCount: number): 2 | 4 => (itemCount <= 0xffff ? 2 : 4);

/**
 * Layout of `neighbours.bin`: u32 offsets[n+1], f32 rowScale[n], cols[m] (u16 or u32, see
 * `indexBytes`; within a row sorted and stored as gaps), u8 q[m].
 */
export function encodeNeighbours(t: NeighbourTable): Uint8Array {
  const n = t.itemCount;
  const m = t.cols.length;
  const width = indexBytes(n);
  // Each row's columns are stored sorted, as gaps from the previous one: small numbers gzip well.
  const order = new Uint32Array(m);
  const gaps = new Uint32Array(m);
  for (let i = 0; i < n; i++) {
    const start = t.offsets[i]!;
    const idx = Array.from({ length: t.offsets[i + 1]! - start }, (_, k) => start + k).sort(
      (a, b) => t.cols[a]! - t.cols[b]!,
    );
    idx.forEach((e, k) => {
      order[start + k] = e;
      gaps[start + k] = k === 0 ? t.cols[e]! : t.cols[e]! - t.cols[idx[k - 1]!]!;
    });
  }
  const cols = width === 2 ? Uint16Array.from(gaps) : gaps;
  const q = Uint8Array.from(order, (e) => t.q[e]!);
  const out = new Uint8Array(4 * (n + 1) + 4 * n + width * m + m);
  let at = 0;
  for (const part of [t.offsets, t.rowScale, cols, q]) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part.byteLength;
  }
  return out;
}

/** Reads `neighbours.bin`. */
export function decodeNeighbours(bytes: Uint8Array, n: number): NeighbourTable {
  const offsets = new Uint32Array(aligned(bytes, 0, 4 * (n + 1)));
  const m = offsets[n] ?? 0;
  const width = indexBytes(n);
  if (bytes.length !== 4 * (n + 1) + 4 * n + (width + 1) * m) {
    throw mismatch('neighbours.bin', `size does not match ${n} items`);
  }
  let at = 4 * (n + 1);
  const rowScale = new Float32Array(aligned(bytes, at, 4 * n));
  at += 4 * n;
  const raw = aligned(bytes, at, width * m);
  const cols = width === 2 ? Uint32Array.from(new Uint16Array(raw)) : new Uint32Array(raw);
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]! + 1; e < offsets[i + 1]!; e++) cols[e]! += cols[e - 1]!;
  }
  at += width * m;
  const q = new Uint8Array(aligned(bytes, at, m));
  return { itemCount: n, offsets, rowScale, cols, q };
}

/** `popularity.bin`: float32 per item, scaled to a maximum of 1. */
export function decodeFloats(bytes: Uint8Array, n: number, file: string): Float32Array {
  if (bytes.length !== 4 * n) throw mismatch(file, `expected ${4 * n} bytes, got ${bytes.length}`);
  return new Float32Array(aligned(bytes, 0, bytes.length));
}

/** Raw bytes of a float array. */
export const floatBytes = (a: Float32Array): Uint8Array =>
  new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
