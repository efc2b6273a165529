import { describe, expect, it } from 'vitest';
import { seededRandom } from '@insitu/core';
import { neighboursOf, topKNeighbours } from '../neighbours.ts';
import { decodeEmbeddings, decodeNeighbours, encodeEmbeddings, encodeNeighbours } from './codec.ts';
import { quantizeRows } from '../quantize.ts';

function randomRows(n: number, perRow: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const row = new Map<number, number>();
    if (i % 1000 === 0)
      for (let k = 0; k < perRow; k++) row.set(Math.floor(random() * n), random() + 0.01);
    return row;
  });
}

describe('artifact codecs', () => {
  for (const n of [3000, 70_000]) {
    it(`round-trips neighbour lists with ${n <= 0xffff ? '16' : '32'}-bit indices`, () => {
      const table = topKNeighbours(randomRows(n, 30, n), 20);
      const back = decodeNeighbours(encodeNeighbours(table), n);
      for (let i = 0; i < n; i += 1000)
        expect(neighboursOf(back, i)).toEqual(neighboursOf(table, i));
      expect(() => decodeNeighbours(encodeNeighbours(table).slice(1), n)).toThrow(
        /neighbours\.bin/,
      );
    });
  }

  it('round-trips int8 embeddings and rejects a truncated file', () => {
    const random = seededRandom(1);
    const m = quantizeRows(
      Float32Array.from({ length: 40 }, () => random() - 0.5),
      5,
      8,
    );
    const bytes = encodeEmbeddings(m);
    expect(decodeEmbeddings(bytes, 5, 8)).toEqual(m);
    expect(() => decodeEmbeddings(bytes.slice(0, -1), 5, 8)).toThrow(/embeddings\.bin/);
  });
});
