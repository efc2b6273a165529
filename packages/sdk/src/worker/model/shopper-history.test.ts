import { describe, expect, it } from 'vitest';
import { shopperStateOf, type JsonObject, type StoredEvent } from '@insitu/core';
import { shopperHistory } from './shopper-history.ts';

let n = 0;
/** Events given oldest first; returned newest first, as the store hands them over. */
const events = (...list: [name: string, props: JsonObject][]): StoredEvent[] =>
  list
    .map(([name, props], k) => ({ id: `e${++n}`, name, props, ts: 1000 + k, items: [] }))
    .reverse();
const one = (id: string, quantity?: number): JsonObject =>
  quantity === undefined ? { product_id: id } : { product_id: id, quantity };
const many = (...ids: string[]): JsonObject => ({
  products: ids.map((id) => ({ product_id: id })),
});
const index = new Map([
  ['a', 0],
  ['b', 1],
  ['c', 2],
  ['d', 3],
]);
const indexOf = (id: string) => index.get(id);

describe('shopperHistory', () => {
  it('keeps each item once at its latest interaction, oldest first, skipping unknown items', () => {
    const h = shopperHistory(
      shopperStateOf(
        events(
          ['Product Viewed', one('a')],
          ['Product Viewed', one('b')],
          ['Product Viewed', one('zzz')],
          ['Product Viewed', one('a')],
          ['Recommendation Shown', many('c', 'd')],
        ),
      ),
      indexOf,
    );
    expect(h.history.map((e) => [e.item, e.kind, e.ts])).toEqual([
      [1, 'view', 1001],
      [0, 'view', 1003],
    ]);
    expect(h.lastViewed).toBe(0);
    expect(h.cart).toEqual([]);
  });

  it('tracks the cart through adds, removals and orders; a later view keeps the purchase', () => {
    const h = shopperHistory(
      shopperStateOf(
        events(
          ['Product Added', one('a')],
          ['Product Added', one('b')],
          ['Order Completed', many('a', 'b')],
          ['Product Added', one('c')],
          ['Product Added', one('d', 2)],
          ['Product Removed', one('d', 1)],
          ['Product Added', one('b')],
          ['Product Removed', one('b')],
          ['Product Viewed', one('a')],
        ),
      ),
      indexOf,
    );
    expect(h.cart).toEqual([2, 3]);
    expect(h.history.map((e) => [e.item, e.kind])).toEqual([
      [2, 'cart'],
      [3, 'cart'],
      [1, 'purchase'],
      [0, 'purchase'],
    ]);
  });
});
