import { describe, expect, it } from 'vitest';
import { EVENT_LIMITS, itemsOf, validateEvent } from './validate-event.ts';
import { STANDARD_EVENTS } from './events.ts';
import type { RawEvent } from './events.ts';

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
    rejects(raw('Custom', { d: new Date() }), 'properties.d');
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
