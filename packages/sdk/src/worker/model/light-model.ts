import {
  InsituError,
  rotationFactors,
  rowsById,
  sourceOrder,
  type Catalog,
  type RecommendRequest,
  type RecommendResult,
  type RotationOptions,
  type ShopperState,
  type SourceOrder,
} from '@insitu/core';
import { catalogHash, loadPopularity } from '@insitu/model';
import { openArtifact, type CachedArtifact } from './artifact-cache.ts';
import { trendingFrom } from './model-strategies.ts';
import { shopperHistory } from './shopper-history.ts';

/** The artifact's first stage: trending from the shop's popularity, and the opened artifact. */
export interface LightModel {
  /** The same cache session, for the full load to continue with. */
  artifact: CachedArtifact;
  /** The catalog it was opened for. */
  catalog: Catalog;
  /**
   * The artifact's popularity in catalog order with its `sourceOrder`, sorted on first use: the
   * full model's own for the same catalog (the same floats), so it takes this one over and a page
   * sorts popularity once (~10 ms per 10k items).
   */
  popular(): SourceOrder;
  /** Answers `trending` (undefined for any other strategy). */
  recommend(
    request: RecommendRequest,
    shopper: ShopperState,
    options?: { locale?: 'en' | 'zh'; rotation?: RotationOptions },
  ): RecommendResult | undefined;
}

/**
 * Opens the artifact and reads only its manifest and popularity (~30 KB gzipped for 10k items),
 * checked against the catalog: a visitor with no history gets the shop's trending without the
 * embeddings, neighbours, encoder or tfjs, which load after the first events or when idle.
 */
export async function openPopularity(baseUrl: string, catalog: Catalog): Promise<LightModel> {
  const artifact = await openArtifact(baseUrl);
  const { manifest, popularity } = await loadPopularity(artifact.read, catalogHash(catalog));
  const rowOf = new Map(manifest.itemIds.map((id, row) => [id, row]));
  const scores = Float32Array.from(catalog.items, (item) => {
    const row = rowOf.get(item.id);
    return row === undefined ? NaN : popularity[row]!;
  });
  if (!scores.some((s) => !Number.isNaN(s))) {
    throw new InsituError(
      'artifact_mismatch',
      'The model knows none of the catalog items; rebuild it with the current catalog.json.',
      { field: 'manifest.json' },
    );
  }
  const index = rowsById(catalog.items);
  let order: SourceOrder | undefined;
  const popular = () => (order ??= sourceOrder(scores));
  return {
    artifact,
    catalog,
    popular,
    recommend(request, state, options = {}) {
      if (request.strategy !== 'trending') return undefined;
      const shopper = shopperHistory(state, (id) => index.get(id));
      const rotation = rotationFactors(
        shopper.shown,
        (id) => index.get(id),
        catalog.items.length,
        request,
        Date.now(),
        options.rotation,
      );
      return trendingFrom(catalog.items, popular(), request, shopper, {
        backend: 'js',
        ...(options.locale === undefined ? {} : { locale: options.locale }),
        ...(rotation === undefined ? {} : { rotation }),
      });
    },
  };
}
