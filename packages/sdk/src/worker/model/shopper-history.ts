import type { HistoryEntry, ShopperState } from '@insitu/core';

/** The shopper's history over catalog indices, and the cart now. */
export interface ShopperHistory {
  /** Oldest first; each item once, at its latest interaction (the model weighs recency). */
  history: HistoryEntry[];
  /** Catalog indices in the cart now. */
  cart: number[];
  /** The latest viewed item's catalog index, if any. */
  lastViewed: number | undefined;
  /** Items shown and not engaged with, by id, with the times of their showings (rotation). */
  shown: readonly { id: string; ts: readonly number[] }[];
}

/**
 * Core's shopper state over catalog indices: what the model and `rankItems` read. Items missing
 * from the catalog are skipped: they can be neither scored nor recommended.
 */
export function shopperHistory(
  state: ShopperState,
  indexOf: (id: string) => number | undefined,
): ShopperHistory {
  const history: HistoryEntry[] = [];
  for (const h of state.history) {
    const item = indexOf(h.id);
    if (item !== undefined) history.push({ item, ts: h.ts, kind: h.kind });
  }
  const cart: number[] = [];
  for (const line of state.cart) {
    const item = indexOf(line.id);
    if (item !== undefined) cart.push(item);
  }
  const last = state.viewed.at(-1);
  const lastViewed = last === undefined ? undefined : indexOf(last);
  return { history, cart, lastViewed, shown: state.shown };
}
