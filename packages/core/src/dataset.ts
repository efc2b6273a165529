import type { HistoryEntry } from './scoring.ts';

/** What a log or `items.csv` says about one item, stored by vocabulary index. */
export interface ItemMeta {
  title?: string;
  /** From broad to narrow; empty when unknown. */
  categories: string[];
  price?: number;
}

/**
 * Interaction logs in compact form: items are indices into `itemIds`, and each user's history is
 * sorted by time (stable, so file order breaks ties). Repeated (user, item) pairs are kept; the
 * eval protocol drops them itself.
 */
export interface Dataset {
  /** Vocabulary: index → the shop's item id. Items of the logs first, then metadata-only items. */
  itemIds: string[];
  /** The inverse of `itemIds`. */
  itemIndex: ReadonlyMap<string, number>;
  /** One entry per user, aligned with `sequences`. */
  userIds: string[];
  sequences: HistoryEntry[][];
  /** Aligned with `itemIds` when item metadata was given. */
  items?: ItemMeta[];
  /** Number of interactions read. */
  interactions: number;
}
