import {
  EVENT_OF_INTERACTION as NAME,
  type Catalog,
  type Dataset,
  type JsonObject,
  type StoredEvent,
} from '@insitu/core';

/**
 * Milliseconds per log time unit: CSV logs usually count seconds, tracked events milliseconds.
 * Times before 1973 read as milliseconds are taken for seconds (or positions, where sessions mean
 * little anyway).
 */
export function timeScale(dataset: Dataset): number {
  let max = 0;
  for (const s of dataset.sequences) for (const e of s) max = Math.max(max, e.ts);
  return max > 0 && max < 1e11 ? 1000 : 1;
}

/**
 * Each user's log rows as the events the worker would have stored, so `insitu build` can replay
 * them through the profile's own fold: view → Product Viewed, cart → Product Added, rating →
 * Product Reviewed, and the purchase rows of one moment → one Order Completed. Prices come from
 * the catalog (logs carry none). Users without rows are left out.
 */
export function replayEvents(dataset: Dataset, catalog: Catalog): StoredEvent[][] {
  const price = new Map(catalog.items.map((item) => [item.id, item.price]));
  const scale = timeScale(dataset);
  const product = (id: string): JsonObject => {
    const p = price.get(id);
    return p === undefined ? { product_id: id } : { product_id: id, price: p };
  };
  const out: StoredEvent[][] = [];
  dataset.sequences.forEach((rows, u) => {
    const events: StoredEvent[] = [];
    let n = 0;
    for (const row of rows) {
      const id = dataset.itemIds[row.item]!;
      const ts = row.ts * scale;
      const last = events[events.length - 1];
      if (row.kind === 'purchase' && last?.name === NAME.purchase && last.ts === ts) {
        (last.props['products'] as JsonObject[]).push({ ...product(id), quantity: 1 });
        last.items.push(id);
        continue;
      }
      const props =
        row.kind === 'purchase' ? { products: [{ ...product(id), quantity: 1 }] } : product(id);
      events.push({ id: `u${u}e${n++}`, name: NAME[row.kind], props, ts, items: [id] });
    }
    if (events.length > 0) out.push(events);
  });
  return out;
}
