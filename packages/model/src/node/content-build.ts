import type { ArtifactManifest } from '../artifact/manifest.ts';
import type { ModelParts } from '../insitu-model.ts';
import { topKNeighbours } from '../neighbours.ts';
import { quantizeRows } from '../quantize.ts';
import { buildContentNeighbours } from './content-neighbours.ts';
import { contentVectors } from './content-vectors.ts';
import type { ContentItem } from './content-vectors.ts';

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
 * "similar" neighbours by TF-IDF cosine (`buildContentNeighbours`), and the catalog's own order as the popularity fallback.
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
    neighbours:
      buildContentNeighbours(items, n) ??
      topKNeighbours(
        Array.from({ length: n }, () => new Map()),
        20,
      ),
    popularity: Float32Array.from({ length: n }, (_, i) => 1 - i / Math.max(1, n)),
    centroids: [],
  };
}
