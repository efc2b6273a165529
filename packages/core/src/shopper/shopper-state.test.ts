import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../events.ts';
import { purchasedItems, shopperStateOf } from './shopper-state.ts';
import { storedEvent as ev } from '../test-fixtures/stored-event.ts';

const order = (id: string, products: { product_id: string; quantity?: number }[], ts: number) =>
  ev('Order Completed', { order_id: id, products }, ts);
const kinds = (events: StoredEvent[]) =>
  Object.fromEntries(shopperStateOf(events).history.map((h) => [h.id, h.kind]));

describe('refunds and cancellations in the history', () => {
  it('an item refunded or cancelled in full is in the cart, not bought', () => {
    const events = [
      order('o1', [{ product_id: 'a' }, { product_id: 'b' }], 1),
      order('o2', [{ product_id: 'c' }], 2),
      ev('Order Refunded', { order_id: 'o1', products: [{ product_id: 'a' }] }, 3),
      ev('Order Cancelled', { order_id: 'o2' }, 4),
    ];
    expect(kinds(events)).toEqual({ a: 'cart', b: 'purchase', c: 'cart' });
    expect([...purchasedItems(shopperStateOf(events))]).toEqual(['b']);
  });

  it('stays bought when part of the quantity or another standing order keeps it', () => {
    const events = [
      order('o1', [{ product_id: 'a', quantity: 2 }], 1),
      ev('Order Refunded', { order_id: 'o1', products: [{ product_id: 'a', quantity: 1 }] }, 2),
      order('o2', [{ product_id: 'b' }], 3),
      order('o3', [{ product_id: 'b' }], 4),
      ev('Order Refunded', { order_id: 'o2' }, 5),
    ];
    expect(kinds(events)).toEqual({ a: 'purchase', b: 'purchase' });
  });

  it('a refund of an order never seen changes no standing order and no view', () => {
    const events = [
      ev('Product Viewed', { product_id: 'x' }, 1),
      ev('Order Refunded', { order_id: 'old', products: [{ product_id: 'x' }] }, 2),
    ];
    expect(kinds(events)).toEqual({ x: 'view' }); // a view stays a view
    const bought = [order('o9', [{ product_id: 'y' }], 1)];
    const gone = ev('Order Refunded', { order_id: 'unknown', products: [{ product_id: 'y' }] }, 2);
    expect(kinds([...bought, gone])).toEqual({ y: 'purchase' }); // o9 still stands
  });
});
