import type { CatalogItem } from './catalog.ts';

/** How `recommend()` chooses items. */
export type Strategy =
  'for-you' | 'similar-items' | 'bought-together' | 'trending' | 'recently-viewed';

/** Business filters applied after scoring. */
export interface RecommendFilter {
  /** Keep only items in stock (default true). */
  inStock?: boolean;
  minPrice?: number;
  maxPrice?: number;
  /** Keep only items in one of these categories (any level). */
  categories?: string[];
  brands?: string[];
}

/** What not to recommend. */
export interface RecommendExclude {
  ids?: string[];
  /** Items the shopper already bought (default true for for-you, similar-items, bought-together). */
  purchased?: boolean;
  /** Items now in the cart (default true, except for recently-viewed). */
  inCart?: boolean;
}

/** The argument of `insitu.recommend()`. */
export interface RecommendRequest {
  strategy: Strategy;
  /** How many items, 1–100 (default 8). */
  limit?: number;
  /** The anchor item for similar-items and bought-together (defaults to the last viewed). */
  itemId?: string;
  filter?: RecommendFilter;
  exclude?: RecommendExclude;
  /** 0 = pure relevance, 1 = maximal variety (MMR trade-off); default 0.3. */
  diversity?: number;
  /** The page's context, used for cold start ("popular in Running"). */
  context?: { category?: string };
  /** Demotion of items shown and not engaged with (default on for for-you and trending). */
  rotation?: RotationOptions;
  /** `false`: rank without the personal head trained on this device (the global order). */
  personal?: boolean;
}

/**
 * Rotation (after Recombee's rotation rate and time): an item shown to this shopper and not
 * clicked, added or bought loses up to `rate` of its score — a third of it per recent showing,
 * all of it from three — and recovers as those showings age with a half-life of `hours`. Any
 * engagement with the item clears its showings.
 */
export interface RotationOptions {
  /** 0 = off … 1 = an item skipped three times drops to the bottom. Default 0.5. */
  rate?: number;
  /** Half-life of a showing, in hours. Default 24. */
  hours?: number;
}

/** Why an item was recommended, in words the shopper can read. */
export interface Explanation {
  kind:
    | 'because-viewed'
    | 'bought-together'
    | 'similar'
    | 'popular'
    | 'trending'
    | 'recently-viewed'
    | 'interest';
  text: string;
  /** The item of the shopper's history that led to this one, where there is one. */
  sourceItemId?: string;
  category?: string;
}

/** One recommended item. */
export interface Recommendation {
  item: CatalogItem;
  score: number;
  explanation: Explanation;
}

/** What `insitu.recommend()` resolves to. */
export interface RecommendResult {
  strategy: Strategy;
  items: Recommendation[];
  /** Which engine answered: the trained model, or a fallback while it loads or when it is absent. */
  source: 'model' | 'fallback';
  /** The tfjs backend used, when the model answered. */
  backend?: string;
}
