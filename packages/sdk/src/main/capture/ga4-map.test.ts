import { validateEvent } from '@insitu/core';
import { describe, expect, it } from 'vitest';
import { ga4ToSegment, mapDataLayerEntry } from './ga4-map.ts';

const tee = {
  item_id: 'SKU_1',
  item_name: 'Tee',
  item_brand: 'Acme',
  item_category: 'Apparel',
  item_category2: 'Shirts',
  item_variant: 'green',
  price: '9.99', // Shops often push strings; insitu's validator wants numbers.
  quantity: 2,
  index: 3,
  coupon: 'SUMMER',
  discount: 1,
};
const cap = { item_id: 'SKU_2', item_name: 'Cap', price: 5 };

/** Every mapped event must pass insitu's own validation, as track() would apply it. */
function valid(events: ReturnType<typeof ga4ToSegment>) {
  for (const [name, props] of events) {
    const r = validateEvent({ id: 'x', name, props, ts: 1 });
    expect(r.ok, `${name}: ${r.ok ? '' : r.error.message}`).toBe(true);
  }
  return events;
}

describe('ga4ToSegment', () => {
  it('maps an item to a Segment product (ids, names, numbers, position, category path)', () => {
    expect(
      valid(ga4ToSegment('view_item', { currency: 'EUR', value: 9.99, items: [tee] })),
    ).toEqual([
      [
        'Product Viewed',
        {
          product_id: 'SKU_1',
          name: 'Tee',
          brand: 'Acme',
          category: 'Apparel/Shirts',
          variant: 'green',
          price: 9.99,
          quantity: 2,
          coupon: 'SUMMER',
          position: 3,
          currency: 'EUR',
          value: 9.99,
        },
      ],
    ]);
  });

  it('gives one event per item for item events, without splitting the value', () => {
    const added = valid(
      ga4ToSegment('add_to_cart', { currency: 'EUR', value: 24.98, items: [tee, cap] }),
    );
    expect(added.map(([n, p]) => [n, p['product_id'], p['value']])).toEqual([
      ['Product Added', 'SKU_1', undefined],
      ['Product Added', 'SKU_2', undefined],
    ]);
    expect(ga4ToSegment('remove_from_cart', { items: [cap] })[0]?.[0]).toBe('Product Removed');
    expect(ga4ToSegment('add_to_wishlist', { items: [cap] })[0]?.[0]).toBe(
      'Product Added to Wishlist',
    );
    const clicked = ga4ToSegment('select_item', {
      item_list_id: 'related',
      items: [{ ...cap, index: 0 }],
    });
    expect(clicked).toEqual([
      [
        'Product Clicked',
        { list_id: 'related', product_id: 'SKU_2', name: 'Cap', price: 5, position: 0 },
      ],
    ]);
  });

  it('maps lists, cart, checkout, payment, purchase and refund', () => {
    const items = [tee, cap];
    const [list] = valid(
      ga4ToSegment('view_item_list', { item_list_id: 'l1', item_list_name: 'Outerwear', items }),
    );
    expect(list?.[0]).toBe('Product List Viewed');
    expect(list?.[1]).toMatchObject({ list_id: 'l1', list_name: 'Outerwear' });
    expect((list?.[1]['products'] as unknown[]).length).toBe(2);
    expect(valid(ga4ToSegment('view_cart', { currency: 'EUR', value: 24.98, items }))[0]?.[0]).toBe(
      'Cart Viewed',
    );
    expect(valid(ga4ToSegment('begin_checkout', { value: 24.98, coupon: 'C', items }))[0]).toEqual([
      'Checkout Started',
      expect.objectContaining({ revenue: 24.98, value: 24.98, coupon: 'C' }),
    ]);
    expect(ga4ToSegment('add_payment_info', { payment_type: 'Card', items })[0]).toEqual([
      'Payment Info Entered',
      expect.objectContaining({ payment_method: 'Card' }),
    ]);
    const purchase = {
      transaction_id: 'T1',
      value: 24.98,
      tax: 4.9,
      shipping: '5',
      currency: 'EUR',
      coupon: 'C',
      items,
    };
    expect(valid(ga4ToSegment('purchase', purchase))[0]).toEqual([
      'Order Completed',
      expect.objectContaining({
        order_id: 'T1',
        revenue: 24.98,
        tax: 4.9,
        shipping: 5,
        currency: 'EUR',
        coupon: 'C',
      }),
    ]);
    expect(ga4ToSegment('refund', purchase)[0]).toEqual([
      'Order Refunded',
      expect.objectContaining({ order_id: 'T1', total: 24.98 }),
    ]);
    // Order Completed needs products even when GA4 sent none.
    expect(valid(ga4ToSegment('purchase', { transaction_id: 'T2' }))[0]?.[1]).toEqual({
      order_id: 'T2',
      products: [],
    });
  });

  it('maps promotions (on the event or on each item) and searches', () => {
    const promo = {
      promotion_id: 'P1',
      promotion_name: 'Summer',
      creative_name: 'banner',
      creative_slot: 'top',
    };
    expect(ga4ToSegment('view_promotion', { ...promo, items: [tee] })).toEqual([
      [
        'Promotion Viewed',
        { promotion_id: 'P1', name: 'Summer', creative: 'banner', position: 'top' },
      ],
    ]);
    expect(
      ga4ToSegment('select_promotion', {
        items: [{ promotion_id: 'P2' }, { promotion_name: 'Q' }, {}],
      }),
    ).toEqual([
      ['Promotion Clicked', { promotion_id: 'P2' }],
      ['Promotion Clicked', { name: 'Q' }],
    ]);
    expect(valid(ga4ToSegment('search', { search_term: 'rain jacket' }))).toEqual([
      ['Products Searched', { query: 'rain jacket' }],
    ]);
  });

  it('skips what is not GA4 e-commerce or is malformed, without throwing', () => {
    expect(ga4ToSegment('page_view', { items: [tee] })).toEqual([]);
    expect(ga4ToSegment('view_item', null)).toEqual([]);
    expect(ga4ToSegment('view_item', { items: 'nope' })).toEqual([]);
    expect(
      ga4ToSegment('view_item', { items: [null, 7, { item_name: 'no id' }, { item_id: '' }] }),
    ).toEqual([]);
    expect(ga4ToSegment('purchase', { value: 3, items: [tee] })).toEqual([]); // no transaction_id
    expect(ga4ToSegment('search', {})).toEqual([]);
    // Numbers that are not numbers are left out rather than failing validation.
    expect(
      ga4ToSegment('view_item', { items: [{ item_id: 1, price: 'free', quantity: NaN }] }),
    ).toEqual([['Product Viewed', { product_id: '1' }]]);
  });

  it('keeps at most 100 products per event (insitu keeps no more)', () => {
    const items = Array.from({ length: 150 }, (_, i) => ({ item_id: `i${i}` }));
    const [cart] = valid(ga4ToSegment('view_cart', { items }));
    expect((cart?.[1]['products'] as unknown[]).length).toBe(100);
  });
});

describe('mapDataLayerEntry', () => {
  it('reads the GTM form, the gtag arguments form and top-level parameters', () => {
    const expected = [['Product Viewed', { product_id: 'SKU_2', name: 'Cap', price: 5 }]];
    expect(mapDataLayerEntry({ event: 'view_item', ecommerce: { items: [cap] } })).toEqual(
      expected,
    );
    const args = (function (..._a: unknown[]) {
      // eslint-disable-next-line prefer-rest-params -- gtag pushes its `arguments` object.
      return arguments;
    })('event', 'view_item', { items: [cap] });
    expect(mapDataLayerEntry(args)).toEqual(expected);
    expect(mapDataLayerEntry({ event: 'view_item', items: [cap] })).toEqual(expected);
  });

  it('ignores everything else', () => {
    for (const entry of [
      { ecommerce: null },
      { event: 'gtm.js', 'gtm.start': 1 },
      ['config', 'G-1'],
      { 0: 'js', 1: new Date() },
      'view_item',
      null,
      undefined,
      42,
    ]) {
      expect(mapDataLayerEntry(entry)).toEqual([]);
    }
  });
});
