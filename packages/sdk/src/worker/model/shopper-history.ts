import type { HistoryEntry, InteractionKind, StoredEvent } from '@insitu/core';

/** Interaction kind of each tracked event that says something about an item. */
const KINDS: Readonly<Record<string, InteractionKind>> = {
  'Product Viewed': 'view',
  'Product Clicked': 'view',
  'Recommendation Clicked': 'view',
  'Product Added': 'cart',
  'Order Completed': 'purchase',
  'Product Reviewed': 'rating',
};

/** The shopper's history over catalog indices, and the cart now. */
export interface ShopperHistory {
  /** Oldest first; each item once, at its latest interaction (the model weighs recency). */
  history: HistoryEntry[];
  /** Catalog indices in the cart: added and neither removed nor bought since. */
  cart: number[];
  /** The latest viewed item's catalog index, if any. */
  lastViewed: number | undefined;
}

/**
 * Turns stored events (newest first, as the store returns them) into the history the model and
 * `rankItems` read. Items missing from the catalog are skipped: they can be neither scored nor
 * recommended.
 */
export function shopperHistory(
  newestFirst: readonly StoredEvent[],
  indexOf: (id: string) => number | undefined,
): ShopperHistory {
  const latest = new Map<number, HistoryEntry>();
  const cart = new Set<number>();
  let lastViewed: number | undefined;
  for (let k = newestFirst.length - 1; k >= 0; k--) {
    const e = newestFirst[k]!;
    if (e.name === 'Order Completed') cart.clear();
    const kind = KINDS[e.name];
    for (const id of e.items) {
      const item = indexOf(id);
      if (item === undefined) continue;
      if (e.name === 'Product Removed') cart.delete(item);
      if (kind === undefined) continue;
      if (kind === 'cart') cart.add(item);
      if (kind === 'view') lastViewed = item;
      // Re-inserting moves the item to its latest position; a purchase is not undone by a view.
      const before = latest.get(item);
      latest.delete(item);
      const keep = before?.kind === 'purchase' && kind !== 'purchase' ? 'purchase' : kind;
      latest.set(item, { item, ts: e.ts, kind: keep });
    }
  }
  return { history: [...latest.values()], cart: [...cart], lastViewed };
}
