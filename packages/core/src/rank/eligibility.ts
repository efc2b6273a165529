import type { CatalogItem } from '../catalog.ts';
import type { RecommendFilter } from '../recommend-types.ts';
import type { RankInput } from './types.ts';

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

/**
 * Marks which catalog items may be recommended (1) after business filters (in stock by default,
 * price range, categories at any level, brands) and exclusions (ids, bought, in cart, the anchor).
 * Defaults follow `RecommendExclude`: bought items are dropped except for trending and
 * recently-viewed, cart items except for recently-viewed.
 */
export function eligibleItems(input: RankInput): Uint8Array {
  const { catalog, request } = input;
  const exclude = request.exclude ?? {};
  const strategy = request.strategy;
  const passes = filterPredicate(request.filter);
  const ok = Uint8Array.from(catalog, (item) => (passes(item) ? 1 : 0));
  const drop = (i: number) => {
    if (i >= 0 && i < ok.length) ok[i] = 0;
  };
  if (exclude.ids !== undefined) {
    const ids = new Set(exclude.ids);
    catalog.forEach((item, i) => ids.has(item.id) && drop(i));
  }
  const dropPurchased =
    exclude.purchased ?? (strategy !== 'trending' && strategy !== 'recently-viewed');
  if (dropPurchased) for (const e of input.history ?? []) if (e.kind === 'purchase') drop(e.item);
  const dropCart = exclude.inCart ?? strategy !== 'recently-viewed';
  if (dropCart) for (const i of input.cart ?? []) drop(i);
  if (input.anchor !== undefined) drop(input.anchor);
  return ok;
}
