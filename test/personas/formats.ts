import type { SimulatedShopper, TrackedEvent } from './simulate.ts';

/**
 * JSON Lines of tracked events. With a user id each line carries `userId` (the multi-shopper log
 * `insitu build` reads); without, it is one shopper's stream as `insitu profile` takes it.
 */
export function toJsonl(events: readonly TrackedEvent[], userId?: string): string {
  return events
    .map((e) => JSON.stringify(userId === undefined ? e : { userId, ...e }))
    .join('\n')
    .concat(events.length > 0 ? '\n' : '');
}

/** All shoppers' events as one JSONL log, in time order (ties keep shopper order). */
export function shoppersToJsonl(shoppers: readonly SimulatedShopper[]): string {
  const rows = shoppers.flatMap((s) => s.events.map((e) => ({ userId: s.id, ...e })));
  rows.sort((a, b) => a.timestamp - b.timestamp);
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : '');
}

const KIND: Readonly<Record<string, string>> = {
  'Product Viewed': 'view',
  'Product Added': 'cart',
  'Order Completed': 'purchase',
  'Product Reviewed': 'rating',
};

/**
 * The standard interactions log `user,item,timestamp,event` (event: view, cart, purchase,
 * rating; one purchase row per ordered product; timestamp in seconds), sorted by time with ties
 * in generation order — the format of the shared data sets.
 */
export function toInteractionsCsv(shoppers: readonly SimulatedShopper[]): string {
  const rows: { user: string; item: string; ts: number; kind: string; seq: number }[] = [];
  let seq = 0;
  for (const s of shoppers) {
    for (const e of s.events) {
      const kind = KIND[e.event];
      if (kind === undefined) continue;
      const products = e.properties['products'];
      const ids =
        kind === 'purchase' && Array.isArray(products)
          ? products.map((p) =>
              typeof p === 'object' && p !== null && !Array.isArray(p)
                ? String(p['product_id'])
                : '',
            )
          : [String(e.properties['product_id'])];
      for (const item of ids) {
        rows.push({ user: s.id, item, ts: Math.floor(e.timestamp / 1000), kind, seq: seq++ });
      }
    }
  }
  rows.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  return ['user,item,timestamp,event', ...rows.map((r) => `${r.user},${r.item},${r.ts},${r.kind}`)]
    .join('\n')
    .concat('\n');
}
