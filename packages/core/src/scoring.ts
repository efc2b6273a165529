/** Interaction kinds of the standard log format `user,item,timestamp,event`. */
export type InteractionKind = 'view' | 'cart' | 'purchase' | 'rating';

/** One step of a shopper's history, with the item as an index into the catalog/model vocabulary. */
export interface HistoryEntry {
  item: number;
  /** Milliseconds since the epoch, or any monotone position when the log has no real time. */
  ts: number;
  kind: InteractionKind;
}

/**
 * Anything that scores every item for one shopper: baselines and the insitu model alike, so the
 * eval and the worker rank through the same code. Higher is better; `out.length` is the item count.
 */
export interface Scorer {
  readonly name: string;
  score(history: readonly HistoryEntry[], out: Float32Array): void | Promise<void>;
}
