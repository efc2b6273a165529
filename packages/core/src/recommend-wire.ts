import type { CatalogItem } from './catalog.ts';
import type { Recommendation, RecommendResult } from './recommend-types.ts';

/**
 * A `recommend()` answer as it crosses from the worker to the page: an item the page was sent
 * before travels as its id. Cloning each item's catalog fields (title, texts, URLs) was the larger
 * part of a cheap call's round trip; the ids, scores and explanations are what changes per call.
 */
export interface RecommendWire extends Omit<RecommendResult, 'items'> {
  items: (Omit<Recommendation, 'item'> & { item: CatalogItem | string })[];
}

/**
 * The worker's side, one per page: packs answers in the order they are posted. An item goes in
 * full the first time, and again whenever the catalog object for its id is another one (a new
 * catalog); `full` sends every item in full (the page lost track).
 */
export function recommendPacker(): (result: RecommendResult, full?: boolean) => RecommendWire {
  const sent = new Map<string, CatalogItem>();
  return (result, full = false) => ({
    ...result,
    items: result.items.map((r) => {
      const known = !full && sent.get(r.item.id) === r.item;
      if (!known) sent.set(r.item.id, r.item);
      return { ...r, item: known ? r.item.id : r.item };
    }),
  });
}

/** A copy the page can change without changing what later answers return. */
const copyItem = (item: CatalogItem): CatalogItem => ({
  ...item,
  categories: item.categories.slice(),
  tags: item.tags.slice(),
});

/**
 * The page's side, one per worker: unpacks answers in the order they arrive. Every answer's items
 * are copies. Undefined when an answer names an item it was never sent; ask again with `full`.
 */
export function recommendUnpacker(): (wire: RecommendWire) => RecommendResult | undefined {
  const known = new Map<string, CatalogItem>();
  return (wire) => {
    const items: Recommendation[] = [];
    for (const { item, ...rest } of wire.items) {
      const full = typeof item === 'string' ? known.get(item) : item;
      if (full === undefined) return undefined;
      if (full === item) known.set(full.id, full);
      items.push({ ...rest, item: copyItem(full) });
    }
    return { ...wire, items };
  };
}
