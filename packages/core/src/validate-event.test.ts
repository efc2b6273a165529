import { describe, expect, it } from 'vitest';
import { EVENT_LIMITS, itemsOf, validateEvent } from './validate-event.ts';
import { STANDARD_EVENTS } from './events.ts';
import type { RawEvent } from './events.ts';
import { SEGMENT_V2_EXAMPLES } from './test-fixtures/segment-v2-events.ts';

let n = 0;
const raw = (name: unknown, props: unknown, extra: Partial<RawEvent> = {}): RawEvent => ({
  id: `e${++n}`,
  name,
  props,
  ts: 1_700_000_000_000,
  ...extra,
});

/** Expects a validation failure with code invalid_event on this field. */
function rejects(event: RawEvent, field: string) {
  const r = validateEvent(event);
  expect(r.ok, `expected event ${event.id} to be rejected on ${field}`).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('invalid_event');
    expect(r.error.field).toBe(field);
    expect(r.error.message.length).toBeGreaterThan(10);
  }
}

describe('validateEvent accepts', () => {
  it('a Product Viewed with its documented properties, and lists its item', () => {
    const r = validateEvent(
      raw('Product Viewed', {
        product_id: 'p1',
        name: 'Shoe',
        price: 59.9,
        category: 'Running',
        brand: 'X',
      }),
    );
    expect(r.ok && r.value.items).toEqual(['p1']);
    expect(r.ok && r.value.props['price']).toBe(59.9);
  });

  it('every standard event in a minimal valid form', () => {
    const product = { product_id: 'p1' };
    const props: Record<string, object> = {
      'Products Searched': { query: 'tent' },
      'Order Completed': { order_id: 'o1', products: [product], revenue: 10 },
    };
    for (const name of STANDARD_EVENTS) {
      const r = validateEvent(raw(name, props[name] ?? product));
      expect(r.ok, name).toBe(true);
    }
  });

  it('all 28 events of the Segment e-commerce v2 spec with their documented properties', () => {
    expect(new Set(SEGMENT_V2_EXAMPLES.map(([name]) => name)).size).toBe(28);
    for (const [name, props] of SEGMENT_V2_EXAMPLES) {
      const r = validateEvent(raw(name, props));
      expect(r.ok ? 'accepted' : `${r.error.field}: ${r.error.message}`, name).toBe('accepted');
    }
  });

  it('the spec\u2019s String types: rating, Promotion position, an object query', () => {
    for (const rating of ['5', 4, '4.5']) {
      expect(validateEvent(raw('Product Reviewed', { product_id: 'p1', rating })).ok).toBe(true);
    }
    expect(validateEvent(raw('Promotion Clicked', { position: 'top' })).ok).toBe(true);
    expect(validateEvent(raw('Promotion Clicked', { position: 1 })).ok).toBe(true);
    const search = validateEvent(raw('Products Searched', { query: { text: 'tent', size: 2 } }));
    expect(search.ok).toBe(true);
  });

  it('Order Refunded with or without its products; products name their items', () => {
    expect(validateEvent(raw('Order Refunded', { order_id: 'o1' })).ok).toBe(true);
    const r = validateEvent(
      raw('Order Refunded', { order_id: 'o1', products: [{ product_id: 3 }] }),
    );
    expect(r.ok && r.value.items).toEqual(['3']);
  });

  it('Dates, stored as their ISO string', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const r = validateEvent(raw('Custom', { at, list: [at] }));
    expect(r.ok && r.value.props).toEqual({ at: at.toISOString(), list: [at.toISOString()] });
  });

  it('custom events with any JSON, numeric product ids, and drops undefined properties', () => {
    const r = validateEvent(
      raw('Wishlist Shared', { list: [1, 'a', null, { b: true }], gone: undefined }),
    );
    expect(r.ok && r.value.props).toEqual({ list: [1, 'a', null, { b: true }] });
    const order = validateEvent(
      raw('Order Completed', {
        products: [{ product_id: 7 }, { product_id: '7' }, { product_id: 8 }],
      }),
    );
    expect(order.ok && order.value.items).toEqual(['7', '8']);
  });

  it('stores a copy, not the caller’s object', () => {
    const props = { product_id: 'p1', nested: { a: 1 } };
    const r = validateEvent(raw('Product Viewed', props));
    props.nested.a = 2;
    expect(r.ok && r.value.props['nested']).toEqual({ a: 1 });
  });
});

