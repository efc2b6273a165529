import type { ArtifactManifest } from '../artifact/manifest.ts';
import type { ModelParts } from '../insitu-model.ts';
import { topKNeighbours } from '../neighbours.ts';
import { quantizeRows } from '../quantize.ts';
import { contentVectors } from './content-vectors.ts';
import type { ContentItem } from './content-vectors.ts';

/** Above this many items the all-pairs neighbour search is skipped (it is O(items²)). */
const MAX_PAIRWISE = 20_000;

type ManifestBase = Pick<
  ArtifactManifest,
  | 'format'
  | 'formatVersion'
  | 'createdAt'
  | 'seed'
  | 'catalogHash'
  | 'itemCount'
  | 'dims'
  | 'itemIds'
>;

/**
 * A content-only model for a shop without logs: item vectors from catalog text and categories,
 * "similar" neighbours by cosine, and the catalog's own order as the popularity fallback.
 */
export function buildContentParts(
  items: readonly ContentItem[],
  base: ManifestBase,
  seed: number,
): ModelParts {
  const n = base.itemCount;
  const d = base.dims;
  const vectors = contentVectors(
    Array.from({ length: n }, (_, i) => items[i] ?? {}),
    d,
    seed,
  );
  const rows = Array.from({ length: n }, () => new Map<number, number>());
  if (n <= MAX_PAIRWISE) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += vectors[i * d + k]! * vectors[j * d + k]!;
        if (s > 0.05) {
          rows[i]!.set(j, s);
          rows[j]!.set(i, s);
        }
      }
    }
  }
  const manifest: ArtifactManifest = {
    ...base,
    kind: 'content',
    encoder: null,
    // The shopper's vector is a recency-weighted mean of their items' content vectors.
    blend: { model: 1, temperature: 0.1, covis: 0, recency: 0.7, popularity: 0.01 },
    popularityHalfLife: null,
    files: {},
    eval: {},
    training: { users: 0, interactions: 0, seconds: 0, backend: 'none', epochs: 0 },
  };
  return {
    manifest,
    embeddings: quantizeRows(vectors, n, d),
    encoder: null,
    neighbours: topKNeighbours(rows, 20),
    popularity: Float32Array.from({ length: n }, (_, i) => 1 - i / Math.max(1, n)),
    centroids: [],
  };
}
