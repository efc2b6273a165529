import type { CatalogItem } from '../catalog.ts';
import type { ItemVectors } from './types.ts';

/** Similarity of two catalog items in [0, 1] (negative cosines count as 0). */
export type ItemSimilarity = (a: number, b: number) => number;

const normsOf = new WeakMap<Float32Array, Float32Array>();

/** Norms of every row, computed once per vector table (the model's item table is long-lived). */
function rowNorms({ dim, values }: ItemVectors): Float32Array {
  let norms = normsOf.get(values);
  if (norms === undefined) {
    norms = new Float32Array(values.length / dim);
    for (let i = 0; i < norms.length; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += values[i * dim + d]! ** 2;
      norms[i] = Math.sqrt(s);
    }
    normsOf.set(values, norms);
  }
  return norms;
}

/** Cosine similarity of item vectors, clipped at 0; only the pairs asked for are computed. */
export function vectorSimilarity(vectors: ItemVectors): ItemSimilarity {
  const { dim, values } = vectors;
  const norms = rowNorms(vectors);
  return (a, b) => {
    const na = norms[a]! * norms[b]!;
    if (!(na > 0)) return 0;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += values[a * dim + d]! * values[b * dim + d]!;
    return Math.max(0, dot / na);
  };
}

/**
 * Similarity from metadata when there are no vectors: overlap of categories (Jaccard) blended
 * with a shared brand, so diversity can spread results across categories and brands.
 */
export function metadataSimilarity(catalog: readonly CatalogItem[]): ItemSimilarity {
  return (a, b) => {
    const x = catalog[a];
    const y = catalog[b];
    if (x === undefined || y === undefined) return 0;
    const cx = new Set(x.categories);
    let shared = 0;
    for (const c of new Set(y.categories)) if (cx.has(c)) shared++;
    const union = cx.size + new Set(y.categories).size - shared;
    const categories = union === 0 ? 0 : shared / union;
    const brand = x.brand !== undefined && x.brand === y.brand ? 1 : 0;
    return union === 0 ? brand : 0.75 * categories + 0.25 * brand;
  };
}
