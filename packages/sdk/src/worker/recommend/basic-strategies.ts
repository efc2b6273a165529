import {
  decayFactor,
  InsituError,
  meaningOf,
  metadataSimilarity,
  rankItems,
  rotationFactors,
  rowsById,
  shopperStateOf,
  type Catalog,
  type CatalogItem,
  type HistoryEntry,
  type RecommendRequest,
  type RecommendResult,
  type RotationOptions,
  type ShopperState,
  type ScoreSource,
  type StoredEvent,
} from '@insitu/core';
import { itemsSeen } from './event-items.ts';

const STRATEGIES = new Set([
  'for-you',
  'similar-items',
  'bought-together',
  'trending',
  'recently-viewed',
]);
/** Local counts lose half their weight per week, so last month's browsing fades. */
const HALF_LIFE_DAYS = 7;
/** Weight of the catalog's own order: it only orders items nothing else scores. */
const FILL_WEIGHT = 1e-3;

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

// The catalog is the same array until it reloads: its order as a score is derived once.
const fills = new WeakMap<readonly CatalogItem[], Float32Array>();
/** The catalog's own order as a score (first listed highest). */
const fillOf = (items: readonly CatalogItem[]) => {
  let f = fills.get(items);
  if (f === undefined) fills.set(items, (f = Float32Array.from(items, (_, i) => items.length - i)));
  return f;
};

/** This device's own interest per item: each event weighted by core's table, decayed weekly. */
function localCounts(
  events: readonly StoredEvent[],
  rows: ReadonlyMap<string, number>,
  n: number,
  now: number,
): Float32Array {
  const scores = new Float32Array(n);
  for (const e of events) {
    const w =
      (meaningOf(e.name)?.weight ?? 0) * decayFactor(Math.max(0, now - e.ts), HALF_LIFE_DAYS);
    if (w === 0) continue;
    for (const id of e.items) {
      const i = rows.get(id);
      if (i !== undefined) scores[i]! += w;
    }
  }
  return scores;
}

/**
 * The strategies that need no model, as score sources into core's `rankItems` (its filters,
 * exclusions, diversity and explanations): `recently-viewed` (recency of the shopper's views),
 * `trending` (this device's weighted, decayed counts, then the catalog's own order: shops list
 * their best sellers first) and, until a model answers, the other strategies as trending —
 * `similar-items` by the anchor's categories and brand. The cart and purchases are core's shopper
 * state. Without a catalog, the items the events describe are the candidates.
 */
export function basicRecommend(
  req: RecommendRequest,
  newestFirst: readonly StoredEvent[],
  catalog: Catalog | undefined,
  now = Date.now(),
  options: {
    locale?: 'en' | 'zh';
    /** The shop's default rotation (config `rotation`). */
    rotation?: RotationOptions;
    /** Core's shopper state of `newestFirst`, when the caller already has it (the worker does). */
    shopper?: ShopperState;
  } = {},
): RecommendResult {
  const { locale = 'en', rotation: shopRotation } = options;
  const { strategy, limit } = normalise(req);
  const items: readonly CatalogItem[] = catalog?.items ?? [...itemsSeen(newestFirst).values()];
  const rows = rowsById(items);
  const n = items.length;
  const shopper = options.shopper ?? shopperStateOf(newestFirst);
  const index = (id: string) => rows.get(id) ?? -1;
  const cart = shopper.cart.map((l) => index(l.id)).filter((i) => i >= 0);
  const toEntries = (list: readonly { id: string; ts: number; kind: HistoryEntry['kind'] }[]) =>
    list.map((h) => ({ item: index(h.id), ts: h.ts, kind: h.kind })).filter((h) => h.item >= 0);
  const request = { ...req, strategy, limit };
  if (strategy === 'recently-viewed') {
    // Only the views can be recently viewed, so they alone are ranked (in catalog order, as
    // ranking the whole catalog with every other item excluded would), not the whole catalog.
    const seen = [...new Set(shopper.viewed.map(index).filter((i) => i >= 0))].sort(
      (a, b) => a - b,
    );
    const local = new Map(seen.map((i, j) => [i, j]));
    // The views, oldest first, each at its latest position: the recency source ranks them.
    const viewed = shopper.viewed
      .map((id) => local.get(index(id)))
      .filter((j): j is number => j !== undefined)
      .map((item, k) => ({ item, ts: k, kind: 'view' as const }));
    const scores = new Float32Array(seen.length);
    viewed.forEach((h, k) => (scores[h.item] = k + 1));
    const ranked = rankItems({
      catalog: seen.map((i) => items[i]!),
      sources: [{ kind: 'recency', scores }],
      history: viewed,
      cart: cart.map((i) => local.get(i)).filter((j): j is number => j !== undefined),
      request: { ...request, diversity: req.diversity ?? 0 },
      locale,
    });
    return { strategy, items: ranked, source: 'fallback' };
  }
  const sources: ScoreSource[] = [
    { kind: 'trending', scores: localCounts(newestFirst, rows, n, now), weight: 1 },
    { kind: 'popularity', scores: fillOf(items), weight: FILL_WEIGHT },
  ];
  const rotation = rotationFactors(
    shopper.shown,
    (id) => rows.get(id),
    n,
    request,
    now,
    shopRotation,
  );
  const anchorId = req.itemId ?? shopper.viewed.at(-1);
  const anchor = anchorId === undefined ? undefined : rows.get(anchorId);
  if (strategy === 'similar-items' && anchor !== undefined) {
    const similar = metadataSimilarity(items);
    sources.unshift({
      kind: 'model',
      scores: Float32Array.from(items, (_, i) => similar(anchor, i)),
    });
  }
  const ranked = rankItems({
    catalog: items,
    sources,
    history: toEntries(shopper.history),
    cart,
    ...((strategy === 'similar-items' || strategy === 'bought-together') && anchor !== undefined
      ? { anchor }
      : {}),
    ...(rotation === undefined ? {} : { rotation }),
    request,
    locale,
  });
  return { strategy, items: ranked, source: 'fallback' };
}
