import type { InteractionKind } from '@insitu/core';

/** Shape of the sequence encoder: a one-block causal self-attention over the recent items. */
export interface EncoderConfig {
  /** Embedding width. */
  dims: number;
  /** How many of the most recent history items the encoder reads. */
  maxLen: number;
  /** Items in the vocabulary (row 0 of the item table is padding, so it has itemCount + 1 rows). */
  itemCount: number;
}

/** Interaction kinds in the order of the kind-embedding rows. */
export const KINDS: readonly InteractionKind[] = ['view', 'cart', 'purchase', 'rating'];

/** Row of the kind table for a kind (unknown kinds read as views). */
export const kindIndex = (kind: string): number =>
  Math.max(0, KINDS.indexOf(kind as InteractionKind));

/** Name and shape of every encoder weight, in the order they are saved. */
export function weightShapes(c: EncoderConfig): [string, number[]][] {
  const d = c.dims;
  return [
    ['item', [c.itemCount + 1, d]],
    ['pos', [c.maxLen, d]],
    ['kind', [KINDS.length, d]],
    ['ln1_g', [d]],
    ['ln1_b', [d]],
    ['wq', [d, d]],
    ['wk', [d, d]],
    ['wv', [d, d]],
    ['ln2_g', [d]],
    ['ln2_b', [d]],
    ['w1', [d, d]],
    ['b1', [d]],
    ['w2', [d, d]],
    ['b2', [d]],
    ['lnf_g', [d]],
    ['lnf_b', [d]],
  ];
}

/** Encoder weights as flat row-major arrays, keyed by the names of `weightShapes`. */
export type EncoderWeights = Record<string, Float32Array>;

/** Weights the on-device encoder needs besides the item table (which ships quantised). */
export const DENSE_WEIGHTS = weightShapes({ dims: 1, maxLen: 1, itemCount: 0 })
  .map(([name]) => name)
  .filter((name) => name !== 'item');
