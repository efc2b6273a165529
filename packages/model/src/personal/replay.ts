import {
  applyShopperEvent,
  createShopperState,
  EVENT_OF_INTERACTION,
  topK,
  type HistoryEntry,
  type ShopperState,
  type StoredEvent,
} from '@insitu/core';
import type { InsituModel } from '../insitu-model.ts';

/** How `replayImpressions` simulates a shopper's rails. */
export interface ReplayOptions {
  /** Items "shown" before each step: the global model's top `shown` for the history so far. */
  shown: number;
  /** Only the last `steps` steps get impressions (earlier ones are plain interactions). */
  steps: number;
}

export const REPLAY_DEFAULTS: ReplayOptions = { shown: 10, steps: 50 };

/**
 * A logged history (model rows) replayed as the events a device would have stored had it shown a
 * for-you rail before every step: `Recommendation Shown` with the global model's top items not yet
 * in the history, `Recommendation Clicked` when the true next item was among them, then the
 * item's own interaction. The events go through core's `applyShopperEvent`, so the state is the
 * one the worker trains from. Times are positions (the encoder reads order, not time).
 */
export async function replayImpressions(
  model: InsituModel,
  history: readonly HistoryEntry[],
  options: ReplayOptions = REPLAY_DEFAULTS,
  /** Receives the global scores of each prefix it scored (`history.slice(0, k)`), before use. */
  scored?: (k: number, scores: Float32Array) => void,
): Promise<ShopperState> {
  const ids = model.manifest.itemIds;
  const state = createShopperState();
  const apply = (name: string, ts: number, props: StoredEvent['props']) =>
    applyShopperEvent(state, { id: `r${ts}`, name, props, ts, items: [] });
  const first = Math.max(1, history.length - options.steps);
  for (let k = 0; k < history.length; k++) {
    const step = history[k]!;
    const id = ids[step.item]!;
    if (k >= first) {
      const prefix = history.slice(0, k);
      const scores = await model.scoreHistory(prefix);
      scored?.(k, scores.slice());
      for (const h of prefix) scores[h.item] = -Infinity;
      const top = topK(scores, options.shown);
      apply('Recommendation Shown', 3 * k, { products: top.map((r) => ({ product_id: ids[r]! })) });
      if (top.includes(step.item)) apply('Recommendation Clicked', 3 * k + 1, { product_id: id });
    }
    const name = EVENT_OF_INTERACTION[step.kind];
    apply(
      name,
      3 * k + 2,
      name === 'Order Completed' ? { products: [{ product_id: id }] } : { product_id: id },
    );
  }
  return state;
}
