import type { RecommendRequest } from '@insitu/core';
import { h } from './dom.ts';
import { recommend, track } from './insitu.ts';
import { productCard } from './product-card.ts';

/** One recommendation rail on a page. */
export interface RailSpec {
  title: string;
  request: RecommendRequest;
  /** Shown when the strategy has nothing yet (e.g. no history, or no model artifact built). */
  emptyNote: string;
  /**
   * Show items only when the trained model answered. Without the model artifact the SDK falls back
   * to trending items, which would be mislabelled under "Similar items" or "Bought together".
   */
  modelOnly?: boolean;
}

/**
 * Fills `slot` with a rail from `insitu.recommend()`. Each card shows the item's explanation, and a
 * click is tracked as Recommendation Clicked so impressions feed the on-device learning loop.
 */
export async function renderRail(slot: HTMLElement, spec: RailSpec): Promise<number> {
  slot.classList.add('rail');
  slot.dataset['strategy'] = spec.request.strategy;
  const heading = h('h2', {}, spec.title);
  slot.replaceChildren(heading, h('p', { class: 'rail-note' }, 'Loading…'));
  const result = await recommend(spec.request);
  const recs = spec.modelOnly && result?.source !== 'model' ? [] : (result?.items ?? []);
  if (recs.length === 0) {
    slot.replaceChildren(heading, h('p', { class: 'rail-note' }, spec.emptyNote));
    slot.dataset['state'] = 'empty';
    return 0;
  }
  const source =
    result?.source === 'model'
      ? `model${result.backend ? ` · ${result.backend}` : ''}`
      : 'on-device';
  const cards = recs.map((r, position) =>
    productCard(r.item, r.explanation.text, () =>
      track('Recommendation Clicked', {
        product_id: r.item.id,
        position,
        list_id: spec.request.strategy,
      }),
    ),
  );
  slot.replaceChildren(
    h('div', { class: 'rail-head' }, heading, h('span', { class: 'badge' }, source)),
    h('div', { class: 'rail-items' }, cards),
  );
  slot.dataset['state'] = 'filled';
  return recs.length;
}

/** Renders several rails without letting one failure stop the others. */
export function renderRails(rails: [HTMLElement, RailSpec][]): Promise<number[]> {
  return Promise.all(rails.map(([slot, spec]) => renderRail(slot, spec).catch(() => 0)));
}
