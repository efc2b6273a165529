import {
  decayFactor,
  explanationText,
  filterPredicate,
  InsituError,
  meaningOf,
  purchasedItems,
  shopperStateOf,
  type Catalog,
  type CatalogItem,
  type Recommendation,
  type RecommendRequest,
  type RecommendResult,
  type ShopperState,
  type StoredEvent,
} from '@insitu/core';
import { catalogIndex, itemsSeen } from './event-items.ts';

const STRATEGIES = new Set([
  'for-you',
  'similar-items',
  'bought-together',
  'trending',
  'recently-viewed',
]);
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
function keeper(req: RecommendRequest, shopper: ShopperState): (item: CatalogItem) => boolean {
  const passes = filterPredicate(req.filter);
  const purchased = purchasedItems(shopper);
  const cart = new Set(shopper.cart.map((l) => l.id));
  const x = req.exclude ?? {};
  const personal = req.strategy !== 'trending' && req.strategy !== 'recently-viewed';
  const dropPurchased = x.purchased ?? personal;
  const dropCart = x.inCart ?? req.strategy !== 'recently-viewed';
  return (item) =>
    passes(item) &&
    !x.ids?.includes(item.id) &&
    !(dropPurchased && purchased.has(item.id)) &&
    !(dropCart && cart.has(item.id));
}

/**
 * Answers `recently-viewed` and `trending` from the store and catalog; any other strategy gets
 * trending with `source: 'fallback'` until a model service answers it. The cart, purchases and
 * views are core's shopper state; the local trending counts weigh each event by core's meaning
 * table. Texts are in `locale`.
 */
export function basicRecommend(
  req: RecommendRequest,
  newestFirst: readonly StoredEvent[],
  catalog: Catalog | undefined,
  now = Date.now(),
  locale: 'en' | 'zh' = 'en',
): RecommendResult {
  const { strategy, limit } = normalise(req);
  const shopper = shopperStateOf(newestFirst);
  const keep = keeper(req, shopper);
  const index = catalogIndex(catalog);
  const seen = catalog ? undefined : itemsSeen(newestFirst);
  const lookup = (id: string) => index.get(id) ?? seen?.get(id);
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
    const text = explanationText(locale, 'recent');
    [...shopper.viewed]
      .reverse()
      .forEach((id, i) =>
        add(lookup(id), 1 / (i + 1), { explanation: { kind: 'recently-viewed', text } }),
      );
    return { strategy, items: out, source: 'fallback' };
  }
  const scores = new Map<string, number>();
  for (const e of newestFirst) {
    const w =
      (meaningOf(e.name)?.weight ?? 0) * decayFactor(Math.max(0, now - e.ts), HALF_LIFE_DAYS);
    for (const id of e.items) scores.set(id, (scores.get(id) ?? 0) + w);
  }
  const ranked = [...scores].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  const trending = explanationText(locale, 'trending');
  for (const [id, score] of ranked) {
    add(lookup(id), score, { explanation: { kind: 'trending', text: trending } });
  }
  // Fill with the catalog's own order (shops list their best sellers first), in context first.
  const context = req.context?.category;
  const items = catalog?.items ?? [];
  const inContext = context ? items.filter((i) => i.categories.includes(context)) : [];
  for (const item of [...inContext, ...items]) {
    const category = context && item.categories.includes(context) ? context : item.categories[0];
    const explanation = category
      ? {
          kind: 'popular' as const,
          text: explanationText(locale, 'popularIn', { c: category }),
          category,
        }
      : { kind: 'popular' as const, text: explanationText(locale, 'popular') };
    add(item, 0, { explanation });
  }
  return { strategy, items: out, source: 'fallback' };
}
