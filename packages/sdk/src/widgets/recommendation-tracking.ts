import type { RecommendResult } from '@insitu/core';
import type { Insitu } from '../main/types.ts';

type Client = Pick<Insitu, 'track'>;

/** Tracking is best effort: a failure must not surface in the page. */
const track = (client: Client, name: string, props: object) =>
  void Promise.resolve()
    .then(() => client.track(name, props))
    .catch(() => undefined);

/**
 * Tracks `Recommendation Shown` once `el` is on screen (an impression the shopper could see, not
 * a render below the fold). Returns the observer, to disconnect when the list changes.
 */
export function trackShown(
  el: Element,
  client: Client,
  result: RecommendResult,
): IntersectionObserver | undefined {
  const products = result.items.map((r, i) => ({ product_id: r.item.id, position: i + 1 }));
  const report = () =>
    track(client, 'Recommendation Shown', { strategy: result.strategy, products });
  if (typeof IntersectionObserver === 'undefined') {
    report();
    return undefined;
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    report();
  });
  observer.observe(el);
  return observer;
}

/** Tracks `Recommendation Clicked` for a click anywhere in a card (`li[data-product-id]`). */
export function trackClick(e: Event, client: Client, result: RecommendResult): void {
  const li = e.composedPath().find((n) => n instanceof HTMLLIElement && n.dataset['productId']);
  if (!(li instanceof HTMLLIElement)) return;
  const rec = result.items.find((r) => r.item.id === li.dataset['productId']);
  track(client, 'Recommendation Clicked', {
    product_id: li.dataset['productId'],
    position: Number(li.dataset['position']),
    strategy: result.strategy,
    ...(rec?.item.price === undefined ? {} : { price: rec.item.price }),
  });
}
