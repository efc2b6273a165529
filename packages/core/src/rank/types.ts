import type { CatalogItem } from '../catalog.ts';
import type { RecommendRequest } from '../recommend-types.ts';
import type { HistoryEntry } from '../scoring.ts';

/**
 * Where a score comes from. It decides the blend weight and how the item is explained:
 * model / covisit → "because you viewed X", bought-together → "bought together with X",
 * popularity → "popular in Y", trending → "trending", recency → "recently viewed".
 */
export type SourceKind =
  'model' | 'covisit' | 'bought-together' | 'popularity' | 'trending' | 'recency';

/** One candidate source: a score for every catalog item. */
export interface ScoreSource {
  kind: SourceKind;
  /** Aligned with `RankInput.catalog`. Any scale: each source is min-max normalised over the eligible items. */
  scores: Float32Array;
  /** Blend weight; defaults to `DEFAULT_WEIGHTS[kind]`. */
  weight?: number;
  /**
   * Per item, the index (into the catalog) of the history item that led to it, or -1: an array,
   * or a function `rankItems` calls only for the items it explains.
   */
  because?: Int32Array | ((item: number) => number);
  /**
   * `sourceOrder(scores)`, for scores that stay fixed (the artifact's popularity): a lone source
   * with it is ranked by walking the order instead of scoring every item, to the same result.
   */
  ranked?: SourceOrder;
}

/** A source's items by score (see `sourceOrder`): kept beside scores that do not change. */
export interface SourceOrder {
  /** The scores it orders: the walk applies only to a source with these very scores. */
  scores: Float32Array;
  /** Best first (ties in catalog order), then the items without a finite score, in catalog order. */
  order: Int32Array;
  /** How many of `order` have a finite score. */
  finite: number;
}

/** Blend weights per source kind when a source gives none. */
export const DEFAULT_WEIGHTS: Readonly<Record<SourceKind, number>> = {
  model: 1,
  covisit: 0.5,
  'bought-together': 0.5,
  popularity: 0.1,
  trending: 0.1,
  recency: 1,
};

/** Item vectors for diversity and for explaining model scores (row i = catalog item i). */
export interface ItemVectors {
  dim: number;
  /** `catalog.length × dim`, row-major. */
  values: Float32Array;
}

/** Everything `rankItems` needs. Pure data: the worker and the eval build it the same way. */
export interface RankInput {
  /** The candidates; every score array and index refers to this order. */
  catalog: readonly CatalogItem[];
  sources: readonly ScoreSource[];
  /** The shopper's history, item = catalog index, oldest first. */
  history?: readonly HistoryEntry[];
  /** Catalog indices in the cart now (core's shopper state); none when absent. */
  cart?: readonly number[];
  /** Drops every history item (for-you recommends only unseen items), as an edit of the mask. */
  excludeHistory?: boolean;
  /** The anchor of similar-items / bought-together (catalog index); never recommended itself. */
  anchor?: number;
  /** For MMR similarity and "because you viewed" attribution; categories/brand are used otherwise. */
  vectors?: ItemVectors;
  request: Pick<
    RecommendRequest,
    'strategy' | 'limit' | 'filter' | 'exclude' | 'diversity' | 'context' | 'rotation'
  >;
  /** Language of explanation texts (default en). */
  locale?: 'en' | 'zh';
  /** Score multipliers in catalog order (`rotationFactors`): items shown and skipped sink. */
  rotation?: Float32Array;
}
