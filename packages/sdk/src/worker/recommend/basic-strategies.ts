import {
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
const HALF_LIFE_MS = 7 * 86_400_000;

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

/** Whether an item passes the request's business filters and exclusions. */
function keep(item: CatalogItem, req: RecommendRequest, shopper: ShopperItems): boolean {
  const f = req.filter ?? {};
  const x = req.exclude ?? {};
  if ((f.inStock ?? true) && !item.inStock) return false;
  if (f.minPrice !== undefined && (item.price ?? Infinity) < f.minPrice) return false;
  if (f.maxPrice !== undefined && (item.price ?? -Infinity) > f.maxPrice) return false;
  if (f.categories && !item.categories.some((c) => f.categories!.includes(c))) return false;
  if (f.brands && (item.brand === undefined || !f.brands.includes(item.brand))) return false;
  if (x.ids?.includes(item.id)) return false;
  const personal = req.strategy !== 'trending' && req.strategy !== 'recently-viewed';
  if ((x.purchased ?? personal) && shopper.purchased.has(item.id)) return false;
  if ((x.inCart ?? req.strategy !== 'recently-viewed') && shopper.cart.has(item.id)) return false;
  return true;
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
  const index = catalogIndex(catalog);
  const lookup = (id: string) => index.get(id) ?? (catalog ? undefined : shopper.seen.get(id));
  const out: Recommendation[] = [];
  const taken = new Set<string>();
  const add = (
    item: CatalogItem | undefined,
    score: number,
    rec: Omit<Recommendation, 'item' | 'score'>,
  ) => {
    if (!item || taken.has(item.id) || out.length >= limit || !keep(item, req, shopper)) return;
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
    const w = (WEIGHTS[e.name] ?? 0) * 0.5 ** (Math.max(0, now - e.ts) / HALF_LIFE_MS);
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
