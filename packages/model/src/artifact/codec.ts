import { InsituError } from '@insitu/core';
import type { NeighbourTable } from '../neighbours.ts';
import { EMBEDDING_LEVELS, scaleCode, scaleLevel } from '../quantize.ts';
import type { QuantizedMatrix } from '../quantize.ts';

const mismatch = (file: string, what: string) =>
  new InsituError(
    'artifact_mismatch',
    `${file}: ${what}; rebuild the model with \`insitu build\`.`,
    {
      field: file,
    },
  );

/** Concatenates byte arrays. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Scales as a float32 (the largest, little-endian) then one `scaleCode` byte each. */
function encodeScales(scales: Float32Array): Uint8Array {
  const top = scales.reduce((a, v) => Math.max(a, v), 0);
  const out = new Uint8Array(4 + scales.length);
  new DataView(out.buffer).setFloat32(0, top, true);
  scales.forEach((s, i) => (out[4 + i] = scaleCode(s, top)));
  return out;
}

function decodeScales(bytes: Uint8Array, n: number): Float32Array {
  const top = new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  const levels = Float32Array.from({ length: 256 }, (_, code) => scaleLevel(top, code));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = levels[bytes[4 + i]!]!;
  return out;
}

/** Two 4-bit values per byte, the first in the low nibble. */
function packNibbles(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 2));
  for (let i = 0; i < values.length; i++) out[i >> 1]! |= values[i]! << ((i & 1) * 4);
  return out;
}

function unpackNibbles(bytes: Uint8Array, n: number, out: Uint8Array | Int8Array, bias = 0) {
  for (let i = 0; i + 1 < n; i += 2) {
    const b = bytes[i >> 1]!;
    out[i] = (b & 15) - bias;
    out[i + 1] = (b >> 4) - bias;
  }
  if (n % 2 === 1) out[n - 1] = (bytes[n >> 1]! & 15) - bias;
}

/**
 * Layout of `embeddings.bin`: the row scales (f32 largest, then a `scaleCode` byte per row), then
 * the values `q + 7` as nibbles, row-major.
 */
export function encodeEmbeddings(m: QuantizedMatrix): Uint8Array {
  return concat([
    encodeScales(m.scales),
    packNibbles(Uint8Array.from(m.values, (q) => q + EMBEDDING_LEVELS)),
  ]);
}

/** Reads `embeddings.bin`. */
export function decodeEmbeddings(bytes: Uint8Array, rows: number, cols: number): QuantizedMatrix {
  const size = 4 + rows + Math.ceil((rows * cols) / 2);
  if (bytes.length !== size) {
    throw mismatch('embeddings.bin', `expected ${size} bytes, got ${bytes.length}`);
  }
  const values = new Int8Array(rows * cols);
  unpackNibbles(bytes.subarray(4 + rows), rows * cols, values, EMBEDDING_LEVELS);
  return { rows, cols, scales: decodeScales(bytes, rows), values };
}

/** Bytes per neighbour index: 2 while every row fits in 16 bits, else 4. */
export const indexBytes = (itemCount: number): 2 | 4 => (itemCount <= 0xffff ? 2 : 4);

/**
 * Layout of `neighbours.bin`: u8 length of each row; the row scales (as in `embeddings.bin`);
 * each row's columns sorted and stored as gaps from the previous one, in `indexBytes` byte planes
 * (every gap's low byte, then every gap's second byte, …); the weight codes as nibbles, in that order.
 * Small gaps and split planes are what gzip compresses well.
 */
export function encodeNeighbours(t: NeighbourTable): Uint8Array {
  const n = t.itemCount;
  const m = t.cols.length;
  const width = indexBytes(n);
  const lengths = new Uint8Array(n);
  const planes = new Uint8Array(width * m);
  const codes = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const start = t.offsets[i]!;
    const end = t.offsets[i + 1]!;
    if (end - start > 255) throw new RangeError(`row ${i} has over 255 neighbours`);
    lengths[i] = end - start;
    const order = Array.from({ length: end - start }, (_, k) => start + k).sort(
      (a, b) => t.cols[a]! - t.cols[b]!,
    );
    let previous = 0;
    order.forEach((e, k) => {
      const gap = t.cols[e]! - previous;
      previous = t.cols[e]!;
      for (let b = 0; b < width; b++) planes[b * m + start + k] = (gap >>> (8 * b)) & 255;
      codes[start + k] = t.codes[e]!;
    });
  }
  return concat([lengths, encodeScales(t.rowScale), planes, packNibbles(codes)]);
}

/** Reads `neighbours.bin` (columns sorted within each row). */
export function decodeNeighbours(bytes: Uint8Array, n: number): NeighbourTable {
  const width = indexBytes(n);
  const offsets = new Uint32Array(n + 1);
  if (bytes.length >= n) for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + bytes[i]!;
  const m = offsets[n]!;
  if (bytes.length !== 2 * n + 4 + width * m + Math.ceil(m / 2)) {
    throw mismatch('neighbours.bin', `size does not match ${n} items`);
  }
  const rowScale = decodeScales(bytes.subarray(n), n);
  const cols = new Uint32Array(m);
  for (let b = 0; b < width; b++) {
    const plane = bytes.subarray(2 * n + 4 + b * m, 2 * n + 4 + (b + 1) * m);
    const shift = 8 * b;
    for (let e = 0; e < m; e++) cols[e]! |= plane[e]! << shift;
  }
  // Gaps → columns, row by row.
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]! + 1; e < offsets[i + 1]!; e++) cols[e]! += cols[e - 1]!;
  }
  const codes = new Uint8Array(m);
  unpackNibbles(bytes.subarray(2 * n + 4 + width * m), m, codes);
  return { itemCount: n, offsets, rowScale, cols, codes };
}

/** `popularity.bin`: float32 per item, scaled to a maximum of 1. */
export function decodeFloats(bytes: Uint8Array, n: number, file: string): Float32Array {
  if (bytes.length !== 4 * n) throw mismatch(file, `expected ${4 * n} bytes, got ${bytes.length}`);
  return new Float32Array(bytes.slice().buffer);
}

/** Raw bytes of a float array. */
export const floatBytes = (a: Float32Array): Uint8Array =>
  new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
