import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../catalog.ts';
import type { StoredEvent } from '../events.ts';
import type { JsonObject } from '../json.ts';
import { shopperStateOf } from '../shopper/shopper-state.ts';
import { itemsOf } from '../validate-event.ts';
import { rankItems } from './rank.ts';
import { DEFAULT_ROTATION, rotationFactors } from './rotation.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const catalog: CatalogItem[] = ['a', 'b', 'c', 'd'].map((id) => ({
  id,
  title: id,
  categories: [],
  inStock: true,
  tags: [],
}));
const rows = new Map(catalog.map((item, i) => [item.id, i]));
let n = 0;
const ev = (name: string, props: JsonObject, ts: number): StoredEvent => ({
  id: `e${n++}`,
  name,
  props,
  ts,
  items: itemsOf(props),
});
const shown = (ids: string[], ts: number) =>
  ev(
    'Recommendation Shown',
    { strategy: 'for-you', products: ids.map((product_id) => ({ product_id })) },
    ts,
  );
const order = (factors: Float32Array | undefined) =>
  rankItems({
    catalog,
    sources: [{ kind: 'trending', scores: Float32Array.from([4, 3, 2, 1]) }],
    request: { strategy: 'trending', limit: 4, diversity: 0 },
    ...(factors === undefined ? {} : { rotation: factors }),
  }).map((r) => r.item.id);
const factorsAt = (
  events: StoredEvent[],
  now: number,
  request = { strategy: 'trending' as const },
) =>
  rotationFactors(shopperStateOf(events).shown, (id) => rows.get(id), catalog.length, request, now);

describe('rotation', () => {
  it('sinks an item shown three times without engagement, and lets it back as showings age', () => {
    const events = [shown(['a'], T0), shown(['a'], T0 + HOUR), shown(['a'], T0 + 2 * HOUR)];
    const now = T0 + 2 * HOUR;
    const f = factorsAt(events, now)!;
    expect(f[0]).toBeCloseTo(
      1 - DEFAULT_ROTATION.rate * Math.min(1, (1 + 2 ** (-1 / 24) + 2 ** (-2 / 24)) / 3),
      5,
    );
    expect(order(undefined)[0]).toBe('a');
    expect(order(f)).toEqual(['b', 'a', 'c', 'd']);
    // Two days later the showings weigh a quarter: a is back on top.
    expect(order(factorsAt(events, now + 48 * HOUR))[0]).toBe('a');
  });

  it('clears an item’s showings when the shopper clicks, adds or buys it', () => {
    const skipped = [shown(['a'], T0), shown(['a'], T0 + 1), shown(['a'], T0 + 2)];
    for (const engage of [
      ev('Recommendation Clicked', { product_id: 'a' }, T0 + 3),
      ev('Product Added', { product_id: 'a' }, T0 + 3),
      ev('Order Completed', { products: [{ product_id: 'a' }] }, T0 + 3),
    ]) {
      expect(shopperStateOf([...skipped, engage]).shown).toEqual([]);
    }
    expect(shopperStateOf(skipped).shown).toEqual([{ id: 'a', ts: [T0, T0 + 1, T0 + 2] }]);
  });

  it('is on for for-you and trending, off elsewhere unless asked, and configurable', () => {
    const events = [shown(['a'], T0), shown(['a'], T0), shown(['a'], T0)];
    const at = (request: Parameters<typeof rotationFactors>[3], shop = {}) =>
      rotationFactors(
        shopperStateOf(events).shown,
        (id) => rows.get(id),
        4,
        request,
        T0,
        shop,
      )?.[0];
    expect(at({ strategy: 'for-you' })).toBeCloseTo(0.5);
    expect(at({ strategy: 'similar-items' })).toBeUndefined();
    expect(at({ strategy: 'similar-items', rotation: { rate: 0.9 } })).toBeCloseTo(0.1);
    expect(at({ strategy: 'trending', rotation: { rate: 0 } })).toBeUndefined();
    expect(at({ strategy: 'trending' }, { rate: 1 })).toBeCloseTo(0);
    expect(at({ strategy: 'trending', rotation: { rate: 0.2 } }, { rate: 1 })).toBeCloseTo(0.8);
  });

  it('keeps explanations true: a rotated item is explained by its own source', () => {
    const f = factorsAt([shown(['a'], T0), shown(['a'], T0), shown(['a'], T0)], T0)!;
    const recs = rankItems({
      catalog,
      sources: [{ kind: 'trending', scores: Float32Array.from([4, 3, 2, 1]) }],
      request: { strategy: 'trending', limit: 4, diversity: 0 },
      rotation: f,
    });
    const a = recs.find((r) => r.item.id === 'a')!;
    expect(recs[0]!.item.id).toBe('b');
    expect(a.explanation.kind).toBe('trending');
  });
});
