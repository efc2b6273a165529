import type { CatalogItem, JsonObject, StoredEvent } from '@insitu/core';

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

/**
 * For a shop without a catalog: what its events say about each product (the oldest mention
 * wins), so recently-viewed can still show a title and a link.
 */
export function itemsSeen(events: readonly StoredEvent[]): Map<string, CatalogItem> {
  const seen = new Map<string, CatalogItem>();
  for (let i = events.length - 1; i >= 0; i--) {
    const props = events[i]!.props;
    const list = Array.isArray(props['products']) ? props['products'] : [];
    for (const p of [props, ...list]) {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) continue;
      const item = itemFromProps(p);
      if (item && !seen.has(item.id)) seen.set(item.id, item);
    }
  }
  return seen;
}
