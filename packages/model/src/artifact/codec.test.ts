import { describe, expect, it } from 'vitest';
import { seededRandom } from '@insitu/core';
import { neighboursOf, topKNeighbours } from '../neighbours.ts';
import { decodeEmbeddings, decodeNeighbours, encodeEmbeddings, encodeNeighbours } from './codec.ts';
import { quantizeRows } from '../quantize.ts';

/** Rows with up to `perRow` random neighbours on every `every`-th item (scores over 3 decades). */
function randomRows(n: number, perRow: number, every: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const row = new Map<number, number>();
    if (i % every === 0)
      for (let k = 0; k < perRow; k++) row.set(Math.floor(random() * n), 10 ** (-3 * random()));
    return row;
  });
}

describe('artifact codecs', () => {
  for (const n of [3000, 70_000]) {
    it(`round-trips neighbour lists with ${n <= 0xffff ? '16' : '32'}-bit indices`, () => {
      const every = n > 0xffff ? 1000 : 3;
      const table = topKNeighbours(randomRows(n, 30, every, n), 20);
      expect(table.cols.length).toBeGreaterThan(n > 0xffff ? 500 : 5000);
      if (n > 0xffff) expect(Math.max(...table.cols)).toBeGreaterThan(0xffff);
      const bytes = encodeNeighbours(table);
      const back = decodeNeighbours(bytes, n);
      // Every row that has neighbours, and the empty one after it.
      const rows = Array.from({ length: n }, (_, i) => i).filter((i) => i % every < 2);
      const lists = (t: typeof table) => rows.map((i) => neighboursOf(t, i));
      expect(lists(back)).toEqual(lists(table));
      // Decoding loses nothing: encoding the decoded table gives the same bytes.
      expect(Buffer.from(encodeNeighbours(back)).equals(Buffer.from(bytes))).toBe(true);
      expect(() => decodeNeighbours(bytes.slice(1), n)).toThrow(/neighbours\.bin/);
      expect(() => decodeNeighbours(bytes.slice(0, -1), n)).toThrow(/neighbours\.bin/);
    });
  }

  it('round-trips rows without neighbours and an empty table', () => {
    const rows = [new Map([[1, 2]]), new Map<number, number>(), new Map([[0, 0.5]])];
    const table = topKNeighbours(rows, 20);
    const back = decodeNeighbours(encodeNeighbours(table), 3);
    expect([0, 1, 2].map((i) => neighboursOf(back, i))).toEqual([[[1, 2]], [], [[0, 0.5]]]);
    const empty = topKNeighbours([new Map(), new Map()], 20);
    expect(neighboursOf(decodeNeighbours(encodeNeighbours(empty), 2), 1)).toEqual([]);
  });

  it('round-trips 4-bit embeddings (odd value count) and rejects a truncated file', () => {
    const random = seededRandom(1);
    const m = quantizeRows(
      Float32Array.from({ length: 35 }, () => (random() - 0.5) * 10 ** -(3 * random())),
      5,
      7,
    );
    const bytes = encodeEmbeddings(m);
    expect(bytes.length).toBe(4 + 5 + 18);
    expect(decodeEmbeddings(bytes, 5, 7)).toEqual(m);
    expect(() => decodeEmbeddings(bytes.slice(0, -1), 5, 7)).toThrow(/embeddings\.bin/);
  });
});
