import type { CatalogItem } from '../catalog.ts';
import type { RankInput } from './types.ts';

/** Items now in the cart: cart adds not followed by a purchase of the same item. */
export function cartFromHistory(history: RankInput['history']): number[] {
  const inCart = new Set<number>();
  for (const e of history ?? []) {
    if (e.kind === 'cart') inCart.add(e.item);
    else if (e.kind === 'purchase') inCart.delete(e.item);
  }
  return [...inCart];
}

const hasAny = (item: CatalogItem, wanted: ReadonlySet<string>) =>
  item.categories.some((c) => wanted.has(c.toLowerCase()));

/**
 * Marks which catalog items may be recommended (1) after business filters (in stock by default,
 * price range, categories at any level, brands) and exclusions (ids, bought, in cart, the anchor).
 * Defaults follow `RecommendExclude`: bought items are dropped except for trending and
 * recently-viewed, cart items except for recently-viewed.
 */
export function eligibleItems(input: RankInput): Uint8Array {
  const { catalog, request } = input;
  const filter = request.filter ?? {};
  const exclude = request.exclude ?? {};
  const strategy = request.strategy;
  const ok = new Uint8Array(catalog.length);
  const categories =
    filter.categories === undefined
      ? undefined
      : new Set(filter.categories.map((c) => c.toLowerCase()));
  const brands =
    filter.brands === undefined ? undefined : new Set(filter.brands.map((b) => b.toLowerCase()));
  catalog.forEach((item, i) => {
    if ((filter.inStock ?? true) && !item.inStock) return;
    if (
      filter.minPrice !== undefined &&
      !(item.price !== undefined && item.price >= filter.minPrice)
    )
      return;
    if (
      filter.maxPrice !== undefined &&
      !(item.price !== undefined && item.price <= filter.maxPrice)
    )
      return;
    if (categories !== undefined && !hasAny(item, categories)) return;
    if (brands !== undefined && !(item.brand !== undefined && brands.has(item.brand.toLowerCase())))
      return;
    ok[i] = 1;
  });
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
  if (dropCart) for (const i of input.cart ?? cartFromHistory(input.history)) drop(i);
  if (input.anchor !== undefined) drop(input.anchor);
  return ok;
}
