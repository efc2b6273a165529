import type { Catalog, CatalogItem, JsonObject, StoredEvent } from '@insitu/core';

/** Events scanned (newest first) to answer the basic strategies. */
export const SCAN_LIMIT = 2000;

/** What the recent history says about items: order viewed, cart, purchases, item details. */
export interface ShopperItems {
  /** Distinct items viewed, newest first. */
  viewed: string[];
  cart: Set<string>;
  purchased: Set<string>;
  /** Item details seen in events, for items missing from the catalog. */
  seen: Map<string, CatalogItem>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Builds a catalog-like item from an event's product properties (Segment field names). */
function itemFromProps(p: JsonObject): CatalogItem | undefined {
  const id = str(p['product_id']);
  if (id === '') return undefined;
  const item: CatalogItem = {
    id,
    title: str(p['name']) || id,
    categories: str(p['category']) ? [str(p['category'])] : [],
    inStock: true,
    tags: [],
  };
  if (str(p['brand'])) item.brand = str(p['brand']);
  if (typeof p['price'] === 'number') item.price = p['price'];
  if (str(p['url'])) item.url = str(p['url']);
  if (str(p['image_url'])) item.image = str(p['image_url']);
  return item;
}

function productsOf(e: StoredEvent): JsonObject[] {
  const list = e.props['products'];
  const products = Array.isArray(list)
    ? list.filter((p): p is JsonObject => typeof p === 'object' && p !== null && !Array.isArray(p))
    : [];
  return 'product_id' in e.props ? [e.props, ...products] : products;
}

/** Reads viewed items, cart and purchases from events given newest first. */
export function shopperItems(newestFirst: readonly StoredEvent[]): ShopperItems {
  const viewed: string[] = [];
  const seenViewed = new Set<string>();
  const seen = new Map<string, CatalogItem>();
  const cart = new Set<string>();
  const purchased = new Set<string>();
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const e = newestFirst[i]!;
    for (const p of productsOf(e)) {
      const item = itemFromProps(p);
      if (item && !seen.has(item.id)) seen.set(item.id, item);
    }
    const id = str(e.props['product_id']);
    if (e.name === 'Product Added' && id) cart.add(id);
    if (e.name === 'Product Removed' && id) cart.delete(id);
    if (e.name === 'Order Completed') {
      for (const item of e.items) purchased.add(item);
      cart.clear();
    }
  }
  for (const e of newestFirst) {
    const id = str(e.props['product_id']);
    if (e.name === 'Product Viewed' && id && !seenViewed.has(id)) {
      seenViewed.add(id);
      viewed.push(id);
    }
  }
  return { viewed, cart, purchased, seen };
}

const byCatalog = new WeakMap<Catalog, Map<string, CatalogItem>>();

/** The catalog as a map by id, built once per catalog. */
export function catalogIndex(catalog: Catalog | undefined): Map<string, CatalogItem> {
  if (!catalog) return new Map();
  let index = byCatalog.get(catalog);
  if (!index) {
    index = new Map(catalog.items.map((item) => [item.id, item]));
    byCatalog.set(catalog, index);
  }
  return index;
}