describe('validateEvent rejects, naming the field', () => {
  it('missing or bad names, ids and timestamps', () => {
    rejects(raw('', {}), 'name');
    rejects(raw(42, {}), 'name');
    rejects(raw('x'.repeat(EVENT_LIMITS.nameLength + 1), {}), 'name');
    rejects(raw('Custom', {}, { id: '' }), 'id');
    rejects(raw('Custom', {}, { ts: Number.NaN }), 'ts');
  });

  it('wrong types', () => {
    rejects(raw('Product Viewed', { product_id: 'p1', price: '12' }), 'properties.price');
    rejects(
      raw('Order Completed', { products: [{ product_id: 'p', quantity: 'two' }] }),
      'properties.products[0].quantity',
    );
    rejects(raw('Order Completed', { products: 'p1' }), 'properties.products');
    rejects(
      raw('Product Reviewed', { product_id: 'p1', review_body: 5 }),
      'properties.review_body',
    );
    rejects(raw('Custom', [1, 2]), 'properties');
    rejects(raw('Custom', 'text'), 'properties');
  });

  it('missing ids', () => {
    rejects(raw('Product Viewed', { name: 'Shoe' }), 'properties.product_id');
    rejects(raw('Product Added', { product_id: '  ' }), 'properties.product_id');
    rejects(
      raw('Cart Viewed', { products: [{ product_id: 'a' }, { sku: 'b' }] }),
      'properties.products[1].product_id',
    );
    rejects(raw('Order Completed', { order_id: 'o1' }), 'properties.products');
    rejects(raw('Products Searched', {}), 'properties.query');
  });

  it('strings where the spec says Number, and Number-only fields of the new events', () => {
    rejects(raw('Product Viewed', { product_id: 'p1', rating: '5' }), 'properties.rating');
    rejects(raw('Product Clicked', { product_id: 'p1', position: '3' }), 'properties.position');
    rejects(raw('Checkout Step Viewed', { step: 'two' }), 'properties.step');
    rejects(raw('Coupon Applied', { coupon_id: 'c', discount: '5%' }), 'properties.discount');
    rejects(
      raw('Order Refunded', { products: [{ sku: 'x' }] }),
      'properties.products[0].product_id',
    );
    rejects(
      raw('Cart Shared', { products: [{ product_id: 'a', price: '9' }] }),
      'properties.products[0].price',
    );
    rejects(raw('Product Shared', { share_via: 'email' }), 'properties.product_id');
    rejects(raw('Product Added to Wishlist', { wishlist_id: 'w' }), 'properties.product_id');
    rejects(raw('Product Reviewed', { product_id: 'p1', rating: true }), 'properties.rating');
    rejects(raw('Product List Filtered', { filters: 'cheap' }), 'properties.filters');
    rejects(raw('Product List Filtered', { sorts: ['asc'] }), 'properties.sorts[0]');
    rejects(raw('Products Searched', { query: ['a'] }), 'properties.query');
  });

  it('never throws: unreadable input becomes invalid_event', () => {
    const throwing = {
      get price() {
        throw new Error('boom');
      },
    };
    rejects(raw('Custom', throwing), 'properties');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    rejects(raw('Custom', { p: revoked.proxy }), 'properties');
    rejects(raw(Symbol('x'), {}), 'name');
    rejects(
      raw(() => 1, {}),
      'name',
    );
    rejects(raw('Custom', {}, { ts: 10n as unknown as number }), 'ts');
    rejects(raw('Custom', { n: 10n }), 'properties.n');
    rejects(raw('Custom', Symbol('p')), 'properties');
    for (const junk of [null, undefined, 1, 'x', Symbol('e')]) {
      const r = validateEvent(junk as unknown as RawEvent);
      expect(r.ok).toBe(false);
    }
  });

  it('strings over the length caps, with longer caps for free text', () => {
    rejects(raw('Custom', { note: 'x'.repeat(EVENT_LIMITS.stringLength + 1) }), 'properties.note');
    expect(
      validateEvent(raw('Products Searched', { query: 'x'.repeat(EVENT_LIMITS.stringLength + 1) }))
        .ok,
    ).toBe(true);
    rejects(
      raw('Products Searched', { query: 'x'.repeat(EVENT_LIMITS.textLength + 1) }),
      'properties.query',
    );
  });

  it('too many properties, entries, keys, nesting or bytes', () => {
    const wide = Object.fromEntries(
      Array.from({ length: EVENT_LIMITS.properties + 1 }, (_, i) => [`k${i}`, i]),
    );
    rejects(raw('Custom', wide), 'properties');
    rejects(raw('Custom', { nested: wide }), 'properties.nested');
    rejects(
      raw('Custom', { list: Array.from({ length: EVENT_LIMITS.products + 1 }, () => 1) }),
      'properties.list',
    );
    rejects(raw('Custom', { a: { b: { c: { d: { e: 1 } } } } }), 'properties.a.b.c.d.e');
    const big = Array.from({ length: 40 }, () => 'y'.repeat(EVENT_LIMITS.stringLength));
    rejects(raw('Custom', { a: big, b: big }), 'properties');
  });

  it('non-JSON values', () => {
    rejects(raw('Custom', { n: Number.NaN }), 'properties.n');
    rejects(raw('Custom', { n: Infinity }), 'properties.n');
    rejects(raw('Custom', { d: new Date(Number.NaN) }), 'properties.d');
    rejects(raw('Custom', { m: new Map() }), 'properties.m');
    rejects(raw('Custom', { f: () => 1 }), 'properties.f');
    rejects(raw('Custom', { b: 10n }), 'properties.b');
    rejects(raw('Custom', { list: [undefined] }), 'properties.list[0]');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(validateEvent(raw('Custom', cyclic)).ok).toBe(false);
  });

  it('__proto__, constructor and prototype keys, at any depth', () => {
    rejects(raw('Custom', JSON.parse('{"__proto__": {"polluted": true}}')), 'properties.__proto__');
    rejects(raw('Custom', { a: JSON.parse('{"__proto__": 1}') }), 'properties.a.__proto__');
    rejects(raw('Custom', { constructor: 'x' }), 'properties.constructor');
    rejects(raw('Custom', { list: [{ prototype: 1 }] }), 'properties.list[0].prototype');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('itemsOf', () => {
  it('lists product_id and products[].product_id once each, as strings', () => {
    expect(
      itemsOf({ product_id: 3, products: [{ product_id: '3' }, { product_id: 'b' }, { x: 1 }] }),
    ).toEqual(['3', 'b']);
    expect(itemsOf({})).toEqual([]);
  });
});
