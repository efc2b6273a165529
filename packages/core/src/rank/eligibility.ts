import type { CatalogItem } from '../catalog.ts';
import type { RecommendFilter } from '../recommend-types.ts';
import type { RankInput } from './types.ts';

const rowMaps = new WeakMap<readonly CatalogItem[], Map<string, number>>();

/** id → catalog index, built once per catalog (the first index of a repeated id). */
export function rowsById(catalog: readonly CatalogItem[]): ReadonlyMap<string, number> {
  let rows = rowMaps.get(catalog);
  if (rows === undefined) {
    rows = new Map();
    for (let i = catalog.length - 1; i >= 0; i--) rows.set(catalog[i]!.id, i);
    rowMaps.set(catalog, rows);
  }
  return rows;
}

const hasAny = (item: CatalogItem, wanted: ReadonlySet<string>) =>
  item.categories.some((c) => wanted.has(c.toLowerCase()));

/**
 * The business filters as one test per item: in stock (by default), price range (an item without
 * a price fails a price bound), categories at any level and brands, both case-insensitive. Shared
 * by ranking and the worker's fallback strategies, so a filter means the same in both.
 */
export function filterPredicate(filter: RecommendFilter = {}): (item: CatalogItem) => boolean {
  const categories =
    filter.categories === undefined
      ? undefined
      : new Set(filter.categories.map((c) => c.toLowerCase()));
  const brands =
    filter.brands === undefined ? undefined : new Set(filter.brands.map((b) => b.toLowerCase()));
  const { minPrice, maxPrice } = filter;
  const priced = (item: CatalogItem, ok: (price: number) => boolean) =>
    item.price !== undefined && ok(item.price);
  return (item) => {
    if ((filter.inStock ?? true) && !item.inStock) return false;
    if (minPrice !== undefined && !priced(item, (p) => p >= minPrice)) return false;
    if (maxPrice !== undefined && !priced(item, (p) => p <= maxPrice)) return false;
    if (categories !== undefined && !hasAny(item, categories)) return false;
    return (
      brands === undefined || (item.brand !== undefined && brands.has(item.brand.toLowerCase()))
    );
  };
}

const masks = new WeakMap<readonly CatalogItem[], Map<string, Uint8Array>>();
/** Distinct filters remembered per catalog; a page asks for a handful. */
const MASKS_PER_CATALOG = 32;

/** `filterPredicate` over the catalog, cached per catalog and filter (1 = passes). */
export function filterMask(catalog: readonly CatalogItem[], filter: RecommendFilter = {}) {
  let byFilter = masks.get(catalog);
  if (byFilter === undefined) masks.set(catalog, (byFilter = new Map()));
  const key = JSON.stringify(filter);
  let mask = byFilter.get(key);
  if (mask === undefined) {
    const passes = filterPredicate(filter);
    mask = Uint8Array.from(catalog, (item) => (passes(item) ? 1 : 0));
    if (byFilter.size >= MASKS_PER_CATALOG) byFilter.clear();
    byFilter.set(key, mask);
  }
  return mask;
}

/**
 * Marks which catalog items may be recommended (1) after business filters (in stock by default,
 * price range, categories at any level, brands) and exclusions (ids, bought, in cart, the anchor).
 * Defaults follow `RecommendExclude`: bought items are dropped except for trending and
 * recently-viewed, cart items except for recently-viewed. Recently-viewed takes only items of the
 * history. Written into `out` when given (a buffer of catalog length reused across calls).
 */
export function eligibleItems(input: RankInput, out?: Uint8Array): Uint8Array {
  const { catalog, request } = input;
  const exclude = request.exclude ?? {};
  const strategy = request.strategy;
  const mask = filterMask(catalog, request.filter);
  const ok = out === undefined ? mask.slice() : (out.set(mask), out);
  const drop = (i: number) => {
    if (i >= 0 && i < ok.length) ok[i] = 0;
  };
  if (exclude.ids !== undefined && exclude.ids.length > 0) {
    const rows = rowsById(catalog);
    for (const id of exclude.ids) drop(rows.get(id) ?? -1);
  }
  const dropPurchased =
    exclude.purchased ?? (strategy !== 'trending' && strategy !== 'recently-viewed');
  if (dropPurchased) for (const e of input.history ?? []) if (e.kind === 'purchase') drop(e.item);
  if (input.excludeHistory === true) for (const e of input.history ?? []) drop(e.item);
  const dropCart = exclude.inCart ?? strategy !== 'recently-viewed';
  if (dropCart) for (const i of input.cart ?? []) drop(i);
  if (input.anchor !== undefined) drop(input.anchor);
  if (strategy === 'recently-viewed') {
    // Only what the shopper saw can be "recently viewed", however few items that is.
    const seen = new Uint8Array(ok.length);
    for (const e of input.history ?? []) if (e.item >= 0 && e.item < ok.length) seen[e.item] = 1;
    for (let i = 0; i < ok.length; i++) ok[i]! &= seen[i]!;
  }
  return ok;
}
