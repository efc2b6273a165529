import {
  decayFactor,
  filterPredicate,
  InsituError,
  type Catalog,
  type CatalogItem,
  type Recommendation,
  type RecommendRequest,
  type RecommendResult,
  type StoredEvent,
} from '@insitu/core';
import { catalogIndex, shopperItems, type ShopperItems } from './shopper-items.ts';

const STRATEGIES = new Set([
  'for-you',
  'similar-items',
  'bought-together',
  'trending',
  'recently-viewed',
]);
/** Interest signalled by each event, for local trending counts; a removal counts against. */
const WEIGHTS: Record<string, number> = {
  'Product Viewed': 1,
  'Product Clicked': 1,
  'Recommendation Clicked': 1,
  'Product Added': 3,
  'Product Removed': -1,
  'Order Completed': 5,
};
/** Local counts lose half their weight per week, so last month's browsing fades. */
const HALF_LIFE_DAYS = 7;

/** Checks a request and fills in defaults; throws `invalid_request` naming the field. */
export function normalise(
  req: RecommendRequest,
): Required<Pick<RecommendRequest, 'strategy' | 'limit'>> {
  if (typeof req !== 'object' || req === null || !STRATEGIES.has(req.strategy)) {
    throw new InsituError(
      'invalid_request',
      `Unknown strategy; use one of ${[...STRATEGIES].join(', ')}.`,
      {
        field: 'strategy',
      },
    );
  }
  const limit = req.limit ?? 8;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new InsituError('invalid_request', 'limit must be an integer from 1 to 100.', {
      field: 'limit',
    });
  }
  return { strategy: req.strategy, limit };
}

/** Whether an item passes the request's business filters (core's rule) and exclusions. */
function keeper(req: RecommendRequest, shopper: ShopperItems): (item: CatalogItem) => boolean {
  const passes = filterPredicate(req.filter);
  const x = req.exclude ?? {};
  const personal = req.strategy !== 'trending' && req.strategy !== 'recently-viewed';
  const dropPurchased = x.purchased ?? personal;
  const dropCart = x.inCart ?? req.strategy !== 'recently-viewed';
  return (item) =>
    passes(item) &&
    !x.ids?.includes(item.id) &&
    !(dropPurchased && shopper.purchased.has(item.id)) &&
    !(dropCart && shopper.cart.has(item.id));
}

/**
 * Answers `recently-viewed` and `trending` from the store and catalog; any other strategy gets
 * trending with `source: 'fallback'` until a model service answers it.
 */
export function basicRecommend(
  req: RecommendRequest,
  newestFirst: readonly StoredEvent[],
  catalog: Catalog | undefined,
  now = Date.now(),
): RecommendResult {
  const { strategy, limit } = normalise(req);
  const shopper = shopperItems(newestFirst);
  const keep = keeper(req, shopper);
  const index = catalogIndex(catalog);
  const lookup = (id: string) => index.get(id) ?? (catalog ? undefined : shopper.seen.get(id));
  const out: Recommendation[] = [];
  const taken = new Set<string>();
  const add = (
    item: CatalogItem | undefined,
    score: number,
    rec: Omit<Recommendation, 'item' | 'score'>,
  ) => {
    if (!item || taken.has(item.id) || out.length >= limit || !keep(item)) return;
    taken.add(item.id);
    out.push({ item, score, ...rec });
  };
  if (strategy === 'recently-viewed') {
    shopper.viewed.forEach((id, i) =>
      add(lookup(id), 1 / (i + 1), {
        explanation: { kind: 'recently-viewed', text: 'You viewed this recently' },
      }),
    );
    return { strategy, items: out, source: 'fallback' };
  }
  const scores = new Map<string, number>();
  for (const e of newestFirst) {
    const w = (WEIGHTS[e.name] ?? 0) * decayFactor(Math.max(0, now - e.ts), HALF_LIFE_DAYS);
    for (const id of e.items) scores.set(id, (scores.get(id) ?? 0) + w);
  }
  const ranked = [...scores].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  for (const [id, score] of ranked) {
    add(lookup(id), score, {
      explanation: { kind: 'trending', text: 'Trending in your recent browsing' },
    });
  }
  // Fill with the catalog's own order (shops list their best sellers first), in context first.
  const context = req.context?.category;
  const items = catalog?.items ?? [];
  const inContext = context ? items.filter((i) => i.categories.includes(context)) : [];
  for (const item of [...inContext, ...items]) {
    const category = context && item.categories.includes(context) ? context : item.categories[0];
    const explanation = category
      ? { kind: 'popular' as const, text: `Popular in ${category}`, category }
      : { kind: 'popular' as const, text: 'Popular in this shop' };
    add(item, 0, { explanation });
  }
  return { strategy, items: out, source: 'fallback' };
}
