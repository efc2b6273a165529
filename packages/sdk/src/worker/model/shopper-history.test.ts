import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@insitu/core';
import { shopperHistory } from './shopper-history.ts';

let n = 0;
/** Events given oldest first; returned newest first, as the store hands them over. */
const events = (...list: [name: string, items: string[]][]): StoredEvent[] =>
  list
    .map(([name, items], k) => ({ id: `e${++n}`, name, props: {}, ts: 1000 + k, items }))
    .reverse();
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
      events(
        ['Product Viewed', ['a']],
        ['Product Viewed', ['b']],
        ['Product Viewed', ['zzz']],
        ['Product Viewed', ['a']],
        ['Recommendation Shown', ['c', 'd']],
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
      events(
        ['Product Added', ['a']],
        ['Product Added', ['b']],
        ['Order Completed', ['a', 'b']],
        ['Product Added', ['c']],
        ['Product Added', ['d']],
        ['Product Removed', ['d']],
        ['Product Viewed', ['a']],
      ),
      indexOf,
    );
    expect(h.cart).toEqual([2]);
    expect(h.history.map((e) => [e.item, e.kind])).toEqual([
      [1, 'purchase'],
      [2, 'cart'],
      [3, 'cart'],
      [0, 'purchase'],
    ]);
  });
});
